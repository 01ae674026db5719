/// When and how long to wait before repeating a request.
///
/// Only idempotent requests are repeated after a response (429, 5xx) or a broken
/// connection; a non-idempotent one only when it certainly never left (connection refused).
public struct RetryPolicy: Sendable, Hashable {
    /// Most attempts in all, the first included.
    public var maxAttempts: Int
    /// Wait before the first retry; doubled for each later one.
    public var baseDelay: Duration
    /// Longest computed wait between two attempts (a `Retry-After` may ask for more).
    public var maxDelay: Duration
    /// Most time spent waiting between attempts, all retries together.
    public var budget: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(20),
        budget: Duration = .seconds(60)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
    }

    /// Never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The jittered exponential wait before attempt `attempt + 1`: uniform in [d/2, d].
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(baseDelay * (1 << exponent), maxDelay)
        return full * Double.random(in: 0.5...1.0)
    }

    /// The wait before retrying after a response, or nil to return it as it is.
    func delay(after head: HTTPResponseHead, request: HTTPRequest, attempt: Int, waited: Duration) -> Duration? {
        guard request.idempotent, attempt < maxAttempts else { return nil }
        guard head.status == 429 || head.status == 408 || (500...599).contains(head.status) && head.status != 501 else {
            return nil
        }
        let wait = head.retryAfter() ?? backoff(afterAttempt: attempt)
        return waited + wait <= budget ? wait : nil
    }

    /// The wait before retrying after a failure, or nil to throw it.
    func delay(after error: HTTPError, request: HTTPRequest, attempt: Int, waited: Duration) -> Duration? {
        guard attempt < maxAttempts, error.isTransient else { return nil }
        guard request.idempotent || !error.requestMayHaveBeenSent else { return nil }
        let wait = backoff(afterAttempt: attempt)
        return waited + wait <= budget ? wait : nil
    }
}
