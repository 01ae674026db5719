import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeHTTP
import TroupeProviders

/// Where the polling of one submitted task stands: small, so that thousands of open tasks cost
/// little while they wait (the journal row itself stays in the catalogue).
struct PollCursor: Sendable {
    let taskId: Int64
    let remoteId: String
    let providerName: String
    /// The state the journal last recorded.
    var state: TaskState
    /// The wait before the next poll, growing by half up to the studio's maximum.
    var delay: Double
    /// Polls failed in a row.
    var failures = 0
    /// The service path it is polled on (AceData's `/{service}/tasks`), when the dialect has one.
    let service: String?

    init?(_ task: TaskEntry, delay: Double, service: String? = nil) {
        guard let id = task.id, let remoteId = task.remoteId else { return nil }
        taskId = id
        self.remoteId = remoteId
        providerName = task.providerName
        state = task.state
        self.delay = delay
        self.service = service
    }
}

/// What one poll's answer means for its task.
enum PollVerdict: Sendable {
    /// Still going: poll again after the cursor's delay.
    case again
    /// The task ended (the entry as recorded; a succeeded video still needs its file).
    case ended(JournalEntry)
}

extension Studio {
    /// Polls a submitted task with backoff until it ends, records the result and downloads it.
    /// Transient failures are retried; after too many in a row the task is left running for
    /// `task resume`.
    func track(_ entry: JournalEntry, transport: Transport, dialect: any ProviderDialect,
               events: StudioEvents) async throws -> JournalEntry {
        if entry.task.state.isTerminal {
            return entry.video?.status == .succeeded ? try await downloadResult(entry, transport: transport, events: events) : entry
        }
        guard var cursor = PollCursor(entry.task, delay: pollInterval, service: pollService(of: entry, provider: transport.provider)) else { return entry }
        while true {
            try await Task.sleep(for: .seconds(cursor.delay))
            let answer = await poll(cursor, transport: transport, dialect: dialect)
            if case .ended(let ended) = try await judge(answer, cursor: &cursor, events: events) {
                return ended.video?.status == .succeeded ? try await downloadResult(ended, transport: transport, events: events) : ended
            }
        }
    }

    /// Asks the provider once where a task stands.
    func poll(_ cursor: PollCursor, transport: Transport, dialect: any ProviderDialect) async -> Result<TaskSnapshot, any Error> {
        do {
            let response = try await transport.send(dialect.poll(taskID: cursor.remoteId, service: cursor.service), idempotent: true)
            return .success(try dialect.decodePoll(response, taskID: cursor.remoteId, receivedAt: Date()))
        } catch {
            return .failure(error)
        }
    }

    /// Records what a poll said. The journal is written only when the task's state changes, so
    /// that a long wait costs one read per poll and no write. Throws once too many polls in a row
    /// failed: the task stays open for `task resume`.
    func judge(_ answer: Result<TaskSnapshot, any Error>, cursor: inout PollCursor, events: StudioEvents) async throws -> PollVerdict {
        // A first wait of 0 (a local simulator) still backs off, from a tenth of a second.
        let schedule = { (cursor: inout PollCursor) in cursor.delay = min(max(cursor.delay * 1.5, 0.1), self.maxPollInterval) }
        switch answer {
        case .success(let snapshot):
            cursor.failures = 0
            let state: TaskState = switch snapshot.status {
            case .succeeded: .succeeded
            case .failed: .failed
            default: .running
            }
            guard state != cursor.state else {
                if let progress = snapshot.progress { events(.progress(taskId: cursor.taskId, percent: progress)) }
                schedule(&cursor)
                return .again
            }
            if let progress = snapshot.progress { events(.progress(taskId: cursor.taskId, percent: progress)) }
            let entry = try await catalog.update(taskId: cursor.taskId) { Self.record(snapshot, in: &$0) }
            cursor.state = entry.task.state
            if entry.task.state.isTerminal { return .ended(entry) }
            schedule(&cursor)
            return .again
        case .failure(let error as ProviderError):
            if case .unknownTask = error, cursor.failures >= 3 {
                let errorText = "\(error)"
                return .ended(try await catalog.update(taskId: cursor.taskId) { entry in
                    entry.move(.failed)
                    entry.task.failureReason = .unknownTask
                    entry.task.errorText = errorText
                })
            }
            schedule(&cursor)
            if case .rateLimited(let retryAfter) = error, let retryAfter { cursor.delay = max(cursor.delay, retryAfter) }
            return try pollFailed(&cursor, "\(error)", events: events)
        case .failure(let error as HTTPError):
            schedule(&cursor)
            return try pollFailed(&cursor, error.message, events: events)
        case .failure(let error):
            throw error
        }
    }

