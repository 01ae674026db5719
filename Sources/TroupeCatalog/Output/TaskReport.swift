/// A journal row as `--json` shows it.
public struct TaskReport: Encodable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var provider: String
    public var remoteId: String?
    public var state: String
    public var attempts: Int
    public var failureReason: String?
    public var error: String?
    public var cost: Double
    public var refunded: Bool
    public var createdAt: String

    public init(_ task: TaskEntry) {
        id = task.id ?? 0
        kind = task.kind.rawValue
        provider = task.providerName
        remoteId = task.remoteId
        state = task.state.rawValue
        attempts = task.attempts
        failureReason = task.failureReason
        error = task.errorText
        cost = task.cost
        refunded = task.refunded
        createdAt = task.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, provider, remoteId = "remote_id", state, attempts, failureReason = "failure_reason", error, cost, refunded
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(provider, forKey: .provider)
        try c.encode(remoteId, forKey: .remoteId)
        try c.encode(state, forKey: .state)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(failureReason, forKey: .failureReason)
        try c.encode(error, forKey: .error)
        try c.encode(cost, forKey: .cost)
        try c.encode(refunded, forKey: .refunded)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
