import Foundation
import HTTPTypes
import Hummingbird

/// What keeps `troupe web` safe on a laptop: the `Host` check (DNS rebinding gets 403), the
/// per-run CSRF token every POST carries, the access token a non-loopback host requires, bounded
/// request bodies and the headers (a strict Content-Security-Policy) on every response.
public struct WebSecurity: Sendable {
    /// The largest request body read.
    public static let maximumBody = 64 * 1024
    /// The header every POST carries the CSRF token in.
    public static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// The cookie (and `?token=` query item) carrying the access token of a non-loopback server.
    public static let tokenName = "troupe_token"
    /// The loopback names a browser may use for this server.
    public static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
    /// Sent with every response.
    public static let headers: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!, "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
    ]

    /// The per-run token pages put in their `csrf-token` meta tag.
    public let csrfToken: String
    /// The token every request must carry when the server listens beyond loopback, else nil.
    public let accessToken: String?
    /// The host names accepted in `Host` (the loopback names, and `--host`).
    public let hostNames: Set<String>
    /// Listening on every interface (`0.0.0.0`, `::`): any host name is accepted (the access
    /// token, which a rebinding page does not have, guards it), on the bound port.
    public let anyHostName: Bool
    /// The port accepted in `Host`; nil until the server is bound.
    let port: PortBox

    /// Security for a server listening on `host`: a non-loopback host gets an access token.
    public init(host: String, port: Int? = nil, csrfToken: String = WebSecurity.randomToken(), accessToken: String? = nil) {
        self.csrfToken = csrfToken
        let name = Self.hostName(host)
        var names = Self.loopbackNames
        names.insert(name)
        hostNames = names
        anyHostName = ["0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]"].contains(name)
        self.accessToken = accessToken ?? (Self.isLoopback(host) ? nil : Self.randomToken())
        self.port = PortBox(port)
    }

    /// Whether `host` (an address or a name to bind) is loopback only.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        return loopbackNames.contains(hostName(name)) || name == "::1" || name.hasPrefix("127.")
    }

    /// 32 random bytes as lowercase hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// `host` as it appears in a `Host` header: an IPv6 address in brackets, lower case.
    static func hostName(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.contains(":") && !lower.hasPrefix("[") ? "[\(lower)]" : lower
    }

    /// Whether a `Host` value names this server: a known host name, and the bound port (a value
    /// without a port only when the server is on port 80).
    public func allowsHost(_ value: String) -> Bool {
        let value = value.lowercased()
        let name: String
        let port: Int?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return false }
            name = String(value[...close])
            let rest = value[value.index(after: close)...]
            if rest.isEmpty { port = nil } else if rest.hasPrefix(":"), let number = Int(rest.dropFirst()) { port = number } else { return false }
        } else if let colon = value.lastIndex(of: ":") {
            name = String(value[..<colon])
            guard let number = Int(value[value.index(after: colon)...]) else { return false }
            port = number
        } else {
            name = value
            port = nil
        }
        guard hostNames.contains(name) || (anyHostName && !name.isEmpty) else { return false }
        guard let bound = self.port.get() else { return true }
        return (port ?? 80) == bound
    }

    /// Why the request is refused before it reaches a route, or nil to let it through.
    func refusal(_ request: Request) -> (HTTPResponse.Status, String)? {
        // Every name the request gives for the server must be this one: the authority (HTTP/1's
        // `Host`) and any `Host` field left among the headers.
        let hosts = [request.head.authority].compactMap { $0 } + request.headers[values: HTTPField.Name("Host")!]
        if hosts.isEmpty || !hosts.allSatisfy(allowsHost) {
            return (.forbidden, "this server answers only to its own address (the Host header names another: DNS rebinding?)")
        }
        if let accessToken {
            let presented = Self.queryToken(request) ?? Self.cookieToken(request)
            guard let presented, Self.constantTimeEqual(presented, accessToken) else {
                return (.forbidden, "this server needs the token printed when it started: open the URL with ?\(Self.tokenName)=TOKEN")
            }
        }
        if ![.get, .head, .options].contains(request.method) {
            guard let presented = request.headers[Self.csrfHeader], Self.constantTimeEqual(presented, csrfToken) else {
                return (.forbidden, "a request that changes something needs the page's X-CSRF-Token header")
            }
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maximumBody {
            return (.contentTooLarge, "the request body is over \(Self.maximumBody) bytes")
        }
        return nil
    }

    static func queryToken(_ request: Request) -> String? {
        WebApp.query(request)[tokenName]
    }

    static func cookieToken(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == tokenName {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// Compares without leaking where two tokens differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// The port a server bound, set once it listens.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?

    init(_ value: Int?) { self.value = value }

    func get() -> Int? { lock.withLock { value } }
    func set(_ port: Int) { lock.withLock { value = port } }
}

/// Runs `WebSecurity`'s checks before every route and puts its headers on every answer, errors
/// and 404s included.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let security: WebSecurity
    /// Makes the answer for an error a route threw (a page or JSON).
    let answer: @Sendable (any Error, Request) -> Response

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = security.refusal(request) {
            response = WebAnswer.error(refusal.0, refusal.1, request: request, security: security)
        } else {
            do {
                response = try await next(request, context)
            } catch {
                response = answer(error, request)
            }
            // A token given in the URL is kept in a cookie, so that the page's assets, files and
            // API calls carry it too.
            if let accessToken = security.accessToken, WebSecurity.queryToken(request) != nil {
                response.headers[.setCookie] = "\(WebSecurity.tokenName)=\(accessToken); Path=/; HttpOnly; SameSite=Strict"
            }
        }
        for (name, value) in WebSecurity.headers { response.headers[name] = value }
        // A refusal or error page answers HEAD with its headers only, as the routes do.
        return request.method == .head ? response.createHeadResponse() : response
    }
}
