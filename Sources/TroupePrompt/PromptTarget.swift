import TroupeDomain

/// Where a prompt is going: the catalogue provider's name, its dialect and, when known, the model.
public struct PromptTarget: Sendable, Hashable {
    /// The catalogue provider name (`grsai`, `grsai-cn`, `sim` …).
    public var provider: String
    /// The provider's dialect.
    public var dialect: ProviderKind
    /// Other providers whose character ids this provider also accepts (e.g. two hosts of one service).
    public var sharesCharacterIDsWith: Set<String>
    /// The model the prompt is for: its character forms (in order of preference) and its
    /// character limit replace the dialect's fixed rules; `nil` keeps the dialect's.
    public var model: ModelSpec?

    /// Creates a target.
    public init(provider: String, dialect: ProviderKind, sharesCharacterIDsWith: Set<String> = [], model: ModelSpec? = nil) {
        self.provider = provider
        self.dialect = dialect
        self.sharesCharacterIDsWith = sharesCharacterIDsWith
        self.model = model
    }

    /// The forms characters may take, in order of preference: the model's, else the dialect's.
    public var characterForms: [CharacterForm] {
        if let model { return model.characterForms }
        return switch dialect {
        case .grsai: Self.idOrClip
        case .acedata: Self.clipOnly
        case .openai: Self.idOnly
        }
    }

    // The dialects' own forms, kept once: compiling allocates nothing for them.
    private static let idOrClip: [CharacterForm] = [.id, .clip]
    private static let clipOnly: [CharacterForm] = [.clip]
    private static let idOnly: [CharacterForm] = [.id]

    /// The most distinct characters one prompt may reference (`nil`: no limit): the model's, else the dialect's.
    public var maxCharacters: Int? {
        if let model { return model.maxCharacters }
        return dialect.maxCharacters
    }

    /// Where messages say the prompt goes: `veo3.1-fast on sim`, or `GrsAI provider sim` without a model.
    var label: String {
        if let model { return "\(model.name.rawValue) on \(provider)" }
        return "\(dialect.displayName) provider \(provider)"
    }

    /// Whether a character id made on `provider` can be sent to this target.
    public func acceptsCharacterIDs(from provider: String) -> Bool {
        provider == self.provider || sharesCharacterIDsWith.contains(provider)
    }
}
