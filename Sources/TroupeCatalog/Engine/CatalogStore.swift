import Foundation

/// Where a catalogue lives: an SQLite file, or a PostgreSQL database a team shares.
public enum CatalogLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    /// A `postgres://` (or `postgresql://`) URL, or else a file path.
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(try PostgresURL(parsing: text))
        } else if lower.hasPrefix("postgres:") || lower.hasPrefix("postgresql:") {
            throw CatalogError("invalid PostgreSQL URL '\(PostgresURL.redacting(text))': it begins postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        } else if lower.contains("://") {
            throw CatalogError("unsupported database URL '\(PostgresURL.redacting(text))': give postgres://USER:PASSWORD@HOST:PORT/DATABASE or a file path")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location with any password replaced by `***`: what is ever printed.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.redacted
        }
    }

    public var engine: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}

/// The storage under a catalogue: reads, and writes in transactions, on either engine.
protocol CatalogStore: Sendable {
    var dialect: SQLDialect { get }
    /// Runs `body` on a connection for reading.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    /// `durable` waits until the commit is on disk (otherwise it may be skipped for speed: a
    /// crash of the process keeps it, a power cut may not).
    func write<T>(durable: Bool, _ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` later on the store's one serial writer connection, outside any transaction
    /// (the group commit opens its own).
    func asyncWriter(_ body: @escaping @Sendable (any SQLConnection) -> Void)
    /// Runs `body` in a transaction on a connection (used by the group commit's writer).
    func transaction(on connection: any SQLConnection, durable: Bool, _ body: () throws -> Void) throws
    /// Releases connections and servers.
    func close()
}

extension CatalogStore {
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try write(durable: false, body)
    }
}
