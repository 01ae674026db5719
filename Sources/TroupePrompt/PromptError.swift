/// Everything wrong with a prompt, reported at once.
public struct PromptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The prompt source the ranges point into.
    public var source: String
    /// The problems, in source order.
    public var problems: [PromptProblem]

    /// Creates an error; problems are kept in source order.
    public init(source: String, problems: [PromptProblem]) {
        self.source = source
        self.problems = problems.enumerated()
            .sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
            .map(\.element)
    }

    /// One message listing every problem.
    public var description: String {
        if problems.count == 1 { return problems[0].message }
        let count = problems.count
        return "\(count) problems in the prompt: " + problems.map(\.message).joined(separator: "; ")
    }

    /// The names of the missing variables, in order.
    public var missingVariables: [String] {
        problems.compactMap { $0.kind == .missingVariable ? $0.subject : nil }
    }

    /// Every problem with its line and a `^~~~` caret under the offending part.
    public func formatted() -> String {
        let text = SourceText(source)
        return problems.map { text.annotate($0.range, message: $0.message) }.joined(separator: "\n")
    }

    /// Formats one message with the source line and a `^~~~` caret under `range`.
    ///
    ///     1:19: unknown character @vilain (did you mean @villain?)
    ///         @hero argues with @vilain.
    ///                           ^~~~~~~
    public static func caret(source: String, range: Range<Int>, message: String) -> String {
        SourceText(source).annotate(range, message: message)
    }
}
