import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The shared engine: a PostgreSQL database, through postgres-nio connections this process keeps
/// in a small pool. The catalogue's API is synchronous (as GRDB's is), so each call checks a
/// connection out, waits on its futures (on the calling thread, never on an event loop) and
/// gives it back.
final class PostgresStore: CatalogStore, @unchecked Sendable {
    let url: PostgresURL
    var dialect: SQLDialect { .postgres }
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    private let logger = Logger(label: "troupe.catalog.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    private let configuration: PostgresConnection.Configuration
    private let lock = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var nextID = 0
    /// The group commit's writer: one queue, so that its groups run one after another.
    private let writerQueue = DispatchQueue(label: "troupe.catalog.postgres.writer")

    init(url: PostgresURL) throws {
        self.url = url
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketFolder {
            configuration = .init(unixSocketPath: socket + "/.s.PGSQL.\(url.port)", username: url.user, password: url.password,
                                  database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch url.sslMode {
            case "disable", "allow": tls = .disable
            case "prefer":
                tls = (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .prefer($0) } ?? .disable
            default:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password,
                                  database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        if let schema = url.schema {
            configuration.options.additionalStartupParameters = [("options", "-c search_path=\(schema)")]
        }
        self.configuration = configuration
        // Connect once now: a wrong URL, a server down or a refused password is said at once.
        let first = try connect()
        lock.withLock {
            idle.append(first)
            open = 1
        }
    }

    private func connect() throws -> PostgresConnection {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch let error as PSQLError where error.serverInfo != nil || error.code != .connectionError {
            throw PostgresErrors.describe(error, url: url)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError("cannot reach PostgreSQL at \(url.serverName): \(PostgresErrors.reason(error))")
        }
    }

    /// Runs `body` on a connection of the pool, opening one when none is idle and fewer than
    /// the pool's size are open, waiting otherwise.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection: PostgresConnection
        lock.lock()
        while idle.isEmpty && open >= url.poolSize && !closed { lock.wait() }
        if closed {
            lock.unlock()
            throw CatalogError("the catalogue is closed")
        }
        // A connection the server closed meanwhile (restarted, or the backend terminated) is dropped.
        while let stale = idle.last, stale.isClosed {
            idle.removeLast()
            open -= 1
        }
        if let ready = idle.popLast() {
            lock.unlock()
            connection = ready
        } else {
            open += 1
            lock.unlock()
            do {
                connection = try connect()
            } catch {
                lock.withLock {
                    open -= 1
                    lock.signal()
                }
                throw error
            }
        }
        let session = PostgresSession(connection: connection, logger: logger, url: url)
        defer {
            let drop = connection.isClosed || session.broken
            // postgres-nio requires a connection closed before it is released.
            if drop { try? (connection.close() as EventLoopFuture<Void>).wait() }
            lock.withLock {
                if drop { open -= 1 } else { idle.append(connection) }
                lock.signal()
            }
        }
        return try body(session)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try withConnection { session in try body(session) }
    }

    func write<T>(durable: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        try withConnection { session in
            try Conflicts.retrying {
                var result: T?
                try session.transaction(durable: durable) { result = try body(session) }
                return result!
            }
        }
    }

    func asyncWriter(_ body: @escaping @Sendable (any SQLConnection) -> Void) {
        writerQueue.async {
            do {
                try self.withConnection { session in body(session) }
            } catch {
                // No connection: each queued write is then failed by its own statements.
                body(UnavailableConnection(error: error))
            }
        }
    }

    func transaction(on connection: any SQLConnection, durable: Bool, _ body: () throws -> Void) throws {
        if let session = connection as? PostgresSession {
            try session.transaction(durable: durable, body)
        } else {
            try body()
        }
    }

    func close() {
        let connections: [PostgresConnection] = lock.withLock {
            closed = true
            defer { idle = [] }
            lock.broadcast()
            return idle
        }
        for connection in connections { try? (connection.close() as EventLoopFuture<Void>).wait() }
    }

    deinit {
        for connection in idle { try? (connection.close() as EventLoopFuture<Void>).wait() }
    }
}

/// One checked-out connection: `?` placeholders numbered `$1…`, values bound and rows read back
/// as the catalogue's `SQLValue`s, failures mapped to `SQLFailure` and one-line messages.
final class PostgresSession: SQLConnection {
    let connection: PostgresConnection
    let logger: Logger
    let url: PostgresURL
    /// Set when the connection failed below SQL: it is closed rather than reused.
    var broken = false
    private var savepoints = 0
    var dialect: SQLDialect { .postgres }

    init(connection: PostgresConnection, logger: Logger, url: PostgresURL) {
        self.connection = connection
        self.logger = logger
        self.url = url
    }

    func fetch(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        var layout: SQLRow.Layout?
        var rows: [SQLRow] = []
        rows.reserveCapacity(result.count)
        for row in result {
            var values: [SQLValue] = []
            values.reserveCapacity(8)
            for cell in row { values.append(try Self.value(of: cell)) }
            if layout == nil { layout = SQLRow.Layout(row.map(\.columnName)) }
            rows.append(SQLRow(layout: layout!, values: values))
        }
        return rows
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    /// postgres-nio sends every query as a prepared statement, which holds one command: a
    /// migration is split into its statements (outside quotes, comments and `$$` bodies).
    func executeScript(_ sql: String) throws {
        for statement in ScriptSplitter.statements(sql) {
            try execute(statement, [SQLValue]())
        }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepoints += 1
        let name = "troupe_\(savepoints)"
        defer { savepoints -= 1 }
        try execute("SAVEPOINT \(name)", [SQLValue]())
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT \(name)", [SQLValue]())
            return result
        } catch {
            _ = try? execute("ROLLBACK TO SAVEPOINT \(name)", [SQLValue]())
            throw error
        }
    }

    /// One transaction. A commit that need not survive a power cut skips the wait for the WAL
    /// flush (`synchronous_commit = off`), as SQLite's `synchronous = NORMAL` does.
    func transaction(durable: Bool, _ body: () throws -> Void) throws {
        try execute("BEGIN", [SQLValue]())
        do {
            if !durable { try execute("SET LOCAL synchronous_commit = off", [SQLValue]()) }
            try body()
            try execute("COMMIT", [SQLValue]())
        } catch {
            _ = try? execute("ROLLBACK", [SQLValue]())
            throw error
        }
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        let query = PostgresQuery(unsafeSQL: PlaceholderNumbering.numbered(sql), binds: bindings)
        do {
            return try Self.waiting(connection.query(query, logger: logger), on: connection, url: url)
        } catch {
            throw fail(error)
        }
    }

    /// How long one statement may take before the connection is given up. postgres-nio does
    /// not always fail a query sent on a connection the server has just closed: without a limit
    /// the caller would wait for ever.
    static let statementLimit: TimeAmount = .seconds(120)

    /// Waits for `future`, failing (and closing the connection) after `statementLimit`.
    static func waiting<T: Sendable>(_ future: EventLoopFuture<T>, on connection: PostgresConnection, url: PostgresURL) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        let timeout = future.eventLoop.scheduleTask(in: statementLimit) {
            promise.fail(CatalogError("lost the connection to PostgreSQL at \(url.serverName): no answer for \(statementLimit.nanoseconds / 1_000_000_000) s"))
            _ = connection.close() as EventLoopFuture<Void>
        }
        future.whenComplete { result in
            timeout.cancel()
            promise.completeWith(result)
        }
        return try promise.futureResult.wait()
    }

    private func fail(_ error: any Error) -> any Error {
        let mapped = PostgresErrors.describe(error, url: url)
        if !(mapped is SQLFailure) { broken = true }
        return mapped
    }

    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        // The common types read straight from their bytes (a lineage walk reads tens of thousands).
        if cell.format == .binary {
            switch cell.dataType {
            case .int8: if let number = bytes.readInteger(as: Int64.self) { return .integer(number) }
            case .int4: if let number = bytes.readInteger(as: Int32.self) { return .integer(Int64(number)) }
            case .int2: if let number = bytes.readInteger(as: Int16.self) { return .integer(Int64(number)) }
            case .float8: if let bits = bytes.readInteger(as: UInt64.self) { return .real(Double(bitPattern: bits)) }
            case .bool: if let flag = bytes.readInteger(as: UInt8.self) { return .integer(flag == 0 ? 0 : 1) }
            default: break
            }
        }
        switch cell.dataType {
        case .text, .varchar, .name, .bpchar: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric: return .real(NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue)
        case .bytea: return .blob(Data(buffer: try cell.decode(ByteBuffer.self)))
        default:
            if let text = try? cell.decode(String.self) { return .text(text) }
            return .null
        }
    }
}

/// Workers on several hosts write the same rows: a transaction PostgreSQL chose as a deadlock's
/// victim (or could not serialize) is run again, a few times, after a short random pause.
enum Conflicts {
    static func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt: UInt32 = 1
        while true {
            do {
                return try body()
            } catch let failure as SQLFailure where failure.kind == .conflict && attempt < 8 {
                usleep(UInt32.random(in: 1_000...20_000) * attempt)
                attempt += 1
            }
        }
    }
}

