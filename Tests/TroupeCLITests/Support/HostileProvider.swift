import Foundation
import Hummingbird
import Logging
import TroupeServer

/// A GrsAI-style provider on a loopback port of the test process that behaves badly: it echoes
/// the `Authorization` header (and the bare key) back in what it answers, and puts terminal
/// control sequences in its task ids, failure reasons and errors.
final class HostileProvider: Sendable {
    /// How it answers.
    enum Mode: String, Sendable, CaseIterable {
        /// Submissions are answered 401 with a JSON envelope that echoes the key.
        case submit401JSON
        /// Submissions are answered 400 with plain text that echoes the key.
        case submit400Text
        /// Submissions are answered 500 with a JSON error that echoes the key (outcome unknown).
        case submit500JSON
        /// Submissions are answered 502 with plain text that echoes the key (outcome unknown).
        case submit502Text
        /// A submission is taken (its task id holds control characters); the first polls are
        /// answered 429 and 500 echoing the key, then the task fails with a reason and an error
        /// that hold both the key and control characters.
        case pollThenFail
    }

    /// The task id it hands out in `pollThenFail`.
    /// A task id the decoders accept (one holding a control character is an unreadable answer,
    /// tested in TroupeProvidersTests), so that the poll's hostile text reaches the terminal.
    static let taskID = "task-7"
    static let failureReason = "output_moderation\u{1b}]0;owned\u{07}"

    let baseURL: String
    private let service: RunningService

    private init(baseURL: String, service: RunningService) {
        self.baseURL = baseURL
        self.service = service
    }

    /// Runs `body` with a provider serving in `mode`, stopped when `body` ends however it ends.
    static func serving<T>(_ mode: Mode, _ body: (HostileProvider) async throws -> T) async throws -> T {
        let provider = try await start(mode)
        do {
            let value = try await body(provider)
            await provider.stop()
            return value
        } catch {
            await provider.stop()
            throw error
        }
    }

    private static func start(_ mode: Mode) async throws -> HostileProvider {
        let polls = PollCount()
        let router = Router()
        router.post("/v1/video/sora-video") { request, _ -> Response in
            let (header, key) = Self.credentials(request)
            switch mode {
            case .submit401JSON:
                return json(401, ["code": 401, "msg": "invalid key \(key) (you sent Authorization: \(header))"])
            case .submit400Text:
                return text(400, "bad request; the request carried Authorization: \(header) and key=\(key)")
            case .submit500JSON:
                return json(500, ["error": ["message": "internal error handling \(header) for \(key)\u{1b}[31m"]])
            case .submit502Text:
                return text(502, "upstream failed for \(header)\n\(key)")
            case .pollThenFail:
                return json(200, ["code": 0, "msg": "ok", "data": ["id": taskID]])
            }
        }
        router.post("/v1/draw/result") { request, _ -> Response in
            let (header, key) = Self.credentials(request)
            // The transport repeats a poll answered 429 or 5xx (4 attempts in all): the first
            // four answers make one failed poll, whose error the studio reports as a note.
            switch polls.next() {
            case 1: return json(429, ["code": 429, "msg": "slow down, \(key)"])
            case 2...4: return text(500, "poll exploded for \(header) \(key)\u{1b}[5m")
            default:
                return json(200, ["code": 0, "msg": "ok", "data": [
                    "id": taskID, "status": "failed", "progress": 40,
                    "failure_reason": failureReason,
                    "error": "refused for \(header) (\(key))\u{1b}[31m\u{202e}desrever",
                ]])
            }
        }
        var logger = Logger(label: "troupe.hostile-provider")
        logger.logLevel = .critical
        let (service, port) = try await RunningService.listening { onPort in
            Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                        onServerRunning: { channel in await onPort(channel.localAddress?.port ?? 0) }, logger: logger)
        }
        return HostileProvider(baseURL: "http://127.0.0.1:\(port)", service: service)
    }

    private func stop() async {
        await service.stop()
    }

    /// The Authorization header as received and the key it carries.
    private static func credentials(_ request: Request) -> (header: String, key: String) {
        let header = request.headers[.authorization] ?? ""
        return (header, header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header)
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func text(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Counts the polls answered.
private final class PollCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}

extension CLIRunner {
    /// `run` on a thread of its own: a test waiting for the process must not hold one of the few
    /// threads that serve the handlers of a server in the test process (`HostileProvider`).
    @discardableResult
    func runAside(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try self.run(arguments, environment: environment) }) }.start()
        }
    }

    @discardableResult
    func runAside(_ arguments: String..., environment: [String: String] = [:]) async throws -> Result {
        try await runAside(arguments, environment: environment)
    }
}
