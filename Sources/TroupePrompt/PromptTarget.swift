import TroupeDomain

/// Where a prompt is going: the catalogue provider's name and its dialect.
public struct PromptTarget: Sendable, Hashable {
    /// The catalogue provider name (`grsai`, `grsai-cn`, `sim` …).
    public var provider: String
    /// The provider's dialect.
    public var dialect: ProviderKind
    /// Other providers whose character ids this provider also accepts (e.g. two hosts of one service).
    public var sharesCharacterIDsWith: Set<String>

    /// Creates a target.
    public init(provider: String, dialect: ProviderKind, sharesCharacterIDsWith: Set<String> = []) {
        self.provider = provider
        self.dialect = dialect
        self.sharesCharacterIDsWith = sharesCharacterIDsWith
    }

    /// Whether a character id made on `provider` can be sent to this target.
    public func acceptsCharacterIDs(from provider: String) -> Bool {
        provider == self.provider || sharesCharacterIDsWith.contains(provider)
    }
}
