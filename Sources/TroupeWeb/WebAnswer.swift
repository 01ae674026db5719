import Foundation
import HTTPTypes
import Hummingbird
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeStudio

/// Builds the server's answers: JSON as the CLI's `--json` writes it, HTML pages, and the answer
/// for an error (a 404 when it says something is not there, else a 400 or 500).
enum WebAnswer {
    /// The encoder of the CLI's `--json` (snake_case keys are in the types; sorted keys).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder().encode(value)
        return raw(data, status: status, contentType: "application/json; charset=utf-8")
    }

    /// A JSON object from already-encoded parts (`fields` values are JSON texts).
    static func object(_ fields: [(String, String)], status: HTTPResponse.Status = .ok) -> Response {
        let body = "{" + fields.map { "\(jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        return raw(Data(body.utf8), status: status, contentType: "application/json; charset=utf-8")
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        raw(Data(text.utf8), status: status, contentType: "text/html; charset=utf-8")
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok, contentType: String, extra: [(HTTPField.Name, String)] = []) -> Response {
        // The length in the headers, so that HEAD answers it too.
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store", .contentLength: String(data.count)]
        for (name, value) in extra { headers[name] = value }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? encoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether the request is for the JSON API (errors are JSON there, pages elsewhere).
    static func isAPI(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/")
    }

    /// An error answer: `{"error": message}` under `/api/`, else a page.
    static func error(_ status: HTTPResponse.Status, _ message: String, request: Request, security: WebSecurity) -> Response {
        if isAPI(request) || request.uri.path.hasPrefix("/files/") {
            return object([("error", jsonString(message))], status: status)
        }
        let context = PageContext(csrfToken: security.csrfToken, query: [:])
        return html(Pages.notFound(message, context), status: status)
    }

    /// The answer for an error a route threw.
    static func answer(for error: any Error, request: Request, security: WebSecurity) -> Response {
        if let error = error as? HTTPError {
            return Self.error(error.status, error.body ?? error.status.reasonPhrase, request: request, security: security)
        }
        if let error = error as? PromptError {
            return (try? json(PromptProblems(error), status: .badRequest)) ?? Self.error(.badRequest, error.description, request: request, security: security)
        }
        if let error = error as? PaidCallError {
            return object([("error", jsonString(error.message)), ("task_id", String(error.taskId)),
                           ("ending", jsonString(error.ending.rawValue))], status: .badGateway)
        }
        let (status, message) = classify(error)
        return Self.error(status, message, request: request, security: security)
    }

    /// A library error's status and line: "not found" errors are 404, other refusals 400.
    static func classify(_ error: any Error) -> (HTTPResponse.Status, String) {
        let message: String
        switch error {
        case let error as PidNotFound: return (.notFound, error.description)
        case let error as CatalogError: message = error.message
        case let error as StudioError: message = error.message
        case let error as DomainError: message = error.message
        case let error as RequestProblem: return (.badRequest, error.message)
        default: return (.internalServerError, "\(error)")
        }
        let lower = message.lowercased()
        let missing = lower.hasPrefix("no ") || lower.contains("not found") || lower.contains("no such") || lower.contains("not in the catalogue")
        return (missing ? .notFound : .badRequest, message)
    }
}

/// Bad input in a request: one line saying what is wrong and what is allowed.
struct RequestProblem: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// A prompt's problems as `/api/compile` answers them.
struct PromptProblems: Encodable {
    struct Problem: Encodable {
        var kind: String
        var message: String
        var start: Int
        var end: Int
        var subject: String?
        var suggestions: [String]
    }

    var ok = false
    var problems: [Problem]

    init(_ error: PromptError) {
        problems = error.problems.map {
            Problem(kind: $0.kind.rawValue, message: $0.message, start: $0.range.lowerBound, end: $0.range.upperBound,
                    subject: $0.subject, suggestions: $0.suggestions)
        }
    }
}
