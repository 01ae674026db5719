import Foundation
import Hummingbird
import Logging
import NIOCore
import TroupeCatalog
import TroupeProviders
import TroupeServer

/// The webhook receiver's connection limits.
public typealias WebhookLimits = ConnectionLimits

/// Receives provider callbacks (GrsAI `webHook`, AceData `callback_url`, OpenAI-style signed
/// events) at `/hooks/<token>`.
///
/// A wrong token is a 404, a body over 1 MiB a 413, a signed event whose signature does not
/// verify a 401. A callback never writes what it claims: it only makes the studio re-check the
/// task it names by poll, then download the result. Slow, idle or too many connections are closed
/// (`WebhookLimits`), so that they cannot keep a provider's callback out.
public final class WebhookReceiver: Sendable {
    /// The largest callback body read.
    public static let maximumBody = 1 << 20
    /// The environment variable holding the signing secrets (`whsec_…`, separated by spaces) of
    /// the webhooks OpenAI-style providers send from their dashboards.
    public static let secretVariable = "TROUPE_WEBHOOK_SECRET"

    /// Where providers reach the receiver, without the secret path (`http://127.0.0.1:8788`).
    public let baseURL: String
    /// The URL to give providers: `baseURL` + `/hooks/<token>`.
    public let callbackURL: String
    /// The bound TCP port.
    public let port: Int
    private let service: RunningService
    private let recorded: Bool
    private let catalog: Catalog

    private init(baseURL: String, callbackURL: String, port: Int, service: RunningService, recorded: Bool, catalog: Catalog) {
        self.baseURL = baseURL
        self.callbackURL = callbackURL
        self.port = port
        self.service = service
        self.recorded = recorded
        self.catalog = catalog
    }

    /// Starts serving in this process and returns once the port is bound. With `record`, the base
    /// URL is kept in the catalogue so that `--delivery webhook` finds it (forgotten by `stop`).
    public static func start(studio: Studio, host: String = "127.0.0.1", port: Int = 0, publicURL: String? = nil,
                             record: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                             limits: WebhookLimits = WebhookLimits(),
                             events: @escaping StudioEvents = { _ in }) async throws -> WebhookReceiver {
        let handler = try WebhookHandler(studio: studio, environment: environment, limits: limits, events: events)
        let (service, bound): (RunningService, Int)
        do {
            (service, bound) = try await RunningService.listening { handler.application(host: host, port: port, onServerRunning: $0) }
        } catch let error as RunningService.NotListening {
            throw StudioError("the webhook receiver cannot listen on \(host):\(port): \(error)")
        }
        let base = try baseURL(host: host, port: bound, publicURL: publicURL)
        if record { try studio.catalog.setWebhookBaseURL(base) }
        return WebhookReceiver(baseURL: base, callbackURL: try studio.webhookCallbackURL(base: base), port: bound,
                               service: service, recorded: record, catalog: studio.catalog)
    }

    /// Stops serving and forgets the recorded URL.
    public func stop() async {
        if recorded, (try? catalog.webhookBaseURL()) == baseURL { try? catalog.setWebhookBaseURL(nil) }
        await service.stop()
    }

    /// Serves in the foreground until SIGINT or SIGTERM (for `troupe webhook serve`); the base URL
    /// is recorded in the catalogue meanwhile. `onReady` receives the callback URL.
    public static func serve(studio: Studio, host: String = "127.0.0.1", port: Int, publicURL: String? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment,
                             limits: WebhookLimits = WebhookLimits(),
                             events: @escaping StudioEvents = { _ in },
                             onReady: @escaping @Sendable (String) async -> Void) async throws {
        let handler = try WebhookHandler(studio: studio, environment: environment, limits: limits, events: events)
        if let publicURL { _ = try baseURL(host: host, port: port, publicURL: publicURL) }
        let recordedBase = LockedValue<String?>(nil)
        let app = handler.application(host: host, port: port) { bound in
            do {
                let base = try baseURL(host: host, port: bound, publicURL: publicURL)
                try studio.catalog.setWebhookBaseURL(base)
                recordedBase.set(base)
                await onReady(try studio.webhookCallbackURL(base: base))
            } catch {
                events(.note("webhook: cannot record the receiver's URL: \(error)"))
            }
        }
        defer {
            if let base = recordedBase.get(), (try? studio.catalog.webhookBaseURL()) == base { try? studio.catalog.setWebhookBaseURL(nil) }
        }
        try await app.runService()
    }

    /// `publicURL` (checked, without a trailing slash), else `http://host:port`.
    static func baseURL(host: String, port: Int, publicURL: String?) throws -> String {
        if var url = publicURL {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host?.isEmpty == false else {
                throw StudioError("--public-url '\(url)' is not an http(s) URL")
            }
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        return RunningService.baseURL(host: host, port: port)
    }
}

/// The receiver's one route and what it does with a callback.
struct WebhookHandler: Sendable {
    /// How many tenths of a second a callback naming an unknown task waits for the journal.
    static let unknownTaskWaits = 20

    let studio: Studio
    let token: WebhookToken
    let environment: [String: String]
    let events: StudioEvents
    let rechecks = RecheckGate()
    let limits: WebhookLimits

