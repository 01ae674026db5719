import Foundation
import Hummingbird
import NIOCore

/// The request context: the channel is kept so a fault can reset the connection.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    var maxUploadSize: Int { Simulator.maximumBody }
}

/// Thrown after the connection was reset on purpose.
struct ConnectionResetFault: Error {}

/// A rejected request: the status and message, shaped per dialect when answered.
struct Rejection: Error {
    var status: HTTPResponse.Status
    var message: String
    var param: String? = nil
    var code: String? = nil
}

/// The simulator: configuration, state and the pieces each dialect's handlers share.
struct Simulator: Sendable {
    static let maximumBody = 32 * 1024 * 1024
    /// Prices in thousandths of a credit (GrsAI: 0.08 a video, 0.01 a character).
    static let videoPrice = 80
    static let characterPrice = 10
    /// Chosen figures, not published prices: a Veo video 0.40, a Seedance video 0.30.
    static let veoPrice = 400
    static let seedancePrice = 300

    let configuration: SimulatorConfiguration
    let state: SimulatorState
    let signer: FileSigner
    let webhooks: WebhookSender

    init(_ configuration: SimulatorConfiguration) throws {
        let problems = configuration.problems
        guard problems.isEmpty else { throw SimulatorError.invalidConfiguration(problems) }
        self.configuration = configuration
        state = try SimulatorState(configuration: configuration)
        signer = FileSigner(key: state.signingKey)
        webhooks = WebhookSender()
    }

    // MARK: request helpers

    static func body(of request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: maximumBody)
        return Data(buffer.readableBytesView)
    }

    /// The JSON object in the body, or a 400 rejection.
    static func jsonObject(_ request: Request) async throws -> JSONValue {
        let data = try await body(of: request)
        guard let value = JSONValue.parse(data), case .object = value else {
            throw Rejection(status: .badRequest, message: "the body must be a JSON object")
        }
        return value
    }

    /// `http://host:port` as the client addressed us, for result URLs.
    func baseURL(_ request: Request) -> String {
        if let authority = request.head.authority, !authority.isEmpty {
            return "http://\(authority)"
        }
        return "http://\(configuration.host):\(configuration.port)"
    }

    /// The signed URL of a finished video's file.
    func fileURL(_ task: SimulatorTask, base: String) -> String {
        signer.url(base: base, file: "\(task.pid ?? task.id).mp4", expires: task.urlExpiry(ttl: configuration.urlTTL))
    }

    /// Mentions in `prompt` that are not ready characters of `dialect`
    /// (`@characterN` counts when the request carries at least N `characters`).
    func unknownMentions(_ prompt: String, dialect: Dialect, inlineCharacters: Int = 0, now: Date) -> [String] {
        let known: (String) -> Bool = { name in
            if name.hasPrefix("character"), let n = Int(name.dropFirst("character".count)), n >= 1,
                n <= inlineCharacters
            {
                return true
            }
            return state.character(name, dialect: dialect, at: now) != nil
        }
        return Mentions.find(in: prompt, isKnown: known).filter { !known($0) }
    }

    /// Decides moderation and mints ids for a new task.
    func newTask(
        id: String, dialect: Dialect, kind: TaskKind, delivery: String, request: JSONValue, base: String,
        seconds: Double, model: String, price: Int? = nil, now: Date
    ) -> SimulatorTask {
        var task = SimulatorTask(
            id: id, dialect: dialect, kind: kind, delivery: delivery, createdAt: now,
            readyAt: now.addingTimeInterval(configuration.latency), failureReason: nil, error: nil,
            pid: nil, characterID: nil, characterName: nil, parentPid: nil, parentID: nil, clip: nil,
            seconds: seconds, model: model, prompt: nil, size: nil, aspect: nil, request: request,
            cost: price ?? (kind.makesCharacter ? Self.characterPrice : Self.videoPrice), refunded: false, faults: [],
            deleted: false, webhookURL: nil, webhookDeliveries: 0, webhookFailures: 0, baseURL: base)
        if kind.makesCharacter {
            task.characterID = dialect == .openai ? "char_\(state.hex(32))" : "sim.cast_\(state.hex(12))"
        } else {
            task.pid = "s_\(state.hex(32))"
            if configuration.moderationRate > 0, state.draw() < configuration.moderationRate {
                task.failureReason = "output_moderation"
                task.error = "the generated video was flagged by output moderation"
            }
        }
        return task
    }

    /// Fails a task at once with `input_moderation` for the unknown characters.
    static func failForMentions(_ task: inout SimulatorTask, unknown: [String]) {
        guard !unknown.isEmpty else { return }
        task.failureReason = "input_moderation"
        task.error = "unknown character" + (unknown.count > 1 ? "s " : " ")
            + unknown.map { "@\($0)" }.joined(separator: ", ")
        task.readyAt = task.createdAt
    }

    // MARK: responses

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.text)))
    }

    /// The answer for an injected fault, in the dialect's error shape. `real` is the body a
    /// healthy answer would have carried (cut in half for `truncatedJSON`).
    func faultResponse(
        _ fault: Fault, dialect: Dialect, real: JSONValue, context: SimulatorRequestContext
    ) throws -> Response {
        switch fault {
        case .tooManyRequests:
            return Self.json(
                Self.errorBody(dialect, status: .tooManyRequests, message: "too many requests, retry later"),
                status: .tooManyRequests, headers: [.retryAfter: "1"])
        case .serverError:
            return Self.json(
                Self.errorBody(dialect, status: .internalServerError, message: "upstream error (simulated)"),
                status: .internalServerError)
        case .truncatedJSON:
            let text = real.text
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: String(text.prefix(text.count / 2)))))
        case .connectionReset:
            // SO_LINGER 0 turns the close into a TCP RST.
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            } else {
                channel.close(promise: nil)
            }
            throw ConnectionResetFault()
        }
    }

    /// The provider's error body for a status.
    static func errorBody(_ dialect: Dialect, status: HTTPResponse.Status, message: String, param: String? = nil, code: String? = nil) -> JSONValue {
        switch dialect {
        case .grsai:
            return ["code": -1, "msg": .string(message), "data": nil]
        case .acedata:
            let aceCode: String
            switch status.code {
            case 401: aceCode = "invalid_token"
            case 429: aceCode = "too_many_requests"
            case 500...: aceCode = "api_error"
            default: aceCode = code ?? "bad_request"
            }
            return ["success": false, "error": ["code": .string(aceCode), "message": .string(message)], "trace_id": .string(UUID().uuidString.lowercased())]
        case .openai:
            let type: String
            switch status.code {
            case 401: type = "invalid_request_error"
            case 429: type = "rate_limit_error"
            case 500...: type = "server_error"
            default: type = "invalid_request_error"
            }
            let openAICode: String? = code ?? (status.code == 401 ? "invalid_api_key" : status.code == 429 ? "rate_limit_exceeded" : nil)
            return ["error": ["message": .string(message), "type": .string(type), "param": param.json, "code": openAICode.json]]
        }
    }

    static func reject(_ rejection: Rejection, dialect: Dialect) -> Response {
        json(errorBody(dialect, status: rejection.status, message: rejection.message, param: rejection.param, code: rejection.code), status: rejection.status)
    }
}

/// Errors raised when starting a simulator.
public enum SimulatorError: Error, CustomStringConvertible {
    case invalidConfiguration([String])
    case couldNotBind(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let problems): "invalid simulator configuration: " + problems.joined(separator: "; ")
        case .couldNotBind(let reason): "simulator could not start: \(reason)"
        }
    }
}
