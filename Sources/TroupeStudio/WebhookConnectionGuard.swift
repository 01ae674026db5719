import Foundation
import NIOCore
import NIOHTTPTypes

/// How long the webhook receiver waits for a client and how many it keeps, so that slow or idle
/// connections (a byte a second, or none) cannot keep a provider's callback out.
public struct WebhookLimits: Sendable, Equatable {
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

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// The receiver's open connections, shared by all of them: oldest first, each either waiting for
/// its request or having one answered.
final class WebhookConnections: @unchecked Sendable {
    private struct Entry {
        let channel: any Channel
        var answering: Bool
    }

    private let lock = NSLock()
    private let maximum: Int
    private var next: UInt64 = 0
    /// By opening order (the sequence number).
    private var entries: [UInt64: Entry] = [:]
    private var closedToMakeRoom = 0

    init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// How many are open.
    var count: Int { lock.withLock { entries.count } }

    /// How many were closed because the limit was reached.
    var evictions: Int { lock.withLock { closedToMakeRoom } }

    /// Registers a new connection; over the limit, closes the oldest one not being answered, else
    /// this one. Returns its number.
    func opened(_ channel: any Channel) -> UInt64 {
        var victim: (any Channel)?
        let id: UInt64 = lock.withLock {
            next += 1
            entries[next] = Entry(channel: channel, answering: false)
            if entries.count > maximum {
                let oldest = entries.filter { !$0.value.answering }.min { $0.key < $1.key }?.key ?? next
                victim = entries.removeValue(forKey: oldest)?.channel
                closedToMakeRoom += 1
            }
            return next
        }
        victim?.close(promise: nil)
        return id
    }

    func setAnswering(_ id: UInt64, _ answering: Bool) {
        lock.withLock { entries[id]?.answering = answering }
    }

    func closed(_ id: UInt64) {
        _ = lock.withLock { entries.removeValue(forKey: id) }
    }
}

/// Per connection: closes it when a request does not arrive in full within the request timeout,
/// and keeps `WebhookConnections` told what it is doing.
final class WebhookConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let connections: WebhookConnections
    private let requestTimeout: TimeAmount
    private var id: UInt64?
    private var deadline: Scheduled<Void>?

    init(connections: WebhookConnections, requestTimeout: TimeAmount) {
        self.connections = connections
        self.requestTimeout = requestTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard id == nil else { return }
        id = connections.opened(context.channel)
        arm(context)
    }

    /// From now on, the next request has `requestTimeout` to arrive in full.
    private func arm(_ context: ChannelHandlerContext) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: requestTimeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) {
            deadline?.cancel()
            deadline = nil
            if let id { connections.setAnswering(id, true) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            if let id { connections.setAnswering(id, false) }
            arm(context)
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    private func finish() {
        deadline?.cancel()
        deadline = nil
        if let id { connections.closed(id) }
        id = nil
    }
}
