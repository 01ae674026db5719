/// Prompt templates: parse, resolve @mentions, render per provider dialect. Pure: no I/O.
public enum TroupePromptModule {
    /// The module name, for diagnostics.
    public static let name = "TroupePrompt"
}
