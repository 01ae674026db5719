import TroupeDomain

/// A named template the catalogue keeps (`troupe template add NAME BODY`).
public struct SavedTemplate: Sendable, Hashable, Codable {
    /// The name: letters, digits, `_`, `-`, `.`, starting with a letter or digit.
    public var name: String
    /// The template text.
    public var body: String
    /// The variables the body uses, in order of first use.
    public var variables: [String]

    /// Validates the name and the body's syntax, and lists the body's variables.
    public init(name: String, body: String) throws(PromptError) {
        let template = PromptTemplate(parsing: body)
        var problems = template.problems
        let nameBytes = Array(name.utf8)
        let validName =
            !nameBytes.isEmpty && nameBytes.count <= 64 && NameRules.isAlphanumeric(nameBytes[0])
            && nameBytes.allSatisfy(NameRules.isNameByte)
        if !validName {
            problems.append(
                PromptProblem(
                    kind: .invalidName,
                    message:
                        "invalid template name \"\(name)\": use 1 to 64 letters, digits, _, - or ., starting with a letter or digit",
                    range: 0..<0, subject: name))
        }
        if !problems.isEmpty { throw PromptError(source: body, problems: problems) }
        self.name = name
        self.body = body
        self.variables = template.variables
    }

    /// The template parsed against a set of known handles.
    public func template(knownHandles: Set<String> = []) -> PromptTemplate {
        PromptTemplate(parsing: body, knownHandles: knownHandles)
    }
}
