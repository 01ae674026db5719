import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        try await serveListing(studio: studio, host: host, port: port, environment: environment) { urls in await onReady(urls[0]) }
    }

    /// `serve`, handing `onReady` every URL that reaches the server (see `urls`).
    public static func serveListing(studio: Studio, host: String = "127.0.0.1", port: Int,
                                    environment: [String: String] = ProcessInfo.processInfo.environment,
                                    onReady: @escaping @Sendable ([String]) async -> Void) async throws {
        let security = WebSecurity(host: host)
        let app = WebApp(studio: studio, security: security, environment: environment)
        try await app.application(host: host, port: port) { bound in
            await onReady(urls(host: host, port: bound, security: security))
        }.runService()
    }

    /// The URL to open: on every interface (`0.0.0.0`, `::`), at this machine's first address.
    static func url(host: String, port: Int, security: WebSecurity) -> String {
        urls(host: host, port: port, security: security)[0]
    }

    /// The URLs that reach the server: one per address of this machine when it listens on every
    /// interface (`0.0.0.0`, `::`; loopback last), else the one of `host`.
    public static func urls(host: String, port: Int, security: WebSecurity) -> [String] {
        let hosts = security.anyHostName ? interfaceAddresses(ipv6: host.contains(":")) + ["127.0.0.1"] : [host]
        let query = security.accessToken.map { "?\(WebSecurity.tokenName)=\($0)" } ?? ""
        return hosts.map { RunningService.baseURL(host: $0, port: port) + "/" + query }
    }

    /// This machine's non-loopback addresses (IPv4, then IPv6 when asked; no link-local ones,
    /// which need a zone a browser does not take).
    static func interfaceAddresses(ipv6: Bool) -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var four: [String] = []
        var six: [String] = []
        for item in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = item.pointee.ifa_addr else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || (ipv6 && family == AF_INET6) else { continue }
            let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            var buffer = [CChar](repeating: 0, count: 1025)
            guard getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if WebSecurity.isLoopback(text) || text.lowercased().hasPrefix("fe80") || text.contains("%") { continue }
            if family == AF_INET { if !four.contains(text) { four.append(text) } } else if !six.contains(text) { six.append(text) }
        }
        return four + six
    }
}
