
/// A named prompt template.
public struct Template: Codable, Sendable, Equatable, SQLRecord {
    public var name: String
    public var body: String
    public var createdAt: String
    public var updatedAt: String

    public init(name: String, body: String) {
        let now = Timestamp.now()
        self.name = name
        self.body = body
        self.createdAt = now
        self.updatedAt = now
    }

    public static let databaseTableName = "template"
    static let primaryKey = "name"
}
