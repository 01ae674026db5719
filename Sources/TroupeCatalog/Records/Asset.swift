
/// A file in the vault, named by its SHA-256.
public struct Asset: Codable, Sendable, Equatable, SQLRecord {
    public var sha256: String
    public var bytes: Int64
    public var mediaType: String
    public var durationSeconds: Double?
    public var width: Int?
    public var height: Int?
    public var originURL: String?

    public init(sha256: String, bytes: Int64, mediaType: String, durationSeconds: Double? = nil,
                width: Int? = nil, height: Int? = nil, originURL: String? = nil) {
        self.sha256 = sha256
        self.bytes = bytes
        self.mediaType = mediaType
        self.durationSeconds = durationSeconds
        self.width = width
        self.height = height
        self.originURL = originURL
    }

    public static let databaseTableName = "asset"
    static let primaryKey = "sha256"
}
