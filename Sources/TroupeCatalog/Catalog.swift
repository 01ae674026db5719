import Foundation
import GRDB

/// The catalogue: providers, assets, videos, characters, tasks and their lineage, in an SQLite
/// file (the default) or a PostgreSQL database a team shares. Callers do not see which.
///
/// Opening migrates. On SQLite, WAL, foreign keys and a busy timeout are on. A catalogue written
/// by a newer troupe is refused.
public final class Catalog: Sendable {
    /// The SQLite file's path, or the PostgreSQL URL without its password.
    public let path: String
    public let location: CatalogLocation
    let writer: any CatalogStore
    /// Groups the journal writes of concurrent tasks into shared transactions.
    let commits: CommitQueue
    /// The migrations this opening applied (none when the catalogue was current), as it applied
    /// them: workers migrating at once apply each migration once, and only that one says so.
    public let migratedOnOpen: [String]

    /// Opens (creating and migrating when needed) the SQLite catalogue at `path`.
    public convenience init(path: String) throws {
        try self.init(location: .sqlite(path: path))
    }

    /// What opening does about the schema.
    public enum SchemaCheck: Sendable {
        /// Applies the migrations it lacks (what SQLite catalogues always get).
        case migrate
        /// Refuses a catalogue that lacks some, naming `troupe db migrate` (a team's PostgreSQL
        /// catalogue is migrated on purpose, not by whoever upgrades first).
        case requireCurrent
        /// Opens it as it is (for `troupe db status`); a newer schema is still refused.
        case asItIs
    }

    /// Opens the catalogue at `location`; a catalogue written by a newer troupe is refused.
    /// An SQLite catalogue is always migrated; `schema` says what a PostgreSQL one gets.
    public init(location: CatalogLocation, schema: SchemaCheck = .migrate) throws {
        self.location = location
        path = location.description
        switch location {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            writer = store
            commits = CommitQueue(store: store)
            migratedOnOpen = try Self.migrate(store.pool)
            // The reader that checked the migrations still has the old schema: its first `SELECT *`
            // would miss a column a migration added (read as NULL, and written back so by a record
            // update). Any statement it runs now sees the schema changed and reloads it.
            _ = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        case .postgres(let url):
            let store = try PostgresStore(url: url)
            writer = store
            commits = CommitQueue(store: store)
            migratedOnOpen = try PostgresMigrator.migrate(store, check: schema)
        }
    }

    /// Opens the catalogue of a troupe home (its SQLite file, or the database it names),
    /// creating the home when missing. A PostgreSQL catalogue must be current (`troupe db migrate`).
    public convenience init(home: TroupeHome) throws {
        try home.create()
        // The home's own file is made on first use; a file named with --database must exist (a
        // typo would otherwise start an empty catalogue).
        if case .sqlite(let path)? = home.database, !FileManager.default.fileExists(atPath: path) {
            throw CatalogError("no catalogue at \(path): check the path, or create one there with `troupe db migrate --database \(path)`")
        }
        try self.init(location: home.catalogLocation, schema: .requireCurrent)
    }

    deinit {
        writer.close()
    }

    /// The SQLite file's GRDB pool (for tests that look at SQLite itself); nil on PostgreSQL.
    var sqlitePool: DatabasePool? { (writer as? SQLiteStore)?.pool }

    /// Which engine holds this catalogue.
    public var engine: SQLDialect { writer.dialect }

    /// The migrator over the embedded copy of `migrations/`.
    static func migrator(upTo last: String? = nil) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
            }
            if migration.identifier == last { break }
        }
        return migrator
    }

    /// The identifiers of the migrations this build knows, in order.
    public static var knownMigrations: [String] { embeddedMigrations.map(\.identifier) }

    @discardableResult
    static func migrate(_ writer: any DatabaseWriter, upTo last: String? = nil) throws -> [String] {
        let migrator = migrator(upTo: last)
        let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations).sorted()
            throw CatalogError("this catalogue was written by a newer troupe (schema \(unknown.joined(separator: ", "))): upgrade troupe to open it")
        }
        // Processes opening a new catalogue at the same moment race: one reads the applied
        // migrations, another applies the next one meanwhile, and the first then fails running it
        // again (in its own transaction, rolled back). Migrating again reads them afresh.
        var attempt = 1
        while true {
            do {
                let before = try writer.read { db in try migrator.appliedIdentifiers(db) }
                try migrator.migrate(writer)
                return migrator.migrations.filter { !before.contains($0) }
            } catch {
                let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
                if Set(migrator.migrations).isSubset(of: applied) { return [] }
                if attempt >= 5 { throw error }
                attempt += 1
            }
        }
    }

    /// The migrations applied to this catalogue, in order.
    public func appliedMigrations() throws -> [String] {
        if let store = writer as? SQLiteStore {
            return try store.pool.read { db in try Self.migrator().appliedMigrations(db) }
        }
        return try writer.read { db in try PostgresMigrator.applied(db) }
    }

    /// Checks the catalogue: `ok` when all is well (SQLite's `PRAGMA integrity_check`; on
    /// PostgreSQL, that every table answers).
    public func integrityCheck() throws -> String {
        try writer.read { db in
            switch db.dialect {
            case .sqlite: return try db.value(String.self, "PRAGMA integrity_check") ?? ""
            case .postgres:
                for table in Self.tables { _ = try db.value(Int.self, "SELECT count(*) FROM \(table)") }
                return "ok"
            }
        }
    }

    /// The journal mode, `wal` once opened (SQLite); PostgreSQL has its own WAL always.
    public func journalMode() throws -> String {
        try writer.read { db in db.dialect == .sqlite ? try db.value(String.self, "PRAGMA journal_mode") ?? "" : "wal" }
    }

    /// The catalogue's tables, parents before children (the order a copy fills them in).
    static let tables = ["provider", "setting", "asset", "task", "video", "character", "appearance", "template", "model", "videoTag"]

    // MARK: - Settings

    func setting(_ name: String) throws -> String? {
        try writer.read { db in
            try db.value(String.self, "SELECT value FROM setting WHERE name = ?", [name])
        }
    }

    func setSetting(_ name: String, _ value: String, _ db: any SQLConnection) throws {
        try db.execute("INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                       [name, value])
    }
}

/// A catalogue refusal or failure, as one readable line.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Timestamps are ISO-8601 UTC with milliseconds, so that text order is time order.
enum Timestamp {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func now() -> String { string(Date()) }
    static func string(_ date: Date) -> String { style.format(date) }
    static func date(_ text: String) -> Date? { try? style.parse(text) }
}
