import HummingbirdCore
import NIOCore

/// How long a server waits for a client and how many it keeps, so that slow or idle connections
/// (a byte a second, or none) cannot keep the real clients out (the webhook receiver's callbacks).
public struct ConnectionLimits: Sendable, Equatable {
    /// Each request must arrive in full (head and body) within this time of the connection
    /// opening or the previous answer being sent; else the connection is closed.
    public var requestTimeout: Duration
    /// A connection on which nothing is read or answered for this long is closed.
    public var idleTimeout: Duration
    /// The most connections kept open. A new connection over the limit closes the oldest one
    /// still sending its request (or waiting idle); when every connection has a request being
    /// answered, the new one is closed.
    public var maximumConnections: Int

    public init(requestTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(5), maximumConnections: Int = 256) {
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }

    /// An HTTP/1 server configuration enforcing these limits, with one count of open connections.
    public func http1Configuration() -> HTTP1Channel.Configuration {
        let connections = OpenConnections(maximum: maximumConnections)
        let requestTimeout = Self.timeAmount(requestTimeout)
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(connections: connections, requestTimeout: requestTimeout)],
            idleTimeout: Self.timeAmount(idleTimeout))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
