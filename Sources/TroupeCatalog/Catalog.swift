import Foundation
import GRDB

/// The SQLite catalogue: providers, assets, videos, characters, tasks and their lineage.
///
/// Opening migrates. WAL, foreign keys and a busy timeout are on. A catalogue written by a newer
/// troupe is refused.
public final class Catalog: Sendable {
    public let path: String
    let writer: any DatabaseWriter
    /// Groups the journal writes of concurrent tasks into shared transactions.
    let commits: CommitQueue

    /// Opens (creating and migrating when needed) the catalogue at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "troupe.catalog"
        configuration.prepareDatabase { db in
            // Recursive lineage walks deduplicate in temporary b-trees: keep them off the disk.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // In WAL mode NORMAL commits survive a crash of the process (kill -9) without an
            // fsync each; the writes that must also survive a power cut (a send attempt, a task
            // id) are saved `durably` (`saveNow` or `saveGrouped`), whose fsync also covers everything before it.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            commits = CommitQueue(writer: writer)
        } catch let error as DatabaseError {
            throw CatalogError("cannot open the catalogue at \(path): \(error.message ?? error.description)")
        }
        try Self.migrate(writer)
        // The reader that checked the migrations still has the old schema: its first `SELECT *`
        // would miss a column a migration added (read as NULL, and written back so by a record
        // update). Any statement it runs now sees the schema changed and reloads it.
        _ = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    }

    /// Opens the catalogue of a troupe home, creating the home when missing.
    public convenience init(home: TroupeHome) throws {
        try home.create()
        try self.init(path: home.catalogPath)
    }

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

    static func migrate(_ writer: any DatabaseWriter, upTo last: String? = nil) throws {
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
        for attempt in 1... {
            do {
                return try migrator.migrate(writer)
            } catch {
                let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
                if Set(migrator.migrations).isSubset(of: applied) { return }
                if attempt >= 5 { throw error }
            }
        }
    }

    /// The migrations applied to this catalogue, in order.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Self.migrator().appliedMigrations(db) }
    }

    /// Checks the file: `PRAGMA integrity_check` answers `ok` when all is well.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The journal mode, `wal` once opened.
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Settings

    func setting(_ name: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name])
        }
    }

    func setSetting(_ name: String, _ value: String, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            arguments: [name, value])
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