/// Numbers `?` placeholders as PostgreSQL's `$1, $2…` (and `?2` as `$2`), outside quoted text,
/// quoted names and comments. Each statement's text is numbered once.
enum PlaceholderNumbering {
    nonisolated(unsafe) private static let cache = NSCache<NSString, NSString>()  // NSCache is thread-safe

    static func numbered(_ sql: String) -> String {
        if let done = cache.object(forKey: sql as NSString) { return done as String }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var chars = Array(sql.unicodeScalars)[...]
        var quote: Unicode.Scalar?
        var lineComment = false
        while let c = chars.popFirst() {
            if lineComment {
                out.unicodeScalars.append(c)
                if c == "\n" { lineComment = false }
                continue
            }
            if let open = quote {
                out.unicodeScalars.append(c)
                if c == open { quote = nil }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                out.unicodeScalars.append(c)
            case "-" where chars.first == "-":
                lineComment = true
                out.unicodeScalars.append(c)
            case "?":
                var digits = ""
                while let d = chars.first, ("0"..."9").contains(d) {
                    digits.unicodeScalars.append(d)
                    chars.removeFirst()
                }
                if digits.isEmpty {
                    out += "$\(next)"
                    next += 1
                } else {
                    out += "$" + digits
                }
            default:
                out.unicodeScalars.append(c)
            }
        }
        cache.setObject(out as NSString, forKey: sql as NSString)
        return out
    }
}

