import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

extension Studio {
    /// Sends a journaled call once. The attempt is recorded before sending, so that a crash
    /// mid-send leaves a row `task resume` reports as unknown instead of sending it again.
    func submit(_ entry: JournalEntry, wire: WireRequest, price: PriceTable.Price, transport: Transport,
                dialect: any ProviderDialect, events: StudioEvents) async throws -> JournalEntry {
        var entry = try recordAttempt(entry)
        do {
            let response = try await transport.send(wire, idempotent: false)
            let outcome = try dialect.decodeSubmit(response, receivedAt: Date())
            entry = try markSubmitted(entry, remoteId: outcome.remoteTaskID, price: price, events: events)
            if let snapshot = outcome.snapshot {
                entry = try apply(snapshot, to: entry, events: events)
            }
            return entry
        } catch let error as ProviderError {
            return try settle(entry, error: "\(error)", unknown: error.outcomeUnknown)
        } catch let error as HTTPError {
            return try settle(entry, error: error.message, unknown: error.requestMayHaveBeenSent)
        }
    }

    /// Counts the attempt before sending: a row left `prepared` with an attempt may have been sent.
    func recordAttempt(_ entry: JournalEntry) throws -> JournalEntry {
        var entry = entry
        entry.task.attempts += 1
        try catalog.save(entry, durably: true)
        return entry
    }

    /// Records the provider's task id: from now on the call is paid for and tracked.
    func markSubmitted(_ entry: JournalEntry, remoteId: String, price: PriceTable.Price, events: StudioEvents) throws -> JournalEntry {
        var entry = entry
        entry.task.remoteId = remoteId
        entry.task.state = .submitted
        entry.task.cost = NSDecimalNumber(decimal: price.amount).doubleValue
        entry.video?.status = .running
        try catalog.save(entry, durably: true)
        events(.submitted(taskId: entry.task.id!, remoteId: remoteId))
        return entry
    }

    /// Records a send that did not come back with a task id.
    func settle(_ entry: JournalEntry, error: String, unknown: Bool) throws -> JournalEntry {
        var entry = entry
        entry.task.errorText = error
        if unknown {
            // Sent, maybe taken: never resent silently. `task show` explains what to do.
            entry.task.state = .unknown
            entry.video?.status = .unknown
        } else {
            entry.task.state = .failed
            entry.task.failureReason = "not_accepted"
            entry.video?.status = .failed
            entry.video?.failureReason = "not_accepted"
            entry.video?.errorText = error
            entry.character?.status = .failed
        }
        try catalog.save(entry)
        if unknown {
            throw StudioError("task \(entry.task.id!): the provider may have taken the call but gave no task id (\(error)); it is marked unknown and will not be sent again — check the provider's console")
        }
        throw StudioError("task \(entry.task.id!): \(entry.task.providerName) did not accept the call: \(error)")
    }
}
