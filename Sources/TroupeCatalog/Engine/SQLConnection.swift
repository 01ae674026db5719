import Foundation

/// Which SQL a connection speaks, where the two engines differ.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A statement refused by the database, with what kind of refusal it was, for either engine.
struct SQLFailure: Error, CustomStringConvertible {
    enum Kind: Sendable {
        case unique
        case foreignKey
        case check
        /// A deadlock or a serialization failure between concurrent transactions: run it again.
        case conflict
        case other
    }

    let kind: Kind
    let message: String

    var description: String { message }
}

/// One connection of either engine, inside a read or a write. Statements are written with `?`
/// placeholders (the PostgreSQL connection numbers them).
protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs a query and returns its rows.
    func fetch(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs a statement and returns how many rows it changed.
    @discardableResult func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs several statements without arguments (a migration).
    func executeScript(_ sql: String) throws
    /// Runs `body` in a savepoint: a failure rolls back what it did and leaves the transaction
    /// usable (PostgreSQL aborts the whole transaction on any failed statement otherwise).
    func savepoint<T>(_ body: () throws -> T) throws -> T
}

extension SQLConnection {
    /// Runs one statement that may fail with a refusal the caller recovers from (a unique index
    /// finding a clash): in a savepoint on PostgreSQL, whose transaction a failed statement would
    /// otherwise abort; as it is on SQLite, which undoes just the failed statement.
    @discardableResult
    func recoverable<T>(_ body: () throws -> T) throws -> T {
        dialect == .postgres ? try savepoint(body) : try body()
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    func rows(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [SQLRow] {
        try fetch(sql, arguments.map(\.sqlValue))
    }

    func row(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> SQLRow? {
        try fetch(sql, arguments.map(\.sqlValue)).first
    }

    /// The first column of the first row.
    func value<T: SQLValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> T? {
        try fetch(sql, arguments.map(\.sqlValue)).first.flatMap { T.fromSQL($0.values.first ?? .null) }
    }

    /// The first column of every row.
    func values<T: SQLValueConvertible>(_ type: T.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [T] {
        try fetch(sql, arguments.map(\.sqlValue)).compactMap { T.fromSQL($0.values.first ?? .null) }
    }

    func all<R: SQLRecord>(_ type: R.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [R] {
        try fetch(sql, arguments.map(\.sqlValue)).map { try R(row: $0) }
    }

    func one<R: SQLRecord>(_ type: R.Type, _ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> R? {
        try fetch(sql, arguments.map(\.sqlValue)).first.map { try R(row: $0) }
    }

    /// The row whose primary key is `key`.
    func find<R: SQLRecord>(_ type: R.Type, key: any SQLValueConvertible) throws -> R? {
        try one(R.self, "SELECT * FROM \(R.databaseTableName) WHERE \(R.primaryKey) = ?", [key])
    }

    func exists<R: SQLRecord>(_ type: R.Type, key: any SQLValueConvertible) throws -> Bool {
        try !fetch("SELECT 1 FROM \(R.databaseTableName) WHERE \(R.primaryKey) = ?", [key.sqlValue]).isEmpty
    }

    /// Every row, in `order`.
    func all<R: SQLRecord>(_ type: R.Type, orderedBy order: String) throws -> [R] {
        try all(R.self, "SELECT * FROM \(R.databaseTableName) ORDER BY \(order)")
    }

    /// Inserts `record`; an auto-numbered record without an id is given the one the database chose.
    func insert<R: SQLRecord>(_ record: inout R) throws {
        var columns = try RecordEncoder.columns(of: record)
        if R.autoIncrements, let key = columns.firstIndex(where: { $0.name == R.primaryKey }), columns[key].value == .null {
            columns.remove(at: key)
        }
        let names = columns.map(\.name).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(R.databaseTableName) (\(names)) VALUES (\(marks))"
        if R.autoIncrements {
            let id = try fetch(sql + " RETURNING \(R.primaryKey)", columns.map(\.value)).first.flatMap { Int64.fromSQL($0.values.first ?? .null) }
            if let id { record.didInsert(id: id) }
        } else {
            try execute(sql, columns.map(\.value))
        }
    }

    /// `insert`, saying `taken` when a unique index refuses the row: another worker wrote the
    /// same one a moment ago, after this one looked (the index, not the look, decides).
    func insert<R: SQLRecord>(_ record: inout R, orSay taken: @autoclosure () -> String) throws {
        do {
            try insert(&record)
        } catch let failure as SQLFailure where failure.kind == .unique {
            throw CatalogError(taken())
        }
    }

    /// Saves every column of `record` over the row with its primary key.
    func update<R: SQLRecord>(_ record: R) throws {
        let columns = try RecordEncoder.columns(of: record)
        guard let key = columns.first(where: { $0.name == R.primaryKey }) else {
            throw CatalogError("a \(R.databaseTableName) row without its key cannot be saved")
        }
        let others = columns.filter { $0.name != R.primaryKey }
        let assignments = others.map { "\($0.name) = ?" }.joined(separator: ", ")
        try execute("UPDATE \(R.databaseTableName) SET \(assignments) WHERE \(R.primaryKey) = ?", others.map(\.value) + [key.value])
    }

    /// Deletes the row whose primary key is `key`; false when there was none.
    @discardableResult
    func delete<R: SQLRecord>(_ type: R.Type, key: any SQLValueConvertible) throws -> Bool {
        try execute("DELETE FROM \(R.databaseTableName) WHERE \(R.primaryKey) = ?", [key.sqlValue]) > 0
    }
}

/// A row type stored in one table, read and written through its `Codable` conformance.
protocol SQLRecord: Codable {
    static var databaseTableName: String { get }
    /// The primary key's column (`id` unless said otherwise).
    static var primaryKey: String { get }
    /// Whether the database numbers new rows (an `id` column).
    static var autoIncrements: Bool { get }
    mutating func didInsert(id: Int64)
}

extension SQLRecord {
    static var primaryKey: String { "id" }
    static var autoIncrements: Bool { primaryKey == "id" }
    mutating func didInsert(id: Int64) {}

    init(row: SQLRow) throws {
        try self.init(from: RowDecoder(row: row))
    }
}
