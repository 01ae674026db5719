/// `--var name=value` arguments turned into the values a compile fills in.
public enum VariableAssignments {
    /// Parses `name=value` strings (the value may contain `=`); reports every bad one at once.
    public static func parse(_ assignments: [String]) throws(VariableAssignmentError) -> [String: String] {
        var values: [String: String] = [:]
        var problems: [String] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                problems.append("\"\(assignment)\" has no \"=\": write --var name=value")
                continue
            }
            let name = String(assignment[..<equals])
            guard isValidName(name) else {
                problems.append("\"\(name)\" is not a variable name: use a name without spaces or braces")
                continue
            }
            if values[name] != nil {
                problems.append("variable \(name) is given twice")
                continue
            }
            values[name] = String(assignment[assignment.index(after: equals)...])
        }
        if !problems.isEmpty { throw VariableAssignmentError(problems: problems) }
        return values
    }

    /// Whether `name` can be written as `{{name}}`: not empty, no whitespace, no braces.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { !PromptParser.isSpace($0) && $0 != PromptParser.openBrace && $0 != PromptParser.closeBrace }
    }
}

/// Bad `--var` arguments, all listed in one message.
public struct VariableAssignmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line per bad argument.
    public var problems: [String]

    /// One message listing every bad argument.
    public var description: String {
        problems.joined(separator: "; ")
    }
}
