import Foundation
import Hummingbird
import TroupeServer

/// A simulator running in this process on a loopback port, for `troupe demo` and tests.
public final class SimulatorServer: Sendable {
    /// `http://127.0.0.1:<port>`: the base for GrsAI/AceData paths; OpenAI clients add `/v1`.
    public let baseURL: String
    /// The bound TCP port.
    public let port: Int
    private let service: RunningService
    private let state: SimulatorState

    private init(baseURL: String, port: Int, service: RunningService, state: SimulatorState) {
        self.baseURL = baseURL
        self.port = port
        self.service = service
        self.state = state
    }

    /// Starts serving and returns once the port is bound.
    public static func start(_ configuration: SimulatorConfiguration) async throws -> SimulatorServer {
        let simulator = try Simulator(configuration)
        let (service, port): (RunningService, Int)
        do {
            (service, port) = try await RunningService.listening { simulator.application(onServerRunning: $0) }
        } catch let error as RunningService.NotListening {
            throw SimulatorError.couldNotBind(error.description)
        }
        return SimulatorServer(baseURL: RunningService.baseURL(host: configuration.host, port: port), port: port,
                               service: service, state: simulator.state)
    }

    /// Stops serving: gracefully (idle connections closed, requests under way answered), then
    /// by cancellation if that takes more than two seconds (a held stream, say).
    public func stop() async {
        state.stop()
        await service.stop()
    }

    /// Serves until the task running it is cancelled.
    public func wait() async {
        _ = try? await service.value()
    }
}

/// Serves in the foreground until SIGINT or SIGTERM (for `troupe sim serve`);
/// `onReady` receives the base URL once the port is bound.
public func serveSimulator(
    _ configuration: SimulatorConfiguration, onReady: @escaping @Sendable (String) async -> Void
) async throws {
    let app = try buildSimulatorApplication(configuration) { port in
        await onReady(RunningService.baseURL(host: configuration.host, port: port))
    }
    try await app.runService()
}
