import Foundation

/// Keeps the body in memory and resumes one continuation with the response.
final class BufferSink: TransferSink, @unchecked Sendable {
    private var body = Data()
    private let limit: Int
    var continuation: CheckedContinuation<HTTPResponse, any Error>?

    init(limit: Int) { self.limit = limit }

    func receive(_ bytes: UnsafeRawBufferPointer, from transfer: Transfer) -> Bool {
        guard body.count + bytes.count <= limit else {
            transfer.failure = HTTPError(kind: .tooLarge, message: "response larger than \(limit) bytes", url: transfer.redactedURL)
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func finish(_ transfer: Transfer, error: (any Error)?) {
        guard let continuation else { return }
        self.continuation = nil
        if let error {
            continuation.resume(throwing: error)
        } else {
            continuation.resume(returning: HTTPResponse(head: transfer.head, body: body))
        }
    }
}

/// Passes body bytes on as they arrive; resumes the head once the first byte (or the end) comes.
final class StreamSink: TransferSink, @unchecked Sendable {
    var headContinuation: CheckedContinuation<HTTPResponseHead, any Error>?
    let body: AsyncThrowingStream<Data, any Error>.Continuation
    private let lock = NSLock()
    private var ended = false

    init(body: AsyncThrowingStream<Data, any Error>.Continuation) { self.body = body }

    /// True once the transfer finished; then cancelling it is pointless.
    var isFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return ended
    }

    func receive(_ bytes: UnsafeRawBufferPointer, from transfer: Transfer) -> Bool {
        if let head = headContinuation {
            headContinuation = nil
            head.resume(returning: transfer.head)
        }
        if case .terminated = body.yield(Data(bytes)) {
            transfer.failure = CancellationError()
            return false
        }
        return true
    }

    func finish(_ transfer: Transfer, error: (any Error)?) {
        lock.lock()
        ended = true
        lock.unlock()
        if let head = headContinuation {
            headContinuation = nil
            if let error { head.resume(throwing: error) } else { head.resume(returning: transfer.head) }
        }
        body.finish(throwing: error)
    }
}
