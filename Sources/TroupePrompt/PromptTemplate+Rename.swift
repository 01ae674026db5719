import TroupeDomain

extension PromptTemplate {
    /// `body` with every mention of `old` written `@new`, the rest as it was (`@@old`, an e-mail
    /// address, a longer handle), or nil when it does not mention `old`. `knownHandles` decides
    /// where a mention ends, as when the template is compiled.
    public static func renamingMentions(of old: String, to new: String, in body: String, knownHandles: Set<String>) -> String? {
        let parsed = PromptTemplate(parsing: body, knownHandles: knownHandles)
        guard parsed.mentions.contains(old) else { return nil }
        return parsed.nodes.map { node in
            if case .mention(let handle, _) = node, handle == old { return "@" + new }
            return parsed.text(in: node.range)
        }.joined()
    }
}
