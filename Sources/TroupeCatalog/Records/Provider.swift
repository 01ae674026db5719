import TroupeDomain

/// A provider endpoint. The key itself is never stored: only the environment variable's name.
public struct Provider: Codable, Sendable, Equatable, SQLRecord {
    public var name: String
    public var kind: ProviderKind
    public var baseURL: String
    public var keyEnv: String?

    public init(name: String, kind: ProviderKind, baseURL: String, keyEnv: String?) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.keyEnv = keyEnv
    }

    public static let databaseTableName = "provider"
    static let primaryKey = "name"

}