    private func pollFailed(_ cursor: inout PollCursor, _ message: String, events: StudioEvents) throws -> PollVerdict {
        cursor.failures += 1
        if cursor.failures >= maxPollFailures {
            throw StudioError("task \(cursor.taskId): \(cursor.failures) polls in a row failed; it stays open — run `troupe task resume` later")
        }
        events(.note("task \(cursor.taskId): poll failed (\(Redaction.text(message))); retrying"))
        return .again
    }

    /// Applies what the provider says about a task to the journal and its row.
    func apply(_ snapshot: TaskSnapshot, to entry: JournalEntry, events: StudioEvents) async throws -> JournalEntry {
        var entry = entry
        if let progress = snapshot.progress { events(.progress(taskId: entry.task.id!, percent: progress)) }
        Self.record(snapshot, in: &entry)
        return try await catalog.saveGrouped(entry)
    }

    /// Records a call answered with a task id another journal row holds: the provider reused an
    /// id, so this call's own id is unknown. It is marked `unknown` (never resent silently, never
    /// tracked under the other row's id), and throws.
    func recordClash(_ clash: RemoteIdClash, in entry: JournalEntry) async throws -> Never {
        var entry = entry
        entry.task.remoteId = nil
        entry.move(.unknown)
        entry.task.errorText = clash.description
        try await catalog.saveGrouped(entry, durably: true)
        throw StudioError("task \(clash.taskId): \(clash.description); it is marked unknown and will not be sent again — check the provider's console, then `troupe task reconcile \(clash.taskId)`")
    }

    /// What the provider says about a task, written into its journal entry (not saved); its
    /// failure texts without anything that looks like a credential.
    static func record(_ snapshot: TaskSnapshot, in entry: inout JournalEntry) {
        var snapshot = snapshot
        snapshot.failureReason = snapshot.failureReason.map { Redaction.text($0) }
        snapshot.errorText = snapshot.errorText.map { Redaction.text($0) }
        switch snapshot.status {
        case .succeeded:
            entry.move(entry.character != nil && snapshot.characterID == nil ? .finishedWithoutCharacter : .succeeded)
            if var video = entry.video {
                video.progress = 100
                video.pid = snapshot.pid ?? video.pid
                video.remoteURL = snapshot.resultURL
                video.remoteURLExpiresAt = snapshot.urlExpiry.map { $0.formatted(.iso8601) }
                if snapshot.resultURL == nil, let scheme = snapshot.refusedURLScheme {
                    video.errorText = "\(refusedURLPrefix) (`\(scheme):`): troupe fetches only http and https, so no file was kept"
                }
                entry.video = video
            }
            if entry.character != nil {
                if let characterID = snapshot.characterID {
                    entry.character?.characterId = characterID
                } else {
                    entry.task.errorText = "the provider finished without a character id"
                }
            }
        case .failed:
            entry.move(.failed)
            entry.task.failureReason = snapshot.failureReason.map(FailureReason.init)
            entry.task.errorText = snapshot.errorText
            // Failed generations are refunded by the provider.
            entry.task.refunded = true
            entry.video?.failureReason = snapshot.failureReason.map(FailureReason.init)
            entry.video?.errorText = snapshot.errorText
        default:
            entry.move(.running)
            if let progress = snapshot.progress { entry.video?.progress = progress }
        }
    }
}
