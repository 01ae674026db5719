import TroupeDomain

/// A parsed prompt template: the syntax tree of `@mentions`, `{{variables}}`, `@@` and text.
public struct PromptTemplate: Sendable, Hashable {
    /// The template as written.
    public let source: String
    /// The nodes, in source order, covering the whole source.
    public let nodes: [PromptNode]
    /// Syntax problems (unbalanced braces, bad variable names); the nodes treat them as text.
    public let problems: [PromptProblem]

    /// Parses a template.
    ///
    /// `knownHandles` decides where a mention ends: `@cat.name` is one mention when
    /// `cat.name` is known, `@cat` followed by `.name` when only `cat` is.
    public init(parsing source: String, knownHandles: Set<String> = []) {
        self.init(parsing: source, knownHandles: knownHandles, allowVariables: true)
    }

    init(parsing source: String, knownHandles: Set<String>, allowVariables: Bool) {
        self.source = source
        var parser = PromptParser(knownHandles: knownHandles, allowVariables: allowVariables)
        var copy = source
        copy.withUTF8 { parser.parse($0) }
        self.nodes = parser.nodes
        self.problems = parser.problems
    }

    /// Whether `handle` (without `@`) is one the catalogue accepts, and so can be written as a mention.
    public static func isValidHandle(_ handle: String) -> Bool {
        !handle.hasPrefix("@") && (try? Handle(handle)) != nil
    }

    /// The distinct variable names, in order of first use.
    public var variables: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for case .variable(let name, _) in nodes where seen.insert(name).inserted {
            names.append(name)
        }
        return names
    }

    /// The distinct mentioned handles, in order of first use.
    public var mentions: [String] {
        var seen: Set<String> = []
        var handles: [String] = []
        for case .mention(let handle, _) in nodes where seen.insert(handle).inserted {
            handles.append(handle)
        }
        return handles
    }

    /// The source text of a byte range (clamped to the source).
    public func text(in range: Range<Int>) -> String {
        SourceText(source).slice(range)
    }
}
