import Foundation
import Hummingbird
import TroupeServer
import TroupeStudio

/// `troupe web` running: in this process (`start`, for tests and `troupe demo --web`) or in the
/// foreground until Ctrl-C (`serve`).
public final class WebServer: Sendable {
    /// `http://127.0.0.1:PORT/`, with `?troupe_token=…` when the server needs its token.
    public let url: String
    /// The bound TCP port.
    public let port: Int
    public let app: WebApp
    private let service: RunningService

    private init(url: String, port: Int, app: WebApp, service: RunningService) {
        self.url = url
        self.port = port
        self.app = app
        self.service = service
    }

    /// Starts serving `studio` on `host:port` (0 picks a free port) and returns once it listens.
    public static func start(studio: Studio, host: String = "127.0.0.1", port: Int = 0,
                             environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> WebServer {
        let app = WebApp(studio: studio, security: WebSecurity(host: host), environment: environment)
        let (service, bound): (RunningService, Int)
        do {
            (service, bound) = try await RunningService.listening { app.application(host: host, port: port, onServerRunning: $0) }
        } catch let error as RunningService.NotListening {
            throw StudioError("troupe web cannot listen on \(host):\(port): \(error)")
        }
        return WebServer(url: url(host: host, port: bound, security: app.security), port: bound, app: app, service: service)
    }

    /// Stops serving (streams of events are ended; a paid call under way goes on in the journal:
    /// `troupe task resume` finishes it).
    public func stop() async {
        await service.stop()
    }

    /// Serves in the foreground until SIGINT or SIGTERM; `onReady` receives the URL once bound.
    public static func serve(studio: Studio, host: String = "127.0.0.1", port: Int,
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             onReady: @escaping @Sendable (String) async -> Void) async throws {
        let security = WebSecurity(host: host)
        let app = WebApp(studio: studio, security: security, environment: environment)
        try await app.application(host: host, port: port) { bound in
            await onReady(url(host: host, port: bound, security: security))
        }.runService()
    }

    /// The URL to open.
    static func url(host: String, port: Int, security: WebSecurity) -> String {
        RunningService.baseURL(host: host, port: port) + "/" + (security.accessToken.map { "?\(WebSecurity.tokenName)=\($0)" } ?? "")
    }
}
