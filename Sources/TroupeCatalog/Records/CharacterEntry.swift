import TroupeDomain

/// A catalogued character: a handle for a provider's character id, or for a clip (clip-only).
public struct CharacterEntry: Codable, Sendable, Equatable, SQLRecord {
    /// Where the character came from.
    public enum SourceKind: String, Codable, Sendable {
        /// Made from a clip (a local file or a URL) with `sora-upload-character`.
        case upload
        /// Extracted from a generated video with `sora-create-character`.
        case extract
        /// Made elsewhere and registered by id.
        case registered
        /// No remote id: the clip travels with every request.
        case clip
    }

    public var id: Int64?
    public var handle: Handle
    public var providerName: String?
    public var characterId: CharacterID?
    public var sourceKind: SourceKind
    public var sourceVideoId: Int64?
    public var sourceAssetSha256: String?
    public var sourceURL: String?
    public var clipStart: Double?
    public var clipEnd: Double?
    public var status: CharacterStatus
    public var taskId: Int64?
    public var notes: String
    public var tags: String
    /// The reference image's vault file, for models that take characters as images.
    public var imageAssetSha256: String?
    /// The reference image's URL.
    public var imageURL: String?
    /// Where the reference image came from.
    public var imageSource: CharacterImage.Source?
    public var createdAt: String

    /// What the character is, for messages: `character ID`, `a clip character` or `an image-only character`.
    public var formsText: String {
        if let characterId { return "character \(characterId)" }
        if clipStart != nil || sourceURL != nil { return "a clip character" }
        if imageAssetSha256 != nil || imageURL != nil { return "an image-only character" }
        return "a character"
    }
    public var updatedAt: String

    public init(handle: Handle, providerName: String?, characterId: CharacterID?, sourceKind: SourceKind,
                status: CharacterStatus, clip: ClipRange? = nil) {
        let now = Timestamp.now()
        self.handle = handle
        self.providerName = providerName
        self.characterId = characterId
        self.sourceKind = sourceKind
        self.status = status
        self.clipStart = clip?.start
        self.clipEnd = clip?.end
        self.notes = ""
        self.tags = ""
        self.createdAt = now
        self.updatedAt = now
    }

    public static let databaseTableName = "character"

    mutating func didInsert(id: Int64) {
        self.id = id
    }


    /// The clip range, when the character was made from one.
    public var clip: ClipRange? {
        guard let clipStart, let clipEnd else { return nil }
        return try? ClipRange(start: clipStart, end: clipEnd)
    }

    /// The reference image, when it has one.
    public var image: CharacterImage? {
        get {
            guard let imageSource, imageAssetSha256 != nil || imageURL != nil else { return nil }
            return CharacterImage(source: imageSource, sha256: imageAssetSha256, url: imageURL)
        }
        set {
            imageSource = newValue?.source
            imageAssetSha256 = newValue?.sha256
            imageURL = newValue?.url
        }
    }

    /// The tags as a list.
    public var tagList: [String] {
        tags.split(separator: ",").map { String($0) }
    }
}
