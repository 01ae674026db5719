import Foundation

/// A PostgreSQL connection URL: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…&pool=N`.
/// The password is kept only to connect: `redacted` (what is ever printed) hides it.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `disable`, `prefer` (the default: TLS when the server offers it) or `require`.
    public var sslMode: String
    /// How many connections this process keeps at most.
    public var poolSize: Int
    /// A folder holding the server's Unix socket (`?host=/path`), instead of TCP.
    public var socketFolder: String?
    /// The schema the catalogue's tables live in (`?schema=NAME`; default: the server's search path).
    public var schema: String?

    public init(parsing text: String) throws {
        let shown = Self.redacting(text)
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw CatalogError("invalid PostgreSQL URL '\(shown)': give postgres://USER:PASSWORD@HOST:PORT/DATABASE (percent-encode @ : / ? # in a password: %40 %3A %2F %3F %23)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { $1 })
        let known: Set<String> = ["user", "password", "host", "sslmode", "pool", "schema"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw CatalogError("unknown parameter '\(unknown)' in '\(shown)': use sslmode, pool, schema, host, user or password")
        }
        user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? query["password"]
        socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        // An IPv6 literal is written in brackets in a URL, without them to connect.
        host = components.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }?
            .trimmingCharacters(in: CharacterSet(charactersIn: "[]")) ?? "localhost"
        port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw CatalogError("invalid PostgreSQL URL '\(shown)': the port must be 1–65535")
        }
        let path = components.percentEncodedPath.drop { $0 == "/" }
        database = String(path).removingPercentEncoding ?? String(path)
        if database.isEmpty { database = user }
        sslMode = query["sslmode"]?.lowercased() ?? "prefer"
        guard ["disable", "prefer", "require", "allow", "verify-full", "verify-ca"].contains(sslMode) else {
            throw CatalogError("invalid sslmode '\(sslMode)' in '\(shown)': use disable, prefer or require")
        }
        if let schema = query["schema"] {
            guard !schema.isEmpty, schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !schema.first!.isNumber else {
                throw CatalogError("invalid schema '\(schema)' in '\(shown)': a schema name is ASCII letters, digits and _, and does not start with a digit")
            }
            self.schema = schema.lowercased()
        }
        if let pool = query["pool"] {
            guard let size = Int(pool), (1...100).contains(size) else {
                throw CatalogError("invalid pool '\(pool)' in '\(shown)': give 1–100 connections")
            }
            poolSize = size
        } else {
            poolSize = 8
        }
    }

    /// The URL with its password replaced by `***`.
    public var redacted: String {
        let credentials = password == nil ? user : "\(user):***"  // a `?password=` one too
        let schemaPart = schema.map { "schema=\($0)" }
        if let socketFolder { return "postgres://\(credentials)@/\(database)?" + (["host=\(socketFolder)"] + [schemaPart].compactMap { $0 }).joined(separator: "&") }
        return "postgres://\(credentials)@\(host):\(port)/\(database)" + (schemaPart.map { "?" + $0 } ?? "")
    }

    /// Where the server is, for messages: `host:port` or the socket folder.
    public var serverName: String {
        socketFolder.map { "the socket in \($0)" } ?? "\(host):\(port)"
    }

    /// Hides the password of any text shaped like a URL with credentials, or with a `password`
    /// parameter (for a URL that does not parse, or an error that quotes it).
    public static func redacting(_ text: String) -> String {
        var text = text
        if let scheme = text.range(of: "://") ?? text.range(of: ":/"),
           let at = text.range(of: "@", options: .backwards, range: scheme.upperBound..<(text.range(of: "?")?.lowerBound ?? text.endIndex)),
           let colon = text.range(of: ":", range: scheme.upperBound..<at.lowerBound) {
            text.replaceSubrange(colon.upperBound..<at.lowerBound, with: "***")
        }
        if let parameter = text.range(of: "password=", options: .caseInsensitive) {
            let end = text[parameter.upperBound...].firstIndex(of: "&") ?? text.endIndex
            text.replaceSubrange(parameter.upperBound..<end, with: "***")
        }
        return text
    }
}
