import Foundation
import TroupeCatalog
import TroupeHTTP

/// The workflows over one troupe home: its catalogue and its vault.
public final class Studio: Sendable {
    public let home: TroupeHome
    public let catalog: Catalog
    let http: HTTPClient
    /// The first wait between polls, growing by half each time up to `maxPollInterval`.
    let pollInterval: Double
    let maxPollInterval: Double
    let maxPollFailures = 8
    /// How a paid call refused with HTTP 429 is sent again.
    public let rateLimit: RateLimitRetry
    /// Seconds a row journaled but never sent is left alone (its process may be about to send
    /// it) before `task resume` or a batch re-run gives it up as `not_sent`.
    let unsentGrace: Double

    /// Opens the home (creating it when missing) and its catalogue. `pollInterval` is the first
    /// wait between polls (the GrsAI document waits 3 s); `rateLimit` says how often and after
    /// how long a call answered 429 is sent again.
    public init(home: TroupeHome, pollInterval: Double = 3, maxPollInterval: Double = 15,
                rateLimit: RateLimitRetry = RateLimitRetry(), unsentGrace: Double = 60) throws {
        self.home = home
        catalog = try Catalog(home: home)
        http = HTTPClient()
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.rateLimit = rateLimit
        self.unsentGrace = unsentGrace
    }

    /// The provider called `name`, or the default one when `name` is nil.
    public func provider(named name: String?) throws -> Provider {
        if let name { return try catalog.provider(named: name) }
        return try catalog.defaultProvider()
    }
}

/// How a paid call answered HTTP 429 is sent again. A 429 means the provider did not take the
/// call (nothing is charged), so it is safe to send it again after the wait the provider asks
/// for (`Retry-After`), or else after a backoff of `backoff`, doubled each time up to `maxBackoff`.
/// No other answer is retried automatically.
public struct RateLimitRetry: Sendable, Equatable {
    /// Most sends of one call, the first included; then the task fails `rate_limited`.
    public var sends: Int
    /// The wait after the first 429 that names none.
    public var backoff: Double
    /// The longest backoff.
    public var maxBackoff: Double
    /// The longest `Retry-After` waited for: a provider asking for more is not waited on (the
    /// task fails `rate_limited`, and `troupe task retry` sends it later).
    public var maxWait: Double

    public init(sends: Int = 5, backoff: Double = 1, maxBackoff: Double = 30, maxWait: Double = 300) {
        self.sends = max(1, sends)
        self.backoff = max(0, backoff)
        self.maxBackoff = max(0, maxBackoff)
        self.maxWait = max(0, maxWait)
    }

    /// The wait before sending again after send number `send` (1 for the first) was answered 429,
    /// or nil when no send is left or the provider asks for longer than `maxWait`.
    public func wait(afterSend send: Int, retryAfter: Double?) -> Double? {
        guard send < sends else { return nil }
        if let retryAfter { return retryAfter <= maxWait ? max(0, retryAfter) : nil }
        return min(backoff * Double(1 << min(max(send - 1, 0), 30)), maxBackoff)
    }
}
