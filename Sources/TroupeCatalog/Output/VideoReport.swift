/// A video as `--json` shows it (snake_case keys; absent values are `null`).
public struct VideoReport: Encodable, Sendable, Equatable {
    public struct AssetRef: Encodable, Sendable, Equatable {
        public var sha256: String
        public var bytes: Int64
        public var path: String
    }

    public var pid: String?
    public var taskId: Int64?
    public var provider: String?
    public var status: String
    public var parentPid: String?
    public var prompt: String?
    public var compiledPrompt: String?
    public var model: String?
    public var aspect: String?
    public var duration: Int?
    public var size: String?
    public var url: String?
    public var urlExpiresAt: String?
    public var failureReason: String?
    public var error: String?
    public var asset: AssetRef?
    public var features: [String]
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case pid, taskId = "task_id", provider, status, parentPid = "parent_pid", prompt
        case compiledPrompt = "compiled_prompt", model, aspect, duration, size, url
        case urlExpiresAt = "url_expires_at", failureReason = "failure_reason", error, asset, features
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pid, forKey: .pid)
        try c.encode(taskId, forKey: .taskId)
        try c.encode(provider, forKey: .provider)
        try c.encode(status, forKey: .status)
        try c.encode(parentPid, forKey: .parentPid)
        try c.encode(prompt, forKey: .prompt)
        try c.encode(compiledPrompt, forKey: .compiledPrompt)
        try c.encode(model, forKey: .model)
        try c.encode(aspect, forKey: .aspect)
        try c.encode(duration, forKey: .duration)
        try c.encode(size, forKey: .size)
        try c.encode(url, forKey: .url)
        try c.encode(urlExpiresAt, forKey: .urlExpiresAt)
        try c.encode(failureReason, forKey: .failureReason)
        try c.encode(error, forKey: .error)
        try c.encode(asset, forKey: .asset)
        try c.encode(features, forKey: .features)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// A character as `--json` shows it.
public struct CharacterReport: Encodable, Sendable, Equatable {
    public struct Source: Encodable, Sendable, Equatable {
        public var kind: String
        public var pid: String?
        public var asset: String?
        public var url: String?
        public var clip: [Double]?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            if let pid { try c.encode(pid, forKey: .pid) }
            if let asset { try c.encode(asset, forKey: .asset) }
            if let url { try c.encode(url, forKey: .url) }
            try c.encode(clip, forKey: .clip)
        }

        enum CodingKeys: String, CodingKey { case kind, pid, asset, url, clip }
    }

    public var handle: String
    public var characterId: String?
    public var provider: String?
    public var status: String
    public var source: Source
    public var notes: String
    public var tags: [String]
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case handle, characterId = "character_id", provider, status, source, notes, tags, createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(handle, forKey: .handle)
        try c.encode(characterId, forKey: .characterId)
        try c.encode(provider, forKey: .provider)
        try c.encode(status, forKey: .status)
        try c.encode(source, forKey: .source)
        try c.encode(notes, forKey: .notes)
        try c.encode(tags, forKey: .tags)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// A provider as `--json` shows it (never a key: only the variable's name).
public struct ProviderReport: Encodable, Sendable, Equatable {
    public var name: String
    public var kind: String
    public var baseUrl: String
    public var keyEnv: String?
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

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(baseUrl, forKey: .baseUrl)
        try c.encode(keyEnv, forKey: .keyEnv)
        try c.encode(isDefault, forKey: .isDefault)
    }
}
