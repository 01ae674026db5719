import Foundation

/// Which provider's API a task came through.
enum Dialect: String, Codable, Sendable {
    case grsai, acedata, openai
}

/// What a task makes.
enum TaskKind: String, Codable, Sendable {
    case video, remix
    case uploadCharacter = "upload_character"
    case createCharacter = "create_character"

    var makesCharacter: Bool { self == .uploadCharacter || self == .createCharacter }
}

/// The faults the simulator injects into HTTP answers.
enum Fault: String, Codable, Sendable, CaseIterable {
    /// 429 with Retry-After; on a paid call the task is NOT created.
    case tooManyRequests = "429"
    /// 500 with the provider's error body; on a paid call the task IS created and charged.
    case serverError = "500"
    /// The connection is reset without an answer; on a paid call the task IS created and charged.
    case connectionReset = "reset"
    /// 200 with half of the JSON body; on a paid call the task IS created and charged.
    case truncatedJSON = "truncated"
}

/// One task the simulator holds: its whole future is decided when it is created.
struct SimulatorTask: Codable, Sendable {
    var id: String
    var dialect: Dialect
    var kind: TaskKind
    /// `stream`, `webhook`, `poll` (GrsAI), `sync`, `callback` (AceData), `poll` (OpenAI).
    var delivery: String
    var createdAt: Date
    var readyAt: Date
    /// nil when the task succeeds; else `input_moderation`, `output_moderation` or `error`.
    var failureReason: String?
    var error: String?
    var pid: String?
    var characterID: String?
    var characterName: String?
    /// The remix parent or the extraction source.
    var parentPid: String?
    var parentID: String?
    var clip: [Double]?
    var seconds: Double
    var model: String
    var prompt: String?
    var size: String?
    var aspect: String?
    var request: JSONValue
    /// Charged amount in thousandths of a credit.
    var cost: Int
    var refunded: Bool
    /// Faults injected on the submission that created this task.
    var faults: [String]
    var deleted: Bool
    var webhookURL: String?
    var webhookDeliveries: Int
    var webhookFailures: Int
    /// The file URL base (`http://host:port`) seen at submission, for callbacks.
    var baseURL: String
    /// The video family when not Sora: `veo` (GrsAI `/v1/video/veo`) or `seedance` (AceData).
    var family: String? = nil
    /// How each reference image was sent, in order: `url` or `base64`.
    var referenceImages: [String]? = nil
    /// How the first and last frame images were sent (`url` or `base64`), when given.
    var firstFrame: String? = nil
    var lastFrame: String? = nil
    /// Seedance: the `content` parts in order, `text` or the image part's role.
    var contentParts: [String]? = nil
}

extension SimulatorTask {
    /// The AceData service path this task was submitted on (`sora`, `seedance`).
    var aceService: String { family ?? "sora" }
}

/// Where a task stands at a given moment.
enum TaskStatus: String, Sendable {
    case running, succeeded, failed
}

extension SimulatorTask {
    func status(at now: Date) -> TaskStatus {
        if now < readyAt { return .running }
        return failureReason == nil ? .succeeded : .failed
    }

    func progress(at now: Date) -> Int {
        if now >= readyAt { return failureReason == nil ? 100 : min(99, elapsedPercent(now)) }
        return min(99, elapsedPercent(now))
    }

    private func elapsedPercent(_ now: Date) -> Int {
        let total = readyAt.timeIntervalSince(createdAt)
        guard total > 0 else { return 0 }
        return max(0, Int(now.timeIntervalSince(createdAt) / total * 100))
    }

    /// When the result file stops being served.
    func urlExpiry(ttl: Double) -> Date { readyAt.addingTimeInterval(ttl) }
}
