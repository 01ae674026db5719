import Foundation
import Hummingbird
import Logging

/// Requires a Bearer key on the provider endpoints and answers 401 in the provider's shape.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = SimulatorRequestContext
    let key: String?

    static func dialect(of path: String) -> Dialect? {
        if path.hasPrefix("/v1/videos") { return .openai }
        if path.hasPrefix("/v1/video/") || path.hasPrefix("/v1/draw/") { return .grsai }
        if path.hasPrefix("/sora/") || path.hasPrefix("/seedance/") { return .acedata }
        return nil
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let dialect = Self.dialect(of: request.uri.path) else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        var presented = ""
        if header.lowercased().hasPrefix("bearer ") {
            presented = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        }
        let accepted = !presented.isEmpty && (key == nil || Self.constantTimeEqual(presented, key!))
        guard accepted else {
            let message = presented.isEmpty ? "missing Bearer API key" : "invalid API key"
            return Simulator.json(
                Simulator.errorBody(dialect, status: .unauthorized, message: message), status: .unauthorized)
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}

extension Simulator {
    func buildRouter() -> Router<SimulatorRequestContext> {
        let router = Router(context: SimulatorRequestContext.self)
        router.add(middleware: BearerAuthMiddleware(key: configuration.key))
        addGrsAIRoutes(to: router)
        addVeoRoutes(to: router)
        addAceDataRoutes(to: router)
        addOpenAIRoutes(to: router)
        addFileRoutes(to: router)
        addAdminRoutes(to: router)
        return router
    }
}

/// Builds the simulator's Hummingbird application; `onServerRunning` learns the bound port.
public func buildSimulatorApplication(
    _ configuration: SimulatorConfiguration,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    try Simulator(configuration).application(onServerRunning: onServerRunning)
}

extension Simulator {
    func application(onServerRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        var logger = Logger(label: "troupe.sim")
        logger.logLevel = .critical
        let port = configuration.port
        return Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "troupe-sim"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
