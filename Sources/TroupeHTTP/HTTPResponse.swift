import Foundation

/// Status and headers of a response.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The HTTP status code of the final response (after redirects).
    public var status: Int
    /// The header lines of the final response, in order.
    public var headers: [HTTPHeader]

    /// Creates a response head.
    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The wait asked for by `Retry-After` (seconds or an HTTP date), if any.
    public func retryAfter(now: Date = Date()) -> Duration? {
        guard let raw = header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(raw), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: raw) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }

    /// True for 2xx statuses.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A complete response held in memory.
public struct HTTPResponse: Sendable {
    /// Status and headers.
    public var head: HTTPResponseHead
    /// The body bytes.
    public var body: Data
    /// How many attempts it took (1 when not retried).
    public var attempts: Int

    /// Creates a response.
    public init(head: HTTPResponseHead, body: Data, attempts: Int = 1) {
        self.head = head
        self.body = body
        self.attempts = attempts
    }

    /// The HTTP status code.
    public var status: Int { head.status }
    /// The header lines.
    public var headers: [HTTPHeader] { head.headers }
    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? { head.header(name) }

    /// Decodes the body as JSON.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: body)
    }
}
