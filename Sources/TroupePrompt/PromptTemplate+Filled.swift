extension PromptTemplate {
    /// The template with each `{{variable}}` replaced by its value and everything else as written
    /// (mentions stay `@handle`): the prompt as the user wrote it for one batch row. A variable
    /// without a value stays as written.
    public func filled(with values: [String: String]) -> String {
        var out = ""
        for node in nodes {
            if case .variable(let name, _) = node, let value = values[name] {
                out += value
            } else {
                out += text(in: node.range)
            }
        }
        return out
    }
}
