/// Why troupe itself ended a call failed; a provider's own reasons are kept as it wrote them.
public enum FailureReason: String, CaseIterable, Sendable, Codable {
    /// The provider refused the call (an HTTP 4xx), or it was reconciled as never taken.
    case notAccepted = "not_accepted"
    /// The provider kept answering 429 (or the wait before sending again was cancelled).
    case rateLimited = "rate_limited"
    /// Journaled and abandoned before its first send (the process stopped first).
    case notSent = "not_sent"
    /// The provider kept saying it has no such task.
    case unknownTask = "unknown_task"

    /// Whether nothing was taken and nothing charged, so the call may be sent again.
    public var isRefusal: Bool {
        switch self {
        case .notAccepted, .rateLimited, .notSent: true
        case .unknownTask: false
        }
    }
}
