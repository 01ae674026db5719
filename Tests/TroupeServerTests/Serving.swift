import Hummingbird
import Logging
import TroupeServer

/// Runs `body` with a Hummingbird server on a loopback port (answering `GET /ping` with "pong"),
/// stopped when `body` ends, however it ends.
@discardableResult
func withServer<T>(port: Int = 0, limits: ConnectionLimits? = nil,
                   _ body: (RunningService, Int) async throws -> T) async throws -> T {
    let (service, bound) = try await RunningService.listening { onPort in application(port: port, limits: limits, onPort) }
    do {
        let value = try await body(service, bound)
        await service.stop()
        return value
    } catch {
        await service.stop()
        throw error
    }
}

/// The test server, with `limits` enforced when given.
func application(port: Int, limits: ConnectionLimits?, _ onPort: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
    var logger = Logger(label: "troupe.server-tests")
    logger.logLevel = .critical
    let router = Router()
    router.get("/ping") { _, _ in "pong" }
    return Application(
        router: router,
        server: .http1(configuration: limits?.http1Configuration() ?? .init()),
        configuration: .init(address: .hostname("127.0.0.1", port: port)),
        onServerRunning: { channel in await onPort(channel.localAddress?.port ?? port) },
        logger: logger)
}
