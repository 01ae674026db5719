import Foundation
import GRDB

extension Catalog {
    /// All providers, by name.
    public func providers() throws -> [Provider] {
        try writer.read { db in try Provider.order(Provider.Columns.name).fetchAll(db) }
    }

    /// The provider called `name`; the error lists the known ones.
    public func provider(named name: String) throws -> Provider {
        try writer.read { db in try Self.provider(named: name, db) }
    }

    static func provider(named name: String, _ db: Database) throws -> Provider {
        if let provider = try Provider.fetchOne(db, key: name) { return provider }
        let known = try String.fetchAll(db, sql: "SELECT name FROM provider ORDER BY name")
        throw CatalogError("unknown provider '\(name)': known providers are \(known.joined(separator: ", "))")
    }

    /// The provider chosen with `troupe provider use`.
    public func defaultProvider() throws -> Provider {
        try writer.read { db in
            let name = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'defaultProvider'") ?? "grsai"
            return try Self.provider(named: name, db)
        }
    }

    /// Adds a provider. Its key is read from the environment variable `keyEnv` when needed.
    @discardableResult
    public func addProvider(name: String, kind: ProviderKind, baseURL: String, keyEnv: String?) throws -> Provider {
        _ = try Handle(name)
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw CatalogError("invalid base URL '\(baseURL)': use an http:// or https:// URL, e.g. https://grsaiapi.com")
        }
        if let keyEnv {
            let valid = !keyEnv.isEmpty && keyEnv.utf8.allSatisfy { byte in
                (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95
            } && !(keyEnv.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? true)
            guard valid else {
                throw CatalogError("invalid key variable '\(keyEnv)': name an environment variable (capital letters, digits, '_'), e.g. GRSAI_API_KEY — never the key itself")
            }
        }
        let provider = Provider(name: name, kind: kind, baseURL: baseURL, keyEnv: keyEnv)
        try writer.write { db in
            if try Provider.exists(db, key: name) {
                throw CatalogError("provider '\(name)' already exists: remove it first or choose another name")
            }
            try provider.insert(db)
        }
        return provider
    }

    /// Removes a provider that nothing refers to.
    public func removeProvider(named name: String) throws {
        try writer.write { db in
            _ = try Self.provider(named: name, db)
            let current = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'defaultProvider'")
            if current == name {
                throw CatalogError("provider '\(name)' is the default: choose another with `troupe provider use NAME` first")
            }
            let uses = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM video WHERE providerName = ?1)
                     + (SELECT count(*) FROM character WHERE providerName = ?1)
                     + (SELECT count(*) FROM task WHERE providerName = ?1)
                """, arguments: [name]) ?? 0
            if uses > 0 {
                throw CatalogError("provider '\(name)' is used by \(uses) catalogued videos, characters or tasks: it cannot be removed")
            }
            _ = try Provider.deleteOne(db, key: name)
        }
    }

    /// Makes `name` the provider used when `--provider` is not given.
    public func useProvider(named name: String) throws {
        try writer.write { db in
            _ = try Self.provider(named: name, db)
            try setSetting("defaultProvider", name, db)
        }
    }

    /// Points a provider at another base URL (e.g. the simulator on another port).
    public func setBaseURL(_ baseURL: String, ofProvider name: String) throws {
        try writer.write { db in
            var provider = try Self.provider(named: name, db)
            provider.baseURL = baseURL
            try provider.update(db)
        }
    }
}
