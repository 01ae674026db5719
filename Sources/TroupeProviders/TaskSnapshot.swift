import Foundation
import TroupeDomain

/// What a submission returned: the provider's task id, and the task itself when the answer
/// already carried it.
public struct SubmitOutcome: Sendable, Equatable {
    public var remoteTaskID: String
    public var snapshot: TaskSnapshot?

    public init(remoteTaskID: String, snapshot: TaskSnapshot? = nil) {
        self.remoteTaskID = remoteTaskID
        self.snapshot = snapshot
    }
}

/// A task as the provider last described it, in domain terms.
public struct TaskSnapshot: Sendable, Equatable {
    public var remoteTaskID: String
    /// `.running`, `.succeeded` or `.failed`.
    public var status: VideoStatus
    /// 0–100, when the provider said.
    public var progress: Int?
    /// The video's pid, when it has one of the known forms.
    public var pid: Pid?
    /// The provider's video id verbatim (AceData's `sora-2:task_…`, or a pid).
    public var remoteVideoID: String?
    /// The pid this video remixes, when the provider says (OpenAI `remixed_from_video_id`).
    public var parentPid: Pid?
    public var characterID: CharacterID?
    /// Where to download the result, while `urlExpiry` has not passed.
    public var resultURL: String?
    public var urlExpiry: Date?
    /// The scheme of a result URL that was not kept because it is not http(s) (never fetched).
    public var refusedURLScheme: String?
    /// The provider's reason code verbatim (`output_moderation`, `input_moderation`, `error`, …).
    public var failureReason: String?
    /// The provider's error text verbatim.
    public var errorText: String?
    /// The prompt as the provider holds it, and when it took the call, where it says (OpenAI-style
    /// video objects): what finds a call whose answer was lost.
    public var prompt: String?
    public var createdAt: Date?

    public init(remoteTaskID: String, status: VideoStatus, progress: Int? = nil, pid: Pid? = nil,
                remoteVideoID: String? = nil, parentPid: Pid? = nil, characterID: CharacterID? = nil,
                resultURL: String? = nil, urlExpiry: Date? = nil, failureReason: String? = nil,
                errorText: String? = nil, refusedURLScheme: String? = nil) {
        self.remoteTaskID = remoteTaskID
        self.status = status
        self.progress = progress
        self.pid = pid
        self.remoteVideoID = remoteVideoID
        self.parentPid = parentPid
        self.characterID = characterID
        self.resultURL = resultURL
        self.urlExpiry = urlExpiry
        self.failureReason = failureReason
        self.errorText = errorText
        self.refusedURLScheme = refusedURLScheme
    }

    /// The scheme of `url` when it is one troupe does not fetch (not http or https).
    static func refusedScheme(of url: String?) -> String? {
        guard let url, !CommonChecks.isHTTPURL(url) else { return nil }
        return String(url.prefix { $0 != ":" }.prefix(16))
    }

    /// Whether the task will not change any more.
    public var isTerminal: Bool { status == .succeeded || status == .failed }
}

/// What a webhook call announced: always a task id to re-check by poll, and the task itself
/// when the dialect sends it (never to be trusted blindly).
public struct WebhookNotice: Sendable, Equatable {
    public var remoteTaskID: String
    /// The event name when the dialect has one (`video.completed`).
    public var event: String?
    public var snapshot: TaskSnapshot?

    public init(remoteTaskID: String, event: String? = nil, snapshot: TaskSnapshot? = nil) {
        self.remoteTaskID = remoteTaskID
        self.event = event
        self.snapshot = snapshot
    }
}

/// Maps the providers' status words to the domain.
public enum RemoteStatus {
    /// `running`/`queued`/`in_progress`/… → running; `succeeded`/`completed` → succeeded;
    /// `failed`/`error`/`cancelled` → failed; anything else → `nil`.
    public static func map(_ text: String?) -> VideoStatus? {
        guard let word = text?.trimmedWhitespace.lowercased(), !word.isEmpty else { return nil }
        switch word {
        case "running", "queued", "in_progress", "in-progress", "pending", "processing", "submitted", "waiting", "started":
            return .running
        case "succeeded", "completed", "success", "succeed", "done", "finished", "complete":
            return .succeeded
        case "failed", "failure", "error", "cancelled", "canceled", "expired", "fail":
            return .failed
        default:
            return nil
        }
    }

    static func progress(_ value: JSONValue?) -> Int? {
        guard let number = value?.number else { return nil }
        return Int(min(100, max(0, number.rounded())))
    }
}

/// When result URLs stop working.
public enum URLExpiry {
    /// GrsAI keeps results for 2 hours from receipt.
    public static let grsaiLifetime: TimeInterval = 2 * 3600
    /// OpenAI-style downloads without `expires_at`, and signed URLs without `se=`: 1 hour.
    public static let defaultLifetime: TimeInterval = 3600

    /// The `se=` (signed expiry) query parameter of a signed URL, if present and readable.
    public static func signedExpiry(of url: String) -> Date? {
        guard let components = URLComponents(string: url),
              let value = components.queryItems?.first(where: { $0.name == "se" })?.value else { return nil }
        return try? Date(value, strategy: .iso8601)
    }

    /// The earliest of the lifetime from receipt and the URL's own signed expiry.
    static func expiry(of url: String, receivedAt: Date, lifetime: TimeInterval, preferSigned: Bool) -> Date {
        let fallback = receivedAt.addingTimeInterval(lifetime)
        guard let signed = signedExpiry(of: url) else { return fallback }
        return preferSigned ? signed : min(signed, fallback)
    }
}
