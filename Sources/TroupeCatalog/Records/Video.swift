import TroupeDomain

/// A video: generated here, or registered because it was made elsewhere.
public struct Video: Codable, Sendable, Equatable, SQLRecord {
    public enum Origin: String, Codable, Sendable {
        case generated
        case registered
    }

    public var id: Int64?
    public var pid: Pid?
    public var providerName: String?
    public var taskId: Int64?
    public var origin: Origin
    public var prompt: String?
    public var compiledPrompt: String?
    public var model: String?
    public var aspect: String?
    public var duration: Int?
    public var size: String?
    public var referenceAssetSha256: String?
    public var referenceURL: String?
    public var parentId: Int64?
    public var status: VideoStatus
    public var progress: Int
    public var failureReason: FailureReason?
    public var errorText: String?
    public var remoteURL: String?
    public var remoteURLExpiresAt: String?
    public var assetSha256: String?
    public var cost: Double?
    /// A pid the provider gave this video that another video already holds (see migration 0004).
    public var conflictingPid: String?
    /// Free-form notes, searched with the prompts (migration 0007); tags are in `videoTag`.
    public var notes: String = ""
    public var createdAt: String
    public var updatedAt: String

    public init(pid: Pid?, providerName: String?, origin: Origin, status: VideoStatus, prompt: String? = nil) {
        let now = Timestamp.now()
        self.pid = pid
        self.providerName = providerName
        self.origin = origin
        self.status = status
        self.prompt = prompt
        self.progress = status == .succeeded ? 100 : 0
        self.createdAt = now
        self.updatedAt = now
    }

    public static let databaseTableName = "video"

    mutating func didInsert(id: Int64) {
        self.id = id
    }


    /// How the video is named in lineage output: its pid, or `video#ID` until it has one.
    public var nodeName: String { pid?.rawValue ?? "video#\(id ?? 0)" }
}
