/// The request shape a provider expects for characters in a prompt.
public enum Dialect: String, Sendable, Hashable, Codable, CaseIterable {
    /// GrsAI: `@<character_id>` in the text; clip-only characters as a `characters` array.
    case grsai
    /// AceData: at most one clip character as `character_url` + `character_start`/`character_end`.
    case acedata
    /// OpenAI-style: `characters: [{id}]` (at most two) and each character's name in the text.
    case openai

    /// The most distinct characters one prompt may reference, or `nil` when unlimited.
    public var maxCharacters: Int? {
        switch self {
        case .grsai: nil
        case .acedata: 1
        case .openai: 2
        }
    }

    /// A human name for messages.
    public var displayName: String {
        switch self {
        case .grsai: "GrsAI"
        case .acedata: "AceData"
        case .openai: "OpenAI-style"
        }
    }
}

/// Where a prompt is going: the catalogue provider's name and its dialect.
public struct PromptTarget: Sendable, Hashable {
    /// The catalogue provider name (`grsai`, `grsai-cn`, `sim` …).
    public var provider: String
    /// The provider's dialect.
    public var dialect: Dialect
    /// Other providers whose character ids this provider also accepts (e.g. two hosts of one service).
    public var sharesCharacterIDsWith: Set<String>

    /// Creates a target.
    public init(provider: String, dialect: Dialect, sharesCharacterIDsWith: Set<String> = []) {
        self.provider = provider
        self.dialect = dialect
        self.sharesCharacterIDsWith = sharesCharacterIDsWith
    }

    /// Whether a character id made on `provider` can be sent to this target.
    public func acceptsCharacterIDs(from provider: String) -> Bool {
        provider == self.provider || sharesCharacterIDsWith.contains(provider)
    }
}
