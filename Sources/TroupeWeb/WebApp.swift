import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TroupeServer
import TroupeStudio

/// `troupe web`'s application: the pages, the JSON API under `/api/`, the vault files and the
/// assets, behind `WebSecurity`. Built separately from the running server, so that tests drive
/// its router without sockets.
public struct WebApp: Sendable {
    public let studio: Studio
    public let security: WebSecurity
    /// Where provider keys are read from (paid calls only; never shown).
    let environment: [String: String]
    /// The paid calls the server sends and follows in the background.
    public let jobs: WebJobs
    /// How often `/api/events` looks at the journal while a client is connected.
    var eventsInterval: Duration
    /// Ends an `/api/events` stream after this many events (tests); nil: when the client leaves.
    var eventLimit: Int?
    /// Told when an `/api/events` client has its first look at the journal (tests).
    var onSubscribed: @Sendable () -> Void

    /// An application over `studio`; `environment` holds the provider keys paid calls use.
    public init(studio: Studio, security: WebSecurity, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(studio: studio, security: security, environment: environment, eventsInterval: .milliseconds(500))
    }

    init(studio: Studio, security: WebSecurity, environment: [String: String], eventsInterval: Duration,
         eventLimit: Int? = nil, onSubscribed: @escaping @Sendable () -> Void = {}) {
        self.studio = studio
        self.security = security
        self.environment = environment
        self.eventsInterval = eventsInterval
        self.eventLimit = eventLimit
        self.onSubscribed = onSubscribed
        jobs = WebJobs()
    }

    /// The router: every route behind the security middleware; every GET answers HEAD too.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        let security = self.security
        router.add(middleware: SecurityMiddleware(security: security) { error, request in
            WebAnswer.answer(for: error, request: request, security: security)
        })
        addPages(to: router)
        WebAPI(app: self).add(to: router)
        return router
    }

    /// The Hummingbird application listening on `host:port`; `onServerRunning` gets the bound port.
    public func application(host: String, port: Int, limits: ConnectionLimits = WebApp.limits,
                            onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "troupe.web")
        logger.logLevel = .critical
        let box = security.port
        return Application(
            router: buildRouter(),
            server: .http1(configuration: limits.http1Configuration()),
            configuration: .init(address: .hostname(host, port: port), serverName: "troupe-web"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                box.set(bound)
                await onServerRunning(bound)
            },
            logger: logger)
    }

    /// Connection limits for a browser: pages load several files at once and `/api/events` holds
    /// one connection open.
    public static let limits = ConnectionLimits(requestTimeout: .seconds(30), idleTimeout: .seconds(60), maximumConnections: 64)

    /// What a page gets from its request.
    func pageContext(_ request: Request) -> PageContext {
        var query = Self.query(request)
        query[WebSecurity.tokenName] = nil
        return PageContext(csrfToken: security.csrfToken, query: query)
    }

    /// The URL's query items, the first value of each, as a form sends them (`+` is a space).
    static func query(_ request: Request) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if items[key] == nil { items[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return items
    }

    private func addPages(to router: Router<BasicRequestContext>) {
        let studio = self.studio
        func page(_ path: RouterPath, _ render: @escaping @Sendable (Request, BasicRequestContext, PageContext) throws -> String) {
            router.get(path) { request, context in
                WebAnswer.html(try render(request, context, pageContext(request)))
            }
        }
        page("/") { _, _, page in try Pages.cast(studio, page) }
        page("/characters/:handle") { _, context, page in try Pages.character(studio, handle: try context.parameter("handle"), page) }
        page("/videos") { _, _, page in try Pages.videos(studio, page) }
        page("/videos/:pid") { _, context, page in try Pages.video(studio, pid: try context.parameter("pid"), page) }
        page("/lineage/:subject") { _, context, page in try Pages.lineage(studio, subject: try context.parameter("subject"), page) }
        page("/compose") { _, _, page in try Pages.compose(studio, page) }
        page("/tasks") { _, _, page in try Pages.tasks(studio, page) }
        page("/costs") { _, _, page in try Pages.costs(studio, page) }
        router.get("/assets/app.css") { _, _ in Self.asset(Assets.css, contentType: "text/css; charset=utf-8") }
        router.get("/assets/app.js") { _, _ in Self.asset(Assets.js, contentType: "text/javascript; charset=utf-8") }
        let files = VaultFiles(catalog: studio.catalog, vaultPath: studio.home.vaultPath)
        router.get("/files/:sha256") { request, context in
            try files.answer(sha256: try context.parameter("sha256"), range: request.headers[.range])
        }
    }

    static func asset(_ text: String, contentType: String) -> Response {
        WebAnswer.raw(Data(text.utf8), contentType: contentType, extra: [(.cacheControl, "public, max-age=86400")])
    }
}

extension BasicRequestContext {
    /// A path parameter, percent-decoded (`video%2312` is `video#12`).
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw HTTPError(.notFound) }
        return value.removingPercentEncoding ?? value
    }
}
