import Foundation

/// A provider's answer that is not a usable result.
public enum ProviderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// HTTP 401/403: the key is missing, wrong or lacks rights.
    case unauthorized(String)
    /// HTTP 429: the call was not taken; try again after `retryAfter` seconds when given.
    case rateLimited(retryAfter: Double?)
    /// The provider did not take the call (a 4xx, or an error envelope); the message is theirs.
    case rejected(String)
    /// HTTP 5xx (or another unexpected status): a paid call may or may not have been taken.
    case server(status: Int, message: String)
    /// The provider does not know this task id.
    case unknownTask(String)
    /// The body could not be read; for a paid call the outcome is unknown.
    case malformed(String)

    /// Whether a paid call answered this way might still have been taken (and charged).
    public var outcomeUnknown: Bool {
        switch self {
        case .server, .malformed: true
        case .unauthorized, .rateLimited, .rejected, .unknownTask: false
        }
    }

    public var description: String {
        switch self {
        case .unauthorized(let message): "unauthorized: \(message)"
        case .rateLimited(let retryAfter):
            if let retryAfter { "rate limited: retry after \(Int(retryAfter.rounded(.up))) s" } else { "rate limited" }
        case .rejected(let message): "rejected by the provider: \(message)"
        case .server(let status, let message): "provider error (HTTP \(status)): \(message)"
        case .unknownTask(let id): "the provider does not know task \(id)"
        case .malformed(let message): "unreadable answer: \(message)"
        }
    }
}

/// Classifies a response's HTTP status; 2xx returns the parsed body (or throws `.malformed`).
enum ResponseTriage {
    /// Returns the JSON of a 2xx body; throws the typed error otherwise.
    /// `notFoundIsUnknownTask`: a 404 names an unknown task (polls), not a rejected call.
    static func json(_ response: WireResponse, taskID: String? = nil, now: Date = Date()) throws(ProviderError) -> JSONValue {
        let status = response.status
        if (200..<300).contains(status) {
            return try JSONValue.parse(response.body)
        }
        let message = errorMessage(in: response.body) ?? "HTTP \(status)"
        switch status {
        case 401, 403:
            throw .unauthorized(message)
        case 429:
            throw .rateLimited(retryAfter: retryAfter(response.header("Retry-After"), now: now))
        case 404 where taskID != nil:
            throw .unknownTask(taskID!)
        case 400..<500:
            throw .rejected(message)
        default:
            throw .server(status: status, message: message)
        }
    }

    /// The human message of an error body in any of the three dialects.
    static func errorMessage(in body: Data) -> String? {
        guard let json = try? JSONValue.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        return errorMessage(in: json)
    }

    static func errorMessage(in json: JSONValue) -> String? {
        if let error = json["error"] {
            if let message = error["message"]?.nonEmptyText {
                if let code = error["code"]?.nonEmptyText, code != message { return "\(message) (\(code))" }
                return message
            }
            if let text = error.nonEmptyText { return text }
        }
        return json["msg"]?.nonEmptyText ?? json["message"]?.nonEmptyText ?? json["detail"]?.nonEmptyText
    }

    /// The longest wait a `Retry-After` may ask for (a day).
    static let maximumWait: Double = 86_400

    /// `Retry-After` as seconds (a number of seconds or an HTTP date).
    static func retryAfter(_ value: String?, now: Date) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 { return min(seconds, maximumWait) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), maximumWait)
    }
}
