/// The workflows: journal-first submission, delivery, vault downloads, resume, batch, costs.
public enum TroupeStudioModule {
    /// The module name, for diagnostics.
    public static let name = "TroupeStudio"
}
