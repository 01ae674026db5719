import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeProviders

extension Studio {
    /// Attaches the provider's task id to an `unknown` task, found by the user in the provider's
    /// console: the call was taken (and is charged its price); the task is `submitted` and
    /// `resume` tracks it to its file. Refuses a task that is not unknown, and an id another task
    /// of the same provider already holds.
    public func reconcile(taskId: Int64, remoteId: String) throws -> JournalEntry {
        let entry = try catalog.journalEntry(taskId: taskId)
        let provider = try catalog.provider(named: entry.task.providerName)
        let cost = entry.video.map { $0.cost ?? 0 }
            ?? NSDecimalNumber(decimal: PriceTable().character(kind: provider.kind).amount).doubleValue
        return try catalog.reconcile(taskId: taskId, remoteId: remoteId, cost: cost)
    }

    /// Marks an `unknown` task as never taken (the provider confirms it has no such call): failed
    /// `not_accepted`, nothing charged; `retry` or a batch re-run may send it again.
    public func reconcileNotTaken(taskId: Int64) throws -> JournalEntry {
        try catalog.reconcileNotTaken(taskId: taskId)
    }

    /// Sends a refused task again (failed with no task id: `not_accepted` or `rate_limited`;
    /// nothing was charged), reusing its journal row, and (with `wait`) tracks it to its file.
    /// The request is the one journaled. An `unknown` task is refused: it may have been taken,
    /// so it is reconciled first.
    public func retry(taskId: Int64, wait: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                      events: @escaping StudioEvents = { _ in }) async throws -> JournalEntry {
        let entry = try catalog.journalEntry(taskId: taskId)
        if entry.task.state == .unknown {
            throw StudioError("task \(taskId) is unknown: the provider may have taken it, so it is not sent again; reconcile it first: `troupe task reconcile \(taskId) --remote-id ID` if the provider's console shows it, else `troupe task reconcile \(taskId) --not-taken`")
        }
        guard entry.task.isRefused else {
            throw StudioError("task \(taskId) is \(entry.task.state.rawValue)\(entry.task.failureReason.map { " (\($0.rawValue))" } ?? ""): only a call the provider refused (failed with no task id: not_accepted or rate_limited) is sent again")
        }
        let provider = try catalog.provider(named: entry.task.providerName)
        guard var wire = WireRequest(preview: entry.task.request) else {
            throw StudioError("task \(taskId)'s journaled request cannot be sent again as it is (a multipart upload): run the original command again")
        }
        if wire.body.jsonTextContains("<webhook-token>") {
            guard FileManager.default.fileExists(atPath: WebhookToken.path(in: home)) else {
                throw StudioError("task \(taskId) was sent for webhook delivery but this home has no webhook token any more: run the original command again")
            }
            let token = try WebhookToken.load(home: home).value
            wire.body = wire.body.replacingJSONText("<webhook-token>", with: token)
        }
        let price = try price(of: entry, provider: provider)
        let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)
        let rejournaled = try catalog.rejournal(taskId: taskId, request: entry.task.request)
        events(.note("task \(taskId): sending it again (the provider refused it earlier; nothing was charged)"))
        return try await settling(taskId: taskId) {
            try await send(rejournaled, wire: wire, price: price, delivery: wire.delivery(kind: provider.kind), wait: wait,
                           transport: transport, events: events)
        }
    }

    /// What a journaled call costs, from its video's row and model (or the character price).
    func price(of entry: JournalEntry, provider: Provider) throws -> PriceTable.Price {
        guard let video = entry.video else { return PriceTable().character(kind: provider.kind) }
        let spec = try modelSpec(named: try video.model.map { try VideoModel(parsing: $0) }, for: provider)
        let size = try video.size.map { try VideoSize(parsing: $0) }
        return PriceTable().video(spec, duration: video.duration ?? spec.defaultDuration ?? 0, size: size)
    }
}
