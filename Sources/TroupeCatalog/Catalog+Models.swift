import Foundation
import TroupeDomain

extension Catalog {
    /// The model table's rows: all, one kind's, or those one provider can use.
    ///
    /// For a provider: its kind's kind-wide rows plus its own, which shadow kind-wide rows of the
    /// same name. Sorted by kind, then provider, default first, then by name.
    public func models(kind: ProviderKind? = nil, provider: String? = nil) throws -> [ModelSpec] {
        try writer.read { db in
            if let provider {
                let provider = try Self.provider(named: provider, db)
                if let kind, kind != provider.kind {
                    throw CatalogError("provider '\(provider.name)' is \(provider.kind.rawValue), not \(kind.rawValue)")
                }
                return try Self.models(usableBy: provider, db)
            }
            var sql = "SELECT * FROM model"
            var arguments: [any SQLValueConvertible] = []
            if let kind {
                sql += " WHERE providerKind = ?"
                arguments = [kind.rawValue]
            }
            return try Self.sorted(db.all(ModelRow.self, sql, arguments).map { try $0.spec() })
        }
    }

    /// The model a generation on `provider` uses; `nil` asks for the default.
    ///
    /// The provider's own row named `name` first, then its kind's (the default likewise). The
    /// error names the models it can use.
    public func resolveModel(_ name: VideoModel?, for provider: Provider) throws -> ModelSpec {
        try writer.read { db in
            let usable = try Self.models(usableBy: provider, db)
            let found: ModelSpec?
            if let name {
                found = usable.first { $0.name.rawValue.lowercased() == name.rawValue.lowercased() }
            } else {
                found = usable.first(where: \.isDefault)
            }
            if let found { return found }
            let names = usable.map(\.name.rawValue)
            let hint = "(`troupe model list --provider \(provider.name)`)"
            let use = names.isEmpty ? "it has no models: add one with `troupe model add NAME --provider \(provider.name)`"
                : "use \(names.joined(separator: ", ")) \(hint)"
            guard let name else {
                throw CatalogError("no default model on provider \(provider.name) (\(provider.kind.rawValue)): name one with --model; \(use)")
            }
            let near = Suggestions.nearest(to: name.rawValue, in: Set(names))
            let guess = near.isEmpty ? "" : "did you mean \(near.joined(separator: ", "))? "
            throw CatalogError("unknown model '\(name.rawValue)' on provider \(provider.name) (\(provider.kind.rawValue)): \(guess)\(use)")
        }
    }

    /// The one row named `name`, for `model show`.
    ///
    /// On `provider` as `resolveModel` finds it, or among `kind`'s rows (its kind-wide row
    /// first), or anywhere when it has one row only.
    public func model(named name: VideoModel, kind: ProviderKind? = nil, provider: String? = nil) throws -> ModelSpec {
        if let provider {
            let provider = try self.provider(named: provider)
            if let kind, kind != provider.kind {
                throw CatalogError("provider '\(provider.name)' is \(provider.kind.rawValue), not \(kind.rawValue)")
            }
            return try resolveModel(name, for: provider)
        }
        return try writer.read { db in
            let rows = try db.all(ModelRow.self, "SELECT * FROM model WHERE lower(name) = lower(?)", [name.rawValue])
            let candidates = try Self.sorted(rows.map { try $0.spec() }).filter { kind == nil || $0.providerKind == kind }
            if candidates.count == 1 { return candidates[0] }
            if kind != nil, let kindWide = candidates.first(where: { $0.provider == nil }) { return kindWide }
            if candidates.isEmpty {
                let known = try db.values(String.self, "SELECT DISTINCT name FROM model" + (kind == nil ? "" : " WHERE providerKind = ?"),
                                                kind.map { [$0.rawValue] } ?? [])
                let near = Suggestions.nearest(to: name.rawValue, in: Set(known))
                let scope = kind.map { " on \($0.rawValue)" } ?? ""
                let names = Array(Set(known)).sorted().joined(separator: ", ")
                let hint = !near.isEmpty ? "did you mean \(near.joined(separator: ", "))?"
                    : known.isEmpty ? "`troupe model list` shows them" : "use \(names) (`troupe model list\(kind.map { " --kind \($0.rawValue)" } ?? "")`)"
                throw CatalogError("unknown model '\(name.rawValue)'\(scope): \(hint)")
            }
            let places = candidates.map { $0.provider.map { "provider \($0)" } ?? $0.providerKind.rawValue }
            throw CatalogError("model '\(name.rawValue)' is on \(places.joined(separator: ", ")): choose one with --kind KIND or --provider NAME")
        }
    }

