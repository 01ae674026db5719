/// Why a call failed: one of troupe's own reasons, or the provider's, kept as it wrote it.
public enum FailureReason: Hashable, CaseIterable, Sendable, Codable {
    /// The provider refused the call (an HTTP 4xx), or it was reconciled as never taken.
    case notAccepted
    /// The provider kept answering 429 (or the wait before sending again was cancelled).
    case rateLimited
    /// Journaled and abandoned before its first send (the process stopped first).
    case notSent
    /// The provider kept saying it has no such task.
    case unknownTask
    /// The provider's own reason, as it wrote it (say `output_moderation`).
    case provider(String)

    /// Troupe's own reasons (a provider's are not listed).
    public static let allCases: [FailureReason] = [.notAccepted, .rateLimited, .notSent, .unknownTask]

    /// Troupe's own reason written `rawValue`, or nil (a provider's reason is not one).
    public init?(rawValue: String) {
        guard let reason = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = reason
    }

    /// The reason written `text`: troupe's own when it is one, else the provider's.
    public init(_ text: String) {
        self = Self(rawValue: text) ?? .provider(text)
    }

    /// The reason as it is stored and shown (`not_accepted`, or the provider's text).
    public var rawValue: String {
        switch self {
        case .notAccepted: "not_accepted"
        case .rateLimited: "rate_limited"
        case .notSent: "not_sent"
        case .unknownTask: "unknown_task"
        case .provider(let text): text
        }
    }

    /// Whether nothing was taken and nothing charged, so the call may be sent again.
    public var isRefusal: Bool {
        switch self {
        case .notAccepted, .rateLimited, .notSent: true
        case .unknownTask, .provider: false
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