/// What a PostgreSQL failure means, in one line, never with the password.
enum PostgresErrors {
    static func describe(_ error: any Error, url: PostgresURL) -> any Error {
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "\(error.code)"
                switch state {
                case "23505": return SQLFailure(kind: .unique, message: message)
                case "23503": return SQLFailure(kind: .foreignKey, message: message)
                case "23514": return SQLFailure(kind: .check, message: message)
                case "40P01", "40001": return SQLFailure(kind: .conflict, message: message)
                case "28P01", "28000":
                    return CatalogError("PostgreSQL at \(url.serverName) refused user \(url.user): authentication failed (check the user and password in the URL)")
                case "3D000":
                    return CatalogError("PostgreSQL at \(url.serverName) has no database \(url.database): create it (createdb \(url.database)) or fix the URL")
                default:
                    return SQLFailure(kind: .other, message: "PostgreSQL: \(message) (\(state))")
                }
            }
            switch error.code {
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return CatalogError("lost the connection to PostgreSQL at \(url.serverName) (the server closed it): what was being written is rolled back; run the command again (`troupe task resume` finishes open tasks)")
            case .connectionError:
                let why = error.underlying.map { reason($0) } ?? "the connection failed"
                return CatalogError("cannot reach PostgreSQL at \(url.serverName): \(why)")
            case .sslUnsupported:
                return CatalogError("PostgreSQL at \(url.serverName) does not offer TLS, which the URL requires (sslmode=require)")
            case .authMechanismRequiresPassword:
                return CatalogError("PostgreSQL at \(url.serverName) asks user \(url.user) for a password: put it in the URL")
            case .unexpectedBackendMessage, .messageDecodingFailure, .receivedUnencryptedDataAfterSSLRequest:
                return CatalogError("\(url.serverName) did not answer as a PostgreSQL server does: is that the right host and port?")
            default:
                return CatalogError("PostgreSQL at \(url.serverName): \(error.code)")
            }
        }
        if error is CatalogError || error is SQLFailure { return error }
        return CatalogError("PostgreSQL at \(url.serverName): \(reason(error))")
    }

    /// An underlying error in one line (NIO's connection errors name the address and errno).
    static func reason(_ error: any Error) -> String {
        var text = "\(error)"
        if let error = error as? PSQLError {
            text = error.underlying.map { "\($0)" } ?? "\(error.code)"
        }
        if text.contains("UnknownHost") || text.contains("DNS error") {
            text = "the host name does not resolve"
        }
        if text.contains("connection reset") || text.contains("refused") || text.contains("Connection refused") {
            text = "connection refused (is the server running, and listening there?)"
        }
        return oneLine(text)
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Stands in for a connection the pool could not open: every statement fails with why.
final class UnavailableConnection: SQLConnection {
    let error: any Error
    var dialect: SQLDialect { .postgres }

    init(error: any Error) {
        self.error = error
    }

    func fetch(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] { throw error }
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int { throw error }
    func executeScript(_ sql: String) throws { throw error }
    func savepoint<T>(_ body: () throws -> T) throws -> T { throw error }
}

/// Splits a migration into statements at each top-level `;`.
enum ScriptSplitter {
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let scalars = Array(sql.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        var dollarTag: String?
        func flush() {
            let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
            let meaningful = text.split(separator: "\n").contains { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if meaningful { statements.append(text) }
            current = ""
        }
        while index < scalars.count {
            let c = scalars[index]
            if let tag = dollarTag {
                if c == "$", String(String.UnicodeScalarView(scalars[index..<min(index + tag.unicodeScalars.count, scalars.count)])) == tag {
                    current += tag
                    index += tag.unicodeScalars.count
                    dollarTag = nil
                    continue
                }
                current.unicodeScalars.append(c)
            } else if let open = quote {
                current.unicodeScalars.append(c)
                if c == open { quote = nil }
            } else if c == "-", index + 1 < scalars.count, scalars[index + 1] == "-" {
                while index < scalars.count, scalars[index] != "\n" {
                    current.unicodeScalars.append(scalars[index])
                    index += 1
                }
                continue
            } else if c == "'" || c == "\"" {
                quote = c
                current.unicodeScalars.append(c)
            } else if c == "$" {
                // A dollar-quote tag: $$ or $name$.
                var end = index + 1
                while end < scalars.count, scalars[end] == "_" || CharacterSet.alphanumerics.contains(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] == "$" {
                    let tag = String(String.UnicodeScalarView(scalars[index...end]))
                    current += tag
                    dollarTag = tag
                    index = end + 1
                    continue
                }
                current.unicodeScalars.append(c)
            } else if c == ";" {
                flush()
            } else {
                current.unicodeScalars.append(c)
            }
            index += 1
        }
        flush()
        return statements
    }
}
