import Logging
import ServiceLifecycle

/// A service (a Hummingbird application) running in a background task of this process, that
/// can be stopped gracefully: cancelling a server while it accepts a connection can trap in
/// swift-nio ("Deinited NIOAsyncWriter without calling finish()").
public final class RunningService: Sendable {
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts `service`; `onEnd` runs when it stops, however it stops.
    public init(_ service: some Service, onEnd: @escaping @Sendable () -> Void = {}) {
        var logger = Logger(label: "troupe.service")
        logger.logLevel = .critical
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [], logger: logger))
        self.group = group
        task = Task {
            defer { onEnd() }
            try await group.run()
        }
    }

    /// Why a server stopped before it listened.
    public struct NotListening: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the server `make` builds (handing it the callback to call with its bound port) and
    /// returns once that port is bound. Throws `NotListening` when the server stopped first.
    public static func listening(_ make: (@escaping @Sendable (Int) async -> Void) throws -> some Service) async throws
        -> (service: RunningService, port: Int) {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = try make { port in
            continuation.yield(port)
            continuation.finish()
        }
        let service = RunningService(server) { continuation.finish() }
        for await port in ports { return (service, port) }
        do {
            try await service.value()
            throw NotListening(description: "the server stopped before listening")
        } catch let error as NotListening {
            throw error
        } catch {
            throw NotListening(description: "\(error)")
        }
    }

    /// `http://host:port`, an IPv6 host in brackets.
    public static func baseURL(host: String, port: Int) -> String {
        "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Waits until the service ends, rethrowing why it stopped.
    public func value() async throws {
        try await task.value
    }

    /// Stops gracefully (idle connections closed, requests under way answered), then by
    /// cancellation if that takes longer than `patience` (a held stream, say).
    public func stop(patience: Duration = .seconds(2)) async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try await Task.sleep(for: patience)
            task.cancel()
        }
        _ = try? await task.value
        deadline.cancel()
    }
}
