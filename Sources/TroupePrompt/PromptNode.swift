/// One piece of a parsed prompt template. Ranges are UTF-8 byte offsets into the source.
public enum PromptNode: Sendable, Hashable {
    /// Plain text, kept byte for byte.
    case text(range: Range<Int>)
    /// `@handle`; the range covers the `@` and the handle.
    case mention(handle: String, range: Range<Int>)
    /// `{{name}}`; the range covers both pairs of braces.
    case variable(name: String, range: Range<Int>)
    /// `@@`, a literal `@`.
    case escapedAt(range: Range<Int>)

    /// The source range of the node.
    public var range: Range<Int> {
        switch self {
        case .text(let range), .mention(_, let range), .variable(_, let range), .escapedAt(let range):
            range
        }
    }
}
