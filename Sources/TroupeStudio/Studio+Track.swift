import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

extension Studio {
    /// Polls a submitted task with backoff until it ends, records the result and downloads it.
    /// Transient failures are retried; after too many in a row the task is left running for
    /// `task resume`.
    func track(_ entry: JournalEntry, transport: Transport, dialect: any ProviderDialect,
               events: StudioEvents) async throws -> JournalEntry {
        var entry = entry
        guard let remoteId = entry.task.remoteId else { return entry }
        var delay = pollInterval
        var failures = 0
        while !entry.task.state.isTerminal {
            try await Task.sleep(for: .seconds(delay))
            delay = min(delay * 1.5, maxPollInterval)
            do {
                let response = try await transport.send(dialect.poll(taskID: remoteId), idempotent: true)
                let snapshot = try dialect.decodePoll(response, taskID: remoteId, receivedAt: Date())
                failures = 0
                entry = try apply(snapshot, to: entry, events: events)
            } catch let error as ProviderError {
                if case .rateLimited(let retryAfter) = error, let retryAfter { delay = max(delay, retryAfter) }
                if case .unknownTask = error, failures >= 3 {
                    entry.task.state = .failed
                    entry.task.failureReason = "unknown_task"
                    entry.task.errorText = "\(error)"
                    entry.video?.status = .failed
                    entry.character?.status = .failed
                    try catalog.save(entry)
                    break
                }
                failures += 1
                events(.note("task \(entry.task.id!): poll failed (\(error)); retrying"))
            } catch let error as HTTPError {
                failures += 1
                events(.note("task \(entry.task.id!): poll failed (\(error.message)); retrying"))
            }
            if failures >= maxPollFailures {
                throw StudioError("task \(entry.task.id!): \(failures) polls in a row failed; it stays open — run `troupe task resume` later")
            }
        }
        if entry.video?.status == .succeeded {
            entry = try await downloadResult(entry, events: events)
        }
        return entry
    }

    /// Applies what the provider says about a task to the journal and its row.
    func apply(_ snapshot: TaskSnapshot, to entry: JournalEntry, events: StudioEvents) throws -> JournalEntry {
        var entry = entry
        let taskId = entry.task.id!
        if let progress = snapshot.progress { events(.progress(taskId: taskId, percent: progress)) }
        switch snapshot.status {
        case .succeeded:
            entry.task.state = .succeeded
            if var video = entry.video {
                video.status = .succeeded
                video.progress = 100
                video.pid = snapshot.pid ?? video.pid
                video.remoteURL = snapshot.resultURL
                video.remoteURLExpiresAt = snapshot.urlExpiry.map { $0.formatted(.iso8601) }
                entry.video = video
            }
            if entry.character != nil {
                if let characterID = snapshot.characterID {
                    entry.character?.characterId = characterID
                    entry.character?.status = .ready
                } else {
                    entry.character?.status = .failed
                    entry.task.errorText = "the provider finished without a character id"
                }
            }
        case .failed:
            entry.task.state = .failed
            entry.task.failureReason = snapshot.failureReason
            entry.task.errorText = snapshot.errorText
            // Failed generations are refunded by the provider.
            entry.task.refunded = true
            entry.video?.status = .failed
            entry.video?.failureReason = snapshot.failureReason
            entry.video?.errorText = snapshot.errorText
            entry.character?.status = .failed
        default:
            entry.task.state = .running
            entry.video?.status = .running
            if let progress = snapshot.progress { entry.video?.progress = progress }
        }
        try catalog.save(entry)
        return entry
    }
}