    init(studio: Studio, environment: [String: String], limits: WebhookLimits = WebhookLimits(), events: @escaping StudioEvents) throws {
        self.studio = studio
        token = try WebhookToken.load(home: studio.home)
        self.environment = environment
        self.limits = limits
        self.events = events
    }

    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("/hooks/:token") { request, context in
            await handle(request, token: context.parameters.get("token") ?? "")
        }
        return router
    }

    func application(host: String, port: Int, onServerRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        var logger = Logger(label: "troupe.webhook")
        logger.logLevel = .critical
        return Application(
            router: buildRouter(),
            server: .http1(configuration: limits.http1Configuration()),
            configuration: .init(address: .hostname(host, port: port), serverName: "troupe-webhook"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    func handle(_ request: Request, token presented: String) async -> Response {
        // The token first: nothing of a stranger's body is read.
        guard token.matches(presented) else { return Self.answer(.notFound, ["error": "not found"]) }
        var request = request
        let body: Data
        do {
            body = Data(try await request.collectBody(upTo: WebhookReceiver.maximumBody).readableBytesView)
        } catch is NIOTooManyBytesError {
            return Self.answer(.contentTooLarge, ["error": "the body is over \(WebhookReceiver.maximumBody) bytes"])
        } catch {
            return Self.answer(.badRequest, ["error": "the body could not be read"])
        }
        // Signed ("standard webhooks", OpenAI-style): believed only once the signature verifies.
        let headers = request.headers.map { WireRequest.Header($0.name.canonicalName, $0.value) }
        let signed = headers.contains { $0.name == "webhook-signature" }
        if signed {
            do {
                try verifySignature(body, headers: headers)
            } catch {
                events(.note("webhook: refused a signed callback: \(error)"))
                return Self.answer(.unauthorized, ["error": "\(error)"])
            }
        }
        var match: WebhookMatch
        do {
            match = try studio.webhookMatch(body, signed: signed)
            // A callback can overtake the answer to its submission: give the journal a moment to
            // record the task id before calling the task unknown.
            var waits = 0
            while case .unknownTask = match, waits < Self.unknownTaskWaits {
                try await Task.sleep(for: .milliseconds(100))
                waits += 1
                match = try studio.webhookMatch(body, signed: signed)
            }
        } catch {
            return Self.answer(.internalServerError, ["error": "\(error)"])
        }
        switch match {
        case .unreadable:
            return Self.answer(.badRequest, ["error": "no provider's callback format reads this body"])
        case .unknownTask(let remoteId):
            events(.note("webhook: ignored a callback about \(remoteId), which is not in the journal"))
            return Self.answer(.ok, ["ignored": "task \(remoteId) is not in this journal"])
        case .task(let taskId):
            // One re-check per task at a time; callbacks arriving meanwhile ask for one more.
            guard await rechecks.claim(taskId) else { return Self.answer(.accepted, ["task": "\(taskId)", "state": "checking"]) }
            var entry: JournalEntry?
            var failure: (any Error)?
            repeat {
                do {
                    entry = try await studio.recheck(taskId: taskId, environment: environment, events: events)
                    failure = nil
                } catch {
                    failure = error
                }
            } while await rechecks.release(taskId)
            if let failure {
                events(.note("webhook: task \(taskId): re-check failed (\(failure)); `troupe task resume` polls it"))
                return Self.answer(.serviceUnavailable, ["task": "\(taskId)", "error": "\(failure)"])
            }
            let state = entry?.task.state.rawValue ?? "unknown"
            events(.note("webhook: task \(taskId): \(state)"))
            return Self.answer(.ok, ["task": "\(taskId)", "state": state])
        }
    }

    /// Checks a signed callback against each secret in `TROUPE_WEBHOOK_SECRET`.
    func verifySignature(_ body: Data, headers: [WireRequest.Header]) throws {
        let secrets = (environment[WebhookReceiver.secretVariable] ?? "").split(whereSeparator: \.isWhitespace)
        guard !secrets.isEmpty else {
            throw StudioError("webhook refused: it is signed and \(WebhookReceiver.secretVariable) is not set (the provider's signing secret, whsec_…)")
        }
        var failure: WebhookVerificationError = .signatureMismatch
        for secret in secrets {
            do throws(WebhookVerificationError) {
                try OpenAIWebhook.verify(body: body, headers: headers, secret: String(secret), now: Date())
                return
            } catch {
                // A wrong secret says "no signature matches"; a bad header or timestamp says so.
                if case .signatureMismatch = failure { failure = error }
            }
        }
        throw failure
    }

    static func answer(_ status: HTTPResponse.Status, _ fields: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Lets one re-check per task run; a callback arriving meanwhile makes it run once more.
actor RecheckGate {
    private var running: Set<Int64> = []
    private var again: Set<Int64> = []

    /// True when the caller should run the re-check (none was running).
    func claim(_ taskId: Int64) -> Bool {
        if running.contains(taskId) {
            again.insert(taskId)
            return false
        }
        running.insert(taskId)
        return true
    }

    /// True when another callback came meanwhile and the re-check should run again.
    func release(_ taskId: Int64) -> Bool {
        if again.remove(taskId) != nil { return true }
        running.remove(taskId)
        return false
    }
}

/// A value shared between the server's callbacks and its owner.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
