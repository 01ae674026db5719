/// Compiles prompt templates for a provider: fills variables, resolves mentions, renders the dialect.
public enum PromptCompiler {
    /// Parses and compiles `source` for `target`, reporting every problem at once.
    ///
    /// Variable values are text; an `@handle` inside a value is resolved like one written in
    /// the template (so a batch CSV column may name the character), and `{{` in a value is text.
    public static func compile(
        _ source: String,
        for target: PromptTarget,
        lookup: some CharacterLookup,
        variables: [String: String] = [:]
    ) throws(PromptError) -> CompiledPrompt {
        let known = lookup.knownHandles
        let template = PromptTemplate(parsing: source, knownHandles: known)
        var compilation = Compilation(template: template, target: target, known: known, variables: variables)
        return try compilation.run(lookup)
    }

    /// Compiles a template already parsed with the lookup's `knownHandles`.
    public static func compile(
        _ template: PromptTemplate,
        for target: PromptTarget,
        lookup: some CharacterLookup,
        variables: [String: String] = [:]
    ) throws(PromptError) -> CompiledPrompt {
        var compilation = Compilation(
            template: template, target: target, known: lookup.knownHandles, variables: variables)
        return try compilation.run(lookup)
    }
}
