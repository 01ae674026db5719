import TroupeDomain

/// A journal row: one paid call, written before it is sent.
public struct TaskEntry: Codable, Sendable, Equatable, SQLRecord {
    public var id: Int64?
    public var providerName: String
    public var kind: TaskKind
    /// The request as sent, with secrets removed.
    public var request: String
    public var remoteId: String?
    public var state: TaskState
    public var attempts: Int
    public var failureReason: FailureReason?
    public var errorText: String?
    public var cost: Double
    /// ISO 4217 code of `cost`: the model's currency, recorded when the call is journaled (migration 0008).
    public var currency: String?
    public var refunded: Bool
    public var createdAt: String
    public var updatedAt: String
    /// Set for batch rows: derived from what the row sends (see migration 0003).
    public var batchKey: String?

    public init(providerName: String, kind: TaskKind, request: String) {
        let now = Timestamp.now()
        self.providerName = providerName
        self.kind = kind
        self.request = request
        self.state = CallStep.journaled.taskState
        self.attempts = 0
        self.cost = 0
        self.refunded = false
        self.createdAt = now
        self.updatedAt = now
    }

    public static let databaseTableName = "task"

    mutating func didInsert(id: Int64) {
        self.id = id
    }
}
