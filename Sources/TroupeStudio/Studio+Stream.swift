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
        var entry = entry
        let taskId = entry.task.id!
        var send = 0
        sending: while true {
            send += 1
            entry = try await recordAttempt(entry)
            do {
                let request = try transport.httpRequest(for: wire, idempotent: false)
                let response = try await transport.client.stream(request)
                events(.exchange(request: request.debugDescription, status: response.status))
                guard (200..<300).contains(response.status) else {
                    var body = Data()
                    for try await chunk in response.body { body.append(chunk) }
                    let headers = response.head.headers.map { WireRequest.Header($0.name, $0.value) }
                    _ = try dialect.decodeSubmit(WireResponse(status: response.status, headers: headers, body: transport.scrubbed(body)), receivedAt: Date())
                    return try settle(entry, error: "HTTP \(response.status)", unknown: response.status >= 500)
                }
                for try await frame in response.frames {
                    let snapshot = try dialect.decodeStreamFrame(transport.scrubbed(frame), receivedAt: Date())
                    if entry.task.remoteId == nil {
                        entry = try await markSubmitted(entry, remoteId: snapshot.remoteTaskID, price: price, events: events)
                    }
                    entry = try await apply(snapshot, to: entry, events: events)
                    if entry.task.state.isTerminal { break }
                }
                break sending
            } catch let error as ProviderError where entry.task.remoteId == nil {
                if case .rateLimited(let retryAfter) = error {
                    entry = try await waitAfterRateLimit(entry, send: send, retryAfter: retryAfter, answer: error, events: events)
                    continue sending
                }
                return try settle(entry, error: "\(error)", unknown: error.outcomeUnknown)
            } catch let error as HTTPError where entry.task.remoteId == nil {
                return try settle(entry, error: error.message, unknown: error.requestMayHaveBeenSent)
            } catch let error as StudioError where entry.task.remoteId == nil {
                // Already recorded as unknown (a task id another task holds): not to be overwritten.
                throw error
            } catch {
                events(.note("task \(taskId): the stream broke (\(error)); polling instead"))
                break sending
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
