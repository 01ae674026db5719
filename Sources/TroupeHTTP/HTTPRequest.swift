import Foundation

/// One header line of a request or a response.
public struct HTTPHeader: Sendable, Hashable {
    /// The header name as written.
    public var name: String
    /// The header value.
    public var value: String

    /// Creates a header line.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Time limits for one attempt of a request.
public struct HTTPTimeouts: Sendable, Hashable {
    /// Longest wait for the TCP/TLS connection; nil leaves libcurl's default (300 s).
    public var connect: Duration?
    /// Longest time for the whole transfer; nil means no limit.
    public var total: Duration?
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedWindow` is stalled and aborted.
    public var lowSpeedBytesPerSecond: Int
    /// How long a transfer may stay below `lowSpeedBytesPerSecond`; nil disables the stall check.
    public var lowSpeedWindow: Duration?

    /// Creates time limits.
    public init(
        connect: Duration? = .seconds(10),
        total: Duration? = nil,
        lowSpeedBytesPerSecond: Int = 1,
        lowSpeedWindow: Duration? = .seconds(60)
    ) {
        self.connect = connect
        self.total = total
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedWindow = lowSpeedWindow
    }

    /// Defaults: 10 s to connect, no total limit, aborted after 60 s without a byte.
    public static let standard = HTTPTimeouts()
}

/// An HTTP request: any method, headers, bearer auth and a body.
///
/// The bearer token and credential-like headers never appear in `description`,
/// `debugDescription` or errors.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `GET`, `POST`, `PATCH`.
    public var method: String
    /// The absolute `http` or `https` URL.
    public var url: String
    /// Extra header lines, sent in order.
    public var headers: [HTTPHeader]
    /// Sent as `Authorization: Bearer <token>` when set.
    public var bearerToken: String?
    /// The request body.
    public var body: HTTPBody
    /// Whether the request may be repeated safely. Only idempotent requests are retried
    /// after a response or a broken connection. Defaults to true for GET, HEAD, PUT,
    /// DELETE and OPTIONS, false otherwise (a paid POST is never retried blindly).
    public var idempotent: Bool
    /// Time limits for each attempt.
    public var timeouts: HTTPTimeouts
    /// How many redirects are followed (never to another scheme than http/https).
    public var maxRedirects: Int
    /// Largest response body kept in memory by `HTTPClient.send`; larger bodies fail.
    public var maxResponseBytes: Int

    /// Creates a request.
    public init(
        method: String = "GET",
        url: String,
        headers: [HTTPHeader] = [],
        bearerToken: String? = nil,
        body: HTTPBody = .empty,
        idempotent: Bool? = nil,
        timeouts: HTTPTimeouts = .standard,
        maxRedirects: Int = 5,
        maxResponseBytes: Int = 64 << 20
    ) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.bearerToken = bearerToken
        self.body = body
        self.idempotent = idempotent ?? Self.idempotentMethods.contains(method.uppercased())
        self.timeouts = timeouts
        self.maxRedirects = maxRedirects
        self.maxResponseBytes = maxResponseBytes
    }

    /// A request whose body is `value` encoded as JSON, with `Content-Type: application/json`.
    public static func json(
        method: String = "POST",
        url: String,
        _ value: some Encodable,
        bearerToken: String? = nil,
        encoder: JSONEncoder = JSONEncoder(),
        idempotent: Bool? = nil
    ) throws -> HTTPRequest {
        let data = try encoder.encode(value)
        return HTTPRequest(
            method: method, url: url,
            headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")],
            bearerToken: bearerToken, body: .bytes(data), idempotent: idempotent)
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    static let idempotentMethods: Set<String> = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible {
    /// `METHOD url`, credentials removed.
    public var description: String {
        "\(method) \(Redaction.url(url))"
    }

    /// Method, URL, headers and body size; credentials shown as `<redacted>`.
    public var debugDescription: String {
        var lines = headers.map { "\($0.name): \(Redaction.headerValue(name: $0.name, value: $0.value))" }
        if bearerToken != nil { lines.append("Authorization: <redacted>") }
        return "HTTPRequest(\(method) \(Redaction.url(url)), headers: [\(lines.joined(separator: ", "))], body: \(body), idempotent: \(idempotent))"
    }
}
