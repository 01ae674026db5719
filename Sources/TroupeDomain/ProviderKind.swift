/// The API dialect a provider speaks, and so the request shape it expects for characters in a prompt.
public enum ProviderKind: String, CaseIterable, Sendable, Codable {
    /// GrsAI: `@<character_id>` in the text; clip-only characters as a `characters` array.
    case grsai
    /// AceData: at most one clip character as `character_url` + `character_start`/`character_end`.
    case acedata
    /// OpenAI-style: `characters: [{id}]` (at most two) and each character's name in the text.
    case openai

    public init(parsing text: String) throws(DomainError) {
        guard let kind = ProviderKind(rawValue: text.lowercased()) else {
            throw DomainError("unknown provider kind '\(text)': use one of \(ProviderKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }

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

    /// The longest clip a character may be made from, in seconds.
    public var maximumClipSeconds: Double {
        switch self {
        case .grsai, .acedata: 3
        case .openai: 4
        }
    }

    /// The shortest clip a character may be made from, in seconds.
    public var minimumClipSeconds: Double {
        switch self {
        case .grsai, .acedata: 0
        case .openai: 2
        }
    }
}
