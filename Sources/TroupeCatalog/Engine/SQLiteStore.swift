import Foundation
import GRDB

/// The embedded engine: one SQLite file, read through a pool and written by GRDB's serial writer.
final class SQLiteStore: CatalogStore, @unchecked Sendable {
    let pool: DatabasePool
    var dialect: SQLDialect { .sqlite }

    init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "troupe.catalog"
        configuration.prepareDatabase { db in
            // Recursive lineage walks deduplicate in temporary b-trees: keep them off the disk.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // In WAL mode NORMAL commits survive a crash of the process (kill -9) without an
            // fsync each; the writes that must also survive a power cut (a send attempt, a task
            // id) are saved `durably`, whose fsync also covers everything before it.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw CatalogError("cannot open the catalogue at \(path): \(error.message ?? error.description)")
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteConnection(db)) }
    }

    func write<T>(durable: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.commit(durable: durable) { result = try body(SQLiteConnection(db)) }
            return result!
        }
    }

    func asyncWriter(_ body: @escaping @Sendable (any SQLConnection) -> Void) {
        pool.asyncWriteWithoutTransaction { db in body(SQLiteConnection(db)) }
    }

    func transaction(on connection: any SQLConnection, durable: Bool, _ body: () throws -> Void) throws {
        guard let connection = connection as? SQLiteConnection else { throw CatalogError("not an SQLite connection") }
        try connection.db.commit(durable: durable, body)
    }

    func close() {
        // Each troupe command appends its commits to the WAL; SQLite's automatic checkpoints
        // copy them into the file but, across short-lived processes, the WAL file was seen to
        // grow without end (59 MB after 1,000 `video add`), and every open then reads its index
        // (a 1,000-deep lineage took 50 ms instead of 30). A big one is folded in and truncated
        // on the way out; it waits for nobody (a busy catalogue is simply left for later).
        let wal = pool.path + "-wal"
        if let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int, size > Self.walLimit {
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
        try? pool.close()
    }

    /// The WAL size above which closing truncates it.
    static let walLimit = 4 << 20
}

/// A GRDB connection, statements cached by their text (a batch runs the same few thousands of times).
final class SQLiteConnection: SQLConnection {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) {
        self.db = db
    }

    func fetch(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try mapped {
            let statement = try db.cachedStatement(sql: sql)
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
            let layout = SQLRow.Layout(statement.columnNames)
            let width = layout.names.count
            var rows: [SQLRow] = []
            while let row = try cursor.next() {
                rows.append(SQLRow(layout: layout, values: (0..<width).map { SQLValue(row[$0] as DatabaseValue) }))
            }
            return rows
        }
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try mapped {
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
            return db.changesCount
        }
    }

    func executeScript(_ sql: String) throws {
        try mapped { try db.execute(sql: sql) }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let kind: SQLFailure.Kind = switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: .unique
            case .SQLITE_CONSTRAINT_FOREIGNKEY: .foreignKey
            case .SQLITE_CONSTRAINT_CHECK: .check
            default: .other
            }
            throw SQLFailure(kind: kind, message: error.message ?? error.description)
        }
    }
}

extension SQLValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }
}

extension Database {
    /// Runs `updates` in one transaction. `durable` waits until it (and every commit before it)
    /// is on disk; other commits skip the fsync (`synchronous = NORMAL`, the catalogue's default).
    func commit(durable: Bool, _ updates: () throws -> Void) throws {
        if durable { try execute(sql: "PRAGMA synchronous = FULL") }
        defer { if durable { try? execute(sql: "PRAGMA synchronous = NORMAL") } }
        try inTransaction {
            try updates()
            return .commit
        }
    }
}