    /// What `addModel` did besides adding.
    public struct ModelAddition: Sendable, Equatable {
        /// The row added, as stored.
        public var model: ModelSpec
        /// The default it replaced (added with `isDefault` where another was the default).
        public var replacedDefault: VideoModel?
    }

    /// Adds a row to the model table, checked with `validate()`.
    ///
    /// A provider's own row needs the provider, of the spec's kind. A duplicate is refused. A
    /// default replaces the old default of its scope (the kind's kind-wide rows, or the
    /// provider's own rows) and says which it replaced.
    @discardableResult
    public func addModel(_ spec: ModelSpec) throws -> ModelAddition {
        try spec.validate()
        if let service = spec.service {
            guard spec.family.needsService else {
                throw CatalogError("\(spec.family.rawValue) takes no service path: leave --service out")
            }
            let allowed = (1...40).contains(service.utf8.count) && service.utf8.allSatisfy {
                NameRules.isAlphanumeric($0) && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
            guard allowed else {
                throw CatalogError("invalid service '\(service)': use 1–40 lower-case letters, digits, '-' or '_' (the path segment of /{service}/videos, e.g. seedance)")
            }
        }
        return try writer.write { db in
            if let name = spec.provider {
                let provider = try Self.provider(named: name, db)
                guard provider.kind == spec.providerKind else {
                    throw CatalogError("provider '\(name)' is \(provider.kind.rawValue), not \(spec.providerKind.rawValue)")
                }
            }
            let place = spec.provider.map { "provider \($0)" } ?? spec.providerKind.rawValue
            let option = spec.provider.map { "--provider \($0)" } ?? "--kind \(spec.providerKind.rawValue)"
            if let existing = try Self.modelRow(spec.name, kind: spec.providerKind, provider: spec.provider, db) {
                let same = existing.name == spec.name.rawValue ? "" : " as '\(existing.name)' (names match regardless of case)"
                throw CatalogError("model '\(spec.name.rawValue)' already exists on \(place)\(same): remove it first (`troupe model remove \(existing.name) \(option)`) or choose another name")
            }
            var replaced: VideoModel?
            if spec.isDefault {
                let scope = "providerKind = ? AND coalesce(providerName, '') = ? AND isDefault = 1"
                let arguments: [any SQLValueConvertible] = [spec.providerKind.rawValue, spec.provider ?? ""]
                replaced = try db.value(String.self, "SELECT name FROM model WHERE \(scope)", arguments).flatMap(VideoModel.init(rawValue:))
                try db.execute("UPDATE model SET isDefault = 0 WHERE \(scope)", arguments)
            }
            var row = ModelRow(spec)
            try db.insert(&row)
            let stored = try Self.modelRow(spec.name, kind: spec.providerKind, provider: spec.provider, db)?.spec() ?? spec
            return ModelAddition(model: stored, replacedDefault: replaced)
        }
    }

    /// Removes a row and returns it: the kind-wide one (`kind`) or a provider's own (`provider`).
    ///
    /// With neither, the one row of that name (several: the error says how to choose). Refused
    /// while an unsettled task's video was made with it (`troupe task resume` settles them), and
    /// for a kind's default.
    @discardableResult
    public func removeModel(name: VideoModel, kind: ProviderKind? = nil, provider: String? = nil) throws -> ModelSpec {
        try writer.write { db in
            var (kind, provider) = (kind, provider)
            if kind == nil && provider == nil {
                let rows = try db.all(ModelRow.self, "SELECT * FROM model WHERE lower(name) = lower(?)", [name.rawValue])
                guard rows.count == 1, let only = rows.first else {
                    if rows.isEmpty {
                        let known = try db.values(String.self, "SELECT DISTINCT name FROM model")
                        let near = Suggestions.nearest(to: name.rawValue, in: Set(known))
                        throw CatalogError("no model '\(name.rawValue)': " + (near.isEmpty ? "`troupe model list` shows the rows" : "did you mean \(near.joined(separator: ", "))?"))
                    }
                    let places = try Self.sorted(rows.map { try $0.spec() }).map { $0.provider.map { "provider \($0)" } ?? $0.providerKind.rawValue }
                    throw CatalogError("model '\(name.rawValue)' is on \(places.joined(separator: ", ")): say which with --kind KIND or --provider NAME")
                }
                (kind, provider) = (ProviderKind(rawValue: only.providerKind), only.providerName)
            }
            let owner = try provider.map { try Self.provider(named: $0, db) }
            guard let kind = owner?.kind ?? kind else { throw CatalogError("the model table's row '\(name.rawValue)' has an unreadable provider kind") }
            if let owner, owner.kind != kind {
                throw CatalogError("provider '\(owner.name)' is \(owner.kind.rawValue), not \(kind.rawValue)")
            }
            let place = provider.map { "provider \($0)" } ?? kind.rawValue
            guard let row = try Self.modelRow(name, kind: kind, provider: provider, db) else {
                if let provider, let shared = try Self.modelRow(name, kind: kind, provider: nil, db) {
                    throw CatalogError("model '\(shared.name)' on provider \(provider) is the \(kind.rawValue) row every \(kind.rawValue) provider uses, not provider \(provider)'s own: remove it with --kind \(kind.rawValue) (`troupe model remove \(shared.name) --kind \(kind.rawValue)`)")
                }
                let known = try db.values(String.self, "SELECT name FROM model WHERE providerKind = ? AND coalesce(providerName, '') = ?",
                                                [kind.rawValue, provider ?? ""])
                let near = Suggestions.nearest(to: name.rawValue, in: Set(known))
                let hint = near.isEmpty ? "`troupe model list` shows the rows" : "did you mean \(near.joined(separator: ", "))?"
                throw CatalogError("no model '\(name.rawValue)' on \(place): \(hint)")
            }
            let spec = try row.spec()
            if spec.isDefault && provider == nil {
                throw CatalogError("model '\(spec.name.rawValue)' is the default on \(kind.rawValue): make another the default first (`troupe model add NAME --kind \(kind.rawValue) … --default`)")
            }
            // Tasks not settled (not finished, or finished without their file) whose video names
            // this model on a provider that reaches this row.
            let open = try db.values(Int64.self, """
                SELECT DISTINCT task.id FROM task
                JOIN video ON video.taskId = task.id
                JOIN provider ON provider.name = task.providerName
                WHERE lower(video.model) = lower(?1) AND provider.kind = ?2
                  AND (CASE WHEN CAST(?3 AS TEXT) IS NULL
                       THEN NOT EXISTS (SELECT 1 FROM model own WHERE own.providerName = provider.name AND lower(own.name) = lower(?1))
                       ELSE provider.name = ?3 END)
                  AND (task.state NOT IN ('succeeded', 'failed')
                       OR (task.state = 'succeeded' AND video.assetSha256 IS NULL AND video.status = 'succeeded'))
                ORDER BY task.id
                """, [spec.name.rawValue, kind.rawValue, provider])
            if !open.isEmpty {
                let ids = open.map(String.init).joined(separator: ", ")
                throw CatalogError("model '\(spec.name.rawValue)' on \(place) is in use by unsettled task\(open.count == 1 ? "" : "s") \(ids): `troupe task resume` settles them, then remove it")
            }
            try db.delete(ModelRow.self, key: row.id)
            return spec
        }
    }

    // MARK: - Rows

    static func models(usableBy provider: Provider, _ db: any SQLConnection) throws -> [ModelSpec] {
        let rows = try db.all(ModelRow.self, "SELECT * FROM model WHERE providerKind = ? AND (providerName IS NULL OR providerName = ?)",
                                         [provider.kind.rawValue, provider.name])
        let specs = try rows.map { try $0.spec() }
        let own = specs.filter { $0.provider != nil }
        let ownNames = Set(own.map { $0.name.rawValue.lowercased() })
        let ownDefault = own.contains(where: \.isDefault)
        let kindWide = specs.filter { $0.provider == nil && !ownNames.contains($0.name.rawValue.lowercased()) }.map { spec in
            var spec = spec
            if ownDefault { spec.isDefault = false }
            return spec
        }
        return (own + kindWide).sorted { ($0.isDefault ? 0 : 1, $0.name.rawValue) < ($1.isDefault ? 0 : 1, $1.name.rawValue) }
    }

    static func modelRow(_ name: VideoModel, kind: ProviderKind, provider: String?, _ db: any SQLConnection) throws -> ModelRow? {
        try db.one(ModelRow.self, "SELECT * FROM model WHERE lower(name) = lower(?) AND providerKind = ? AND coalesce(providerName, '') = ?",
                              [name.rawValue, kind.rawValue, provider ?? ""])
    }

    static func sorted(_ specs: [ModelSpec]) -> [ModelSpec] {
        func key(_ spec: ModelSpec) -> (Int, String, Int, String) {
            (ProviderKind.allCases.firstIndex(of: spec.providerKind) ?? 0, spec.provider ?? "", spec.isDefault ? 0 : 1, spec.name.rawValue)
        }
        return specs.sorted { key($0) < key($1) }
    }
}
