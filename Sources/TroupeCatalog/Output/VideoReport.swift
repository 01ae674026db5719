/// A video as `--json` shows it (snake_case keys; absent values are `null`).
public struct VideoReport: Encodable, Sendable, Equatable {
    public struct AssetRef: Encodable, Sendable, Equatable {
        public var sha256: String
        public var bytes: Int64
        public var path: String
    }

    @NullEncoded public var pid: String?
    @NullEncoded public var taskId: Int64?
    @NullEncoded public var provider: String?
    public var status: String
    @NullEncoded public var parentPid: String?
    @NullEncoded public var prompt: String?
    @NullEncoded public var compiledPrompt: String?
    @NullEncoded public var model: String?
    @NullEncoded public var aspect: String?
    @NullEncoded public var duration: Int?
    @NullEncoded public var size: String?
    @NullEncoded public var url: String?
    @NullEncoded public var urlExpiresAt: String?
    @NullEncoded public var failureReason: String?
    @NullEncoded public var error: String?
    @NullEncoded public var asset: AssetRef?
    public var features: [String]
    public var createdAt: String
    /// The local id: names a video without a pid (`video#12`).
    public var id: Int64 = 0
    /// A pid the provider gave this video that another video holds, or gave another video too.
    @NullEncoded public var pidConflict: String? = nil
    public var tags: [String] = []
    public var notes: String = ""

    enum CodingKeys: String, CodingKey {
        case pid, taskId = "task_id", provider, status, parentPid = "parent_pid", prompt
        case compiledPrompt = "compiled_prompt", model, aspect, duration, size, url
        case urlExpiresAt = "url_expires_at", failureReason = "failure_reason", error, asset, features
        case createdAt = "created_at", id, pidConflict = "pid_conflict", tags, notes
    }

}

/// A character as `--json` shows it.
public struct CharacterReport: Encodable, Sendable, Equatable {
    public struct Source: Encodable, Sendable, Equatable {
        public var kind: String
        public var pid: String?
        public var asset: String?
        public var url: String?
        @NullEncoded public var clip: [Double]?


        enum CodingKeys: String, CodingKey { case kind, pid, asset, url, clip }
    }

    /// The character's reference image: where it came from, and its URL or vault file.
    public struct Image: Encodable, Sendable, Equatable {
        /// `file`, `url` or `clip-frame`.
        public var source: String
        @NullEncoded public var url: String?
        @NullEncoded public var sha256: String?
        /// The vault file's path (`nil` for a URL, or when the report was made without the vault's path).
        @NullEncoded public var path: String?

        enum CodingKeys: String, CodingKey { case source, url, sha256, path }
    }

    public var handle: String
    @NullEncoded public var characterId: String?
    @NullEncoded public var provider: String?
    public var status: String
    public var source: Source
    @NullEncoded public var image: Image?
    public var notes: String
    public var tags: [String]
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case handle, characterId = "character_id", provider, status, source, image, notes, tags, createdAt = "created_at"
    }

}

/// A provider as `--json` shows it (never a key: only the variable's name).
public struct ProviderReport: Encodable, Sendable, Equatable {
    public var name: String
    public var kind: String
    public var baseUrl: String
    @NullEncoded public var keyEnv: String?
    public var isDefault: Bool

    public init(name: String, kind: String, baseUrl: String, keyEnv: String?, isDefault: Bool) {
        self.name = name
        self.kind = kind
        self.baseUrl = baseUrl
        self.keyEnv = keyEnv
        self.isDefault = isDefault
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, baseUrl = "base_url", keyEnv = "key_env", isDefault = "default"
    }

}
