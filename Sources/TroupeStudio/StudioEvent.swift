/// What a workflow reports while it works; the CLI prints these to stderr.
public enum StudioEvent: Sendable {
    /// The paid call is journaled as task `id` (before anything is sent).
    case journaled(taskId: Int64)
    /// The provider took the call and answered with its task id.
    case submitted(taskId: Int64, remoteId: String)
    /// The task advanced.
    case progress(taskId: Int64, percent: Int)
    /// A result file is being downloaded into the vault.
    case downloading(taskId: Int64, url: String)
    /// Something worth a line (a retry, a wait, a skipped task).
    case note(String)
    /// A request as sent (credentials redacted) and the status that came back; shown by `--verbose`.
    case exchange(request: String, status: Int?)
}

/// Receives workflow events.
public typealias StudioEvents = @Sendable (StudioEvent) -> Void
