import TroupeDomain

/// A prompt ready for one provider: the text and the side fields its dialect needs.
///
/// Encodes as DESIGN.md's "rendered prompt": `prompt`, `provider`, `referenced`, and
/// `characters`, `character_url`, `character_start`, `character_end` and `reference_images` when present.
public struct CompiledPrompt: Sendable, Hashable, Codable {
    /// The text to send.
    public var prompt: String
    /// The catalogue provider it was compiled for.
    public var provider: String
    /// The handles the prompt features, in order of first mention (for the lineage edges).
    public var referenced: [String]
    /// GrsAI clip characters (`{url, timestamps}`) or OpenAI-style characters (`{id}`).
    public var characters: [CompiledCharacter]?
    /// AceData's clip URL.
    public var characterURL: String?
    /// AceData's clip start, in seconds.
    public var characterStart: Double?
    /// AceData's clip end, in seconds.
    public var characterEnd: Double?
    /// The characters' reference images, in order of first mention (models that take characters as images).
    public var referenceImages: [CompiledReferenceImage]?

    /// Creates a compiled prompt.
    public init(
        prompt: String,
        provider: String,
        referenced: [String],
        characters: [CompiledCharacter]? = nil,
        characterURL: String? = nil,
        characterStart: Double? = nil,
        characterEnd: Double? = nil,
        referenceImages: [CompiledReferenceImage]? = nil
    ) {
        self.prompt = prompt
        self.provider = provider
        self.referenced = referenced
        self.characters = characters
        self.characterURL = characterURL
        self.characterStart = characterStart
        self.characterEnd = characterEnd
        self.referenceImages = referenceImages
    }

    enum CodingKeys: String, CodingKey {
        case prompt, provider, referenced, characters
        case characterURL = "character_url"
        case characterStart = "character_start"
        case characterEnd = "character_end"
        case referenceImages = "reference_images"
    }
}

/// One element of a request's `characters` array.
public struct CompiledCharacter: Sendable, Hashable, Codable {
    /// OpenAI-style: the character id.
    public var id: String?
    /// GrsAI: the clip URL.
    public var url: String?
    /// GrsAI: the clip range, encoded as `timestamps`, `"start,end"` in seconds.
    public var clip: ClipRange?

    /// GrsAI: the clip range as its `timestamps` string.
    public var timestamps: String? { clip?.description }

    /// An OpenAI-style `{id}` entry.
    public static func id(_ id: String) -> CompiledCharacter {
        CompiledCharacter(id: id, url: nil, clip: nil)
    }

    /// A GrsAI `{url, timestamps}` entry.
    public static func clip(_ clip: PromptClip) -> CompiledCharacter {
        CompiledCharacter(id: nil, url: clip.url, clip: clip.range)
    }

    /// Creates an entry.
    public init(id: String?, url: String?, clip: ClipRange?) {
        self.id = id
        self.url = url
        self.clip = clip
    }

    /// Creates an entry from a `timestamps` string (nil when it is not a valid range).
    public init(id: String?, url: String?, timestamps: String?) {
        self.init(id: id, url: url, clip: timestamps.flatMap { try? ClipRange(parsing: $0) })
    }

    enum CodingKeys: String, CodingKey {
        case id, url, timestamps
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        clip = nil
        if let text = try container.decodeIfPresent(String.self, forKey: .timestamps) {
            do { clip = try ClipRange(parsing: text) } catch {
                throw DecodingError.dataCorruptedError(forKey: .timestamps, in: container, debugDescription: error.message)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(url, forKey: .url)
        try container.encodeIfPresent(timestamps, forKey: .timestamps)
    }
}
