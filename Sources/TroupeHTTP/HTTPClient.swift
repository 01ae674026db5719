import Foundation

/// An HTTP client on one libcurl event loop (curl multi on a dedicated thread).
///
/// Thousands of requests may be in flight at once; connections are reused and limited
/// per host. Cancelling the calling task removes the transfer.
public final class HTTPClient: Sendable {
    let loop: CurlLoop
    /// When requests are repeated.
    public let retryPolicy: RetryPolicy
    /// Connection limits.
    public let configuration: HTTPClientConfiguration

    /// Creates a client with its own event-loop thread, stopped when the client goes away.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration(), retryPolicy: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
        self.loop = CurlLoop(configuration: configuration)
    }

    deinit {
        loop.shutdown()
    }

    /// Sends a request and returns the final response (any status), retrying idempotent
    /// requests on 429, 5xx and broken connections as `retryPolicy` allows.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        var waited = Duration.zero
        while true {
            attempt += 1
            let wait: Duration
            do {
                var response = try await sendOnce(request)
                response.attempts = attempt
                guard let delay = retryPolicy.delay(after: response.head, request: request, attempt: attempt, waited: waited) else {
                    return response
                }
                wait = delay
            } catch let error as HTTPError {
                guard let delay = retryPolicy.delay(after: error, request: request, attempt: attempt, waited: waited) else {
                    throw error
                }
                wait = delay
            }
            try await Task.sleep(for: wait)
            waited += wait
        }
    }

    /// One attempt, no retry.
    func sendOnce(_ request: HTTPRequest) async throws -> HTTPResponse {
        let sink = BufferSink(limit: request.maxResponseBytes)
        let transfer = try Transfer(request: request, sink: sink)
        return try await execute(transfer) { sink.continuation = $0 }
    }

    /// Sends a request whose response body is delivered as it arrives; returns once the
    /// status and headers are known. Never retried. Stopping the iteration cancels the transfer.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let (body, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let sink = StreamSink(body: continuation)
        let transfer = try Transfer(request: request, sink: sink)
        let id = transfer.id
        // Holding `self` here keeps the client (and its loop) alive while the body streams.
        continuation.onTermination = { @Sendable [self] _ in
            if !sink.isFinished { self.loop.cancel(id) }
        }
        let head = try await execute(transfer) { sink.headContinuation = $0 }
        return HTTPStreamingResponse(head: head, body: body, url: transfer.redactedURL)
    }

    /// Hands `transfer` to the loop and waits for the continuation that `bind` gives its sink.
    func execute<T: Sendable>(
        _ transfer: Transfer, bind: (CheckedContinuation<T, any Error>) -> Void
    ) async throws -> T {
        let id = transfer.id
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                bind(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(id)
        }
    }
}

/// A response whose body arrives as a sequence of chunks.
public struct HTTPStreamingResponse: Sendable {
    /// Status and headers.
    public let head: HTTPResponseHead
    /// The body, chunk by chunk as received (chunk boundaries carry no meaning).
    public let body: AsyncThrowingStream<Data, any Error>
    /// The request's URL, redacted.
    public let url: String

    /// A response to a request to `url`.
    public init(head: HTTPResponseHead, body: AsyncThrowingStream<Data, any Error>, url: String = "") {
        self.head = head
        self.body = body
        self.url = Redaction.url(url)
    }

    /// The HTTP status code.
    public var status: Int { head.status }
    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? { head.header(name) }

    /// The body cut into JSON frames (see `StreamFrameSplitter`).
    public var frames: StreamFrames<AsyncThrowingStream<Data, any Error>> { StreamFrames(body, url: url) }
}
