/// One thing wrong with a prompt, with the source range it is about.
public struct PromptProblem: Sendable, Hashable, Codable {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Unbalanced braces or a malformed `{{variable}}`.
        case syntax
        /// A `{{variable}}` with no value.
        case missingVariable
        /// An `@handle` the catalogue does not know.
        case unknownCharacter
        /// A character that is pending, failed or retired.
        case characterNotReady
        /// A character of another provider that cannot travel to this one.
        case foreignCharacter
        /// More characters than the dialect takes.
        case tooManyCharacters
        /// Nothing left to send.
        case emptyPrompt
        /// A template name that is not allowed.
        case invalidName
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// One readable line.
    public var message: String
    /// UTF-8 byte offsets into the prompt source.
    public var range: Range<Int>
    /// The handle or variable name the problem is about, if any.
    public var subject: String?
    /// Close alternatives (handles for unknown characters), best first.
    public var suggestions: [String]

    /// Creates a problem.
    public init(kind: Kind, message: String, range: Range<Int>, subject: String? = nil, suggestions: [String] = []) {
        self.kind = kind
        self.message = message
        self.range = range
        self.subject = subject
        self.suggestions = suggestions
    }
}
