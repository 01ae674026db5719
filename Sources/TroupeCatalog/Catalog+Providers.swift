import Foundation
import TroupeDomain

extension Catalog {
    /// All providers, by name.
    public func providers() throws -> [Provider] {
        try writer.read { db in try db.all(Provider.self, orderedBy: "name") }
    }

    /// The provider called `name`; the error lists the known ones.
    public func provider(named name: String) throws -> Provider {
        try writer.read { db in try Self.provider(named: name, db) }
    }

    static func provider(named name: String, _ db: any SQLConnection) throws -> Provider {
        if let provider = try db.find(Provider.self, key: name) { return provider }
        let known = try db.values(String.self, "SELECT name FROM provider ORDER BY name")
        throw CatalogError("unknown provider '\(name)': known providers are \(known.joined(separator: ", "))")
    }

    /// The provider chosen with `troupe provider use`.
    public func defaultProvider() throws -> Provider {
        try writer.read { db in
            let name = try db.value(String.self, "SELECT value FROM setting WHERE name = 'defaultProvider'") ?? "grsai"
            return try Self.provider(named: name, db)
        }
    }

    /// Adds a provider. Its key is read from the environment variable `keyEnv` when needed.
    @discardableResult
    public func addProvider(name: String, kind: ProviderKind, baseURL: String, keyEnv: String?) throws -> Provider {
        _ = try Handle(name)
        let baseURL = try Provider.validatedBaseURL(baseURL, kind: kind)
        if let keyEnv { try Provider.validateKeyEnv(keyEnv) }
        var provider = Provider(name: name, kind: kind, baseURL: baseURL, keyEnv: keyEnv)
        try writer.write { db in
            if try db.exists(Provider.self, key: name) {
                throw CatalogError("provider '\(name)' already exists: remove it first or choose another name")
            }
            try db.insert(&provider, orSay: "provider '\(name)' already exists: remove it first or choose another name")
        }
        return provider
    }

    /// Removes a provider that nothing refers to, with the model rows added for it alone (their
    /// names are returned, so that the removal can say so).
    @discardableResult
    public func removeProvider(named name: String) throws -> [String] {
        try writer.write { db in
            _ = try Self.provider(named: name, db)
            let current = try db.value(String.self, "SELECT value FROM setting WHERE name = 'defaultProvider'")
            if current == name {
                throw CatalogError("provider '\(name)' is the default: choose another with `troupe provider use NAME` first")
            }
            let uses = try db.value(Int.self, """
                SELECT (SELECT count(*) FROM video WHERE providerName = ?1)
                     + (SELECT count(*) FROM character WHERE providerName = ?1)
                     + (SELECT count(*) FROM task WHERE providerName = ?1)
                """, [name]) ?? 0
            if uses > 0 {
                throw CatalogError("provider '\(name)' is used by \(uses) catalogued videos, characters or tasks: it cannot be removed")
            }
            // Its own model rows go with it (ON DELETE CASCADE): named first, for the message.
            let models = try db.values(String.self, "SELECT name FROM model WHERE providerName = ? ORDER BY name", [name])
            _ = try db.delete(Provider.self, key: name)
            return models
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
        try updateProvider(named: name, baseURL: baseURL)
    }

    /// What `provider set` may change about the key.
    public enum KeySource: Sendable, Equatable {
        /// Read from this environment variable.
        case variable(String)
        /// No key of its own (the local simulator takes any).
        case noKey
    }

    /// Edits a provider: its base URL and where its key comes from, checked as `addProvider`
    /// checks them. Returns the provider as stored.
    @discardableResult
    public func updateProvider(named name: String, baseURL: String? = nil, key: KeySource? = nil) throws -> Provider {
        if case .variable(let variable)? = key { try Provider.validateKeyEnv(variable) }
        return try writer.write { db in
            var provider = try Self.provider(named: name, db)
            if let baseURL { provider.baseURL = try Provider.validatedBaseURL(baseURL, kind: provider.kind) }
            switch key {
            case .variable(let variable)?: provider.keyEnv = variable
            case .noKey?: provider.keyEnv = nil
            case nil: break
            }
            try db.update(provider)
            return provider
        }
    }
}
