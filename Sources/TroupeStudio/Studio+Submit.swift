import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeHTTP
import TroupeProviders

extension Studio {
    /// Sends a journaled call. The attempt is recorded before each send, so that a crash
    /// mid-send leaves a row `task resume` reports as unknown instead of sending it again. A 429
    /// (not taken, nothing charged) is sent again after the wait (see `RateLimitRetry`); no other
    /// answer is.
    func submit(_ entry: JournalEntry, wire: WireRequest, price: PriceTable.Price, transport: Transport,
                dialect: any ProviderDialect, events: StudioEvents) async throws -> JournalEntry {
        try await sendUntilTaken(entry, events: events) { entry in
            let response = try await transport.send(wire, idempotent: false)
            let outcome = try dialect.decodeSubmit(response, receivedAt: Date())
            entry = try await markSubmitted(entry, remoteId: outcome.remoteTaskID, price: price, events: events)
            if let snapshot = outcome.snapshot {
                entry = try await apply(snapshot, to: entry, events: events)
            }
        }
    }

    /// The send loop of every journaled call: counts the attempt, then runs `send`, which sends
    /// once and records what came back. A `ProviderError` or `HTTPError` it throws means no task
    /// id arrived: a 429 is sent again after the wait (see `waitAfterRateLimit`); any other ends
    /// the call through `settle`.
    func sendUntilTaken(_ entry: JournalEntry, events: StudioEvents,
                        _ send: (inout JournalEntry) async throws -> Void) async throws -> JournalEntry {
        var entry = entry
        var sends = 0
        while true {
            sends += 1
            entry = try await recordAttempt(entry)
            do {
                try await send(&entry)
                return entry
            } catch let error as ProviderError {
                if case .rateLimited(let retryAfter) = error {
                    entry = try await waitAfterRateLimit(entry, send: sends, retryAfter: retryAfter, answer: error, events: events)
                    continue
                }
                return try settle(entry, error: "\(error)", unknown: error.outcomeUnknown)
            } catch let error as HTTPError {
                return try settle(entry, error: error.message, unknown: error.requestMayHaveBeenSent)
            }
        }
    }

    /// After send number `send` was answered 429: waits and returns the entry to send again, or
    /// (no send left, a wait longer than allowed, or cancelled) fails the task `rate_limited`
    /// and throws. The row stays `prepared` while waiting: a process killed meanwhile leaves it
    /// for `task resume` to flag as unknown, never to send again silently.
    func waitAfterRateLimit(_ entry: JournalEntry, send: Int, retryAfter: Double?, answer: ProviderError,
                            events: StudioEvents) async throws -> JournalEntry {
        let taskId = entry.task.id!
        guard let wait = rateLimit.wait(afterSend: send, retryAfter: retryAfter) else {
            let why = send >= rateLimit.sends ? "\(send) send(s) answered 429" : "the provider asks to wait \(Int((retryAfter ?? 0).rounded(.up))) s"
            return try settle(entry, error: "\(answer) (\(why))", unknown: false, reason: .rateLimited)
        }
        var entry = entry
        entry.task.errorText = "\(answer); waiting \(Self.seconds(wait)) before send \(send + 1) of \(rateLimit.sends)"
        try await catalog.saveGrouped(entry)
        events(.note("task \(taskId): \(entry.task.providerName) rate limited the call (HTTP 429, nothing charged); sending it again in \(Self.seconds(wait)) (send \(send + 1) of \(rateLimit.sends))"))
        do {
            try await Task.sleep(for: .seconds(wait))
        } catch {
            return try settle(entry, error: "\(answer) (cancelled while waiting to send again)", unknown: false, reason: .rateLimited)
        }
        return entry
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? "\(Int(value.rounded())) s" : String(format: "%.2g s", value)
    }

    /// Counts the attempt before sending: a row left `prepared` with an attempt may have been sent.
    /// Refuses (throws) when another process changed the row since this one read it.
    func recordAttempt(_ entry: JournalEntry) async throws -> JournalEntry {
        guard try await catalog.recordAttempt(taskId: entry.task.id!, attempts: entry.task.attempts) else {
            throw StudioError("task \(entry.task.id!) changed while this process was about to send it (another troupe process sent it or gave it up): not sent")
        }
        var entry = entry
        entry.task.attempts += 1
        return entry
    }

    /// Records the provider's task id: from now on the call is paid for and tracked.
    func markSubmitted(_ entry: JournalEntry, remoteId: String, price: PriceTable.Price, events: StudioEvents) async throws -> JournalEntry {
        var entry = entry
        entry.task.remoteId = remoteId
        entry.move(.submitted)
        // A note left by a wait after a 429 no longer applies.
        entry.task.errorText = nil
        entry.task.cost = NSDecimalNumber(decimal: price.amount).doubleValue
        entry.task.currency = price.currency
        do {
            try await catalog.saveGrouped(entry, durably: true)
        } catch let clash as RemoteIdClash {
            try await recordClash(clash, in: entry)
        }
        events(.submitted(taskId: entry.task.id!, remoteId: remoteId))
        return entry
    }

    /// Records a send that did not come back with a task id: `unknown` when the provider may have
    /// taken it, else refused with failure `reason` (nothing charged), and throws a `PaidCallError`.
    /// The error is stored and shown without anything that looks like a credential.
    func settle(_ entry: JournalEntry, error raw: String, unknown: Bool, reason: FailureReason = .notAccepted) throws -> JournalEntry {
        let error = Redaction.text(raw)
        var entry = entry
        entry.task.errorText = error
        if unknown {
            // Sent, maybe taken: never resent silently. `task show` explains what to do.
            entry.move(.unknown)
        } else {
            entry.move(.failed)
            entry.task.failureReason = reason
            entry.video?.failureReason = reason
            entry.video?.errorText = error
        }
        try catalog.saveNow(entry)
        if unknown {
            throw PaidCallError(taskId: entry.task.id!, ending: .unknown, message: "task \(entry.task.id!): the provider may have taken the call but gave no task id (\(error)); it is marked unknown and will not be sent again — check the provider's console, then `troupe task reconcile \(entry.task.id!)`")
        }
        let later = reason == .rateLimited ? "; send it again later with `troupe task retry \(entry.task.id!)` (or re-run its batch)" : ""
        throw PaidCallError(taskId: entry.task.id!, ending: .failed,
                            message: "task \(entry.task.id!): \(entry.task.providerName) did not accept the call (nothing was charged): \(error)\(later)")
    }
}
