import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

extension Studio {
    /// Sends a journaled call whose answer is a stream of task frames (GrsAI without `webHook`):
    /// the first frame carries the task id, later frames the progress, the last the result.
    /// A stream that ends early falls back to polling; one that ends before any id leaves the
    /// outcome unknown. A 429 is sent again after the wait, as in `submit`.
    func submitStreaming(_ entry: JournalEntry, wire: WireRequest, price: PriceTable.Price, transport: Transport,
                         dialect: any ProviderDialect, events: StudioEvents) async throws -> JournalEntry {
        let taskId = entry.task.id!
        let entry = try await sendUntilTaken(entry, events: events) { entry in
            do {
                let request = try transport.httpRequest(for: wire, idempotent: false)
                let response = try await transport.client.stream(request)
                events(.exchange(request: request.debugDescription, status: response.status))
                guard (200..<300).contains(response.status) else {
                    var body = Data()
                    for try await chunk in response.body { body.append(chunk) }
                    let headers = response.head.headers.map { WireRequest.Header($0.name, $0.value) }
                    _ = try dialect.decodeSubmit(WireResponse(status: response.status, headers: headers, body: transport.scrubbed(body)), receivedAt: Date())
                    entry = try settle(entry, error: "HTTP \(response.status)", unknown: response.status >= 500)
                    return
                }
                for try await frame in response.frames {
                    let snapshot = try dialect.decodeStreamFrame(transport.scrubbed(frame), receivedAt: Date())
                    if entry.task.remoteId == nil {
                        entry = try await markSubmitted(entry, remoteId: snapshot.remoteTaskID, price: price, events: events)
                    }
                    entry = try await apply(snapshot, to: entry, events: events)
                    if entry.task.state.isTerminal { break }
                }
            } catch let error where entry.task.remoteId == nil && (error is ProviderError || error is HTTPError || error is StudioError) {
                // No task id yet: the send loop sends a 429 again or settles the call; a
                // `StudioError` is already recorded as unknown (a task id another task holds).
                throw error
            } catch {
                events(.note("task \(taskId): the stream broke (\(error)); polling instead"))
            }
        }
        guard entry.task.remoteId != nil else {
            return try settle(entry, error: "the stream ended before the task id arrived", unknown: true)
        }
        if !entry.task.state.isTerminal {
            return try await track(entry, transport: transport, dialect: dialect, events: events)
        }
        return entry.video?.status == .succeeded ? try await downloadResult(entry, events: events) : entry
    }
}
