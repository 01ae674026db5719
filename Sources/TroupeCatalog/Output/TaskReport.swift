/// A journal row as `--json` shows it.
public struct TaskReport: Encodable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var provider: String
    @NullEncoded public var remoteId: String?
    public var state: String
    public var attempts: Int
    @NullEncoded public var failureReason: String?
    @NullEncoded public var error: String?
    public var cost: Double
    /// ISO 4217 code of `cost`.
    @NullEncoded public var currency: String?
    public var refunded: Bool
    public var createdAt: String

    /// The model of the video the call makes (nil for a character).
    @NullEncoded public var model: String?

    /// `model`: the model of the video the task makes, when the caller has it.
    public init(_ task: TaskEntry, model: String? = nil) {
        self.model = model
        id = task.id ?? 0
        kind = task.kind.rawValue
        provider = task.providerName
        remoteId = task.remoteId
        state = task.state.rawValue
        attempts = task.attempts
        failureReason = task.failureReason?.rawValue
        error = task.errorText
        cost = task.cost
        currency = task.currency
        refunded = task.refunded
        createdAt = task.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, provider, model, remoteId = "remote_id", state, attempts, failureReason = "failure_reason", error, cost, currency, refunded
        case createdAt = "created_at"
    }

}
