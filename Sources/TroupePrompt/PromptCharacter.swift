import TroupeDomain

/// A character as the prompt compiler sees it: what the catalogue knows about one handle.
public struct PromptCharacter: Sendable, Hashable {
    /// The catalogue handle, without `@`.
    public var handle: String
    /// The name of the catalogue provider the character was made on.
    public var provider: String
    /// The dialect of that provider.
    public var dialect: ProviderKind
    /// The remote character id, when the provider keeps one.
    public var characterID: String?
    /// The clip the character comes from, when it can travel as a clip.
    public var clip: PromptClip?
    /// Whether the character can be used yet.
    public var status: CharacterStatus
    /// The name written into the prompt by dialects that name characters (AceData, OpenAI-style),
    /// and by models that take characters as reference images.
    public var displayName: String
    /// Its reference image, for models that take characters as images.
    public var image: PromptImage?
    /// Whether its source clip is at hand for `troupe character image HANDLE --from-clip` (a refusal says so).
    public var hasSourceClip: Bool

    /// Creates a character; `displayName` defaults to the handle, `hasSourceClip` to whether it has a clip.
    public init(
        handle: String,
        provider: String,
        dialect: ProviderKind,
        characterID: String? = nil,
        clip: PromptClip? = nil,
        status: CharacterStatus = .ready,
        displayName: String? = nil,
        image: PromptImage? = nil,
        hasSourceClip: Bool? = nil
    ) {
        self.handle = handle
        self.provider = provider
        self.dialect = dialect
        self.characterID = characterID
        self.clip = clip
        self.status = status
        self.displayName = displayName ?? handle
        self.image = image
        self.hasSourceClip = hasSourceClip ?? (clip != nil)
    }
}

/// A clip: a video URL and a range in seconds.
public struct PromptClip: Sendable, Hashable, Codable {
    /// The clip video URL.
    public var url: String
    /// Start, in seconds.
    public var start: Double
    /// End, in seconds.
    public var end: Double

    /// Creates a clip.
    public init(url: String, start: Double, end: Double) {
        self.url = url
        self.start = start
        self.end = end
    }

    /// The range as a `ClipRange`, nil when it is not a valid one.
    public var range: ClipRange? { try? ClipRange(start: start, end: end) }
}
