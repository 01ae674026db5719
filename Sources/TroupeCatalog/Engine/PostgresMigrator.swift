import Foundation

/// Applies `migrations/postgres/` (embedded) in order, each in the one transaction that also
/// records it, under an advisory lock so that workers starting together migrate once.
enum PostgresMigrator {
    /// The lock every troupe migrating a PostgreSQL catalogue takes (any constant of ours).
    static let lockKey: Int64 = 0x7472_6f75_7065

    static func applied(_ db: any SQLConnection) throws -> [String] {
        let exists = try db.value(Bool.self, "SELECT to_regclass('grdb_migrations') IS NOT NULL") ?? false
        guard exists else { return [] }
        return try db.values(String.self, "SELECT identifier FROM grdb_migrations ORDER BY identifier")
    }

    /// Migrates, or only checks: a catalogue that is behind is refused with the command that
    /// migrates it (`requireCurrent`) or opened as it is (`asItIs`); one that is ahead is refused.
    static func migrate(_ store: PostgresStore, check: Catalog.SchemaCheck) throws -> [String] {
        let known = Catalog.embeddedPostgresMigrations.map(\.identifier)
        let applied = try store.read { db in try Self.applied(db) }
        try checkNotNewer(applied, known: known)
        let missing = known.filter { !applied.contains($0) }
        if missing.isEmpty { return [] }
        switch check {
        case .migrate: break
        case .asItIs: return []
        case .requireCurrent:
            let now = applied.last.map { "is at schema \($0)" } ?? "has no troupe schema yet"
            throw CatalogError("the catalogue at \(store.url.redacted) \(now); this troupe needs \(known.last ?? ""): run `troupe db migrate --database URL` first")
        }
        return try store.write(durable: true) { db in
            _ = try db.rows("SELECT pg_advisory_xact_lock(?)", [lockKey])
            // A catalogue in a schema of its own (`?schema=NAME`) gets the schema with its tables.
            if let schema = store.url.schema { try db.execute("CREATE SCHEMA IF NOT EXISTS \(schema)") }
            try db.executeScript("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            // Read again under the lock: another worker may have migrated meanwhile.
            let done = try Self.applied(db)
            try checkNotNewer(done, known: known)
            var applied: [String] = []
            for migration in Catalog.embeddedPostgresMigrations where !done.contains(migration.identifier) {
                try db.executeScript(migration.sql)
                try db.execute("INSERT INTO grdb_migrations (identifier) VALUES (?)", [migration.identifier])
                applied.append(migration.identifier)
            }
            return applied
        }
    }

    private static func checkNotNewer(_ applied: [String], known: [String]) throws {
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw CatalogError("this catalogue was written by a newer troupe (schema \(unknown.joined(separator: ", "))): upgrade troupe to open it")
        }
    }
}

extension Catalog {
    /// The tables whose `id` the database numbers.
    static let numberedTables = ["task", "video", "character", "model"]

    /// After rows were written with explicit ids (a copy, a synthetic benchmark catalogue),
    /// moves PostgreSQL's identity sequences past them; SQLite needs nothing.
    static func renumber(_ db: any SQLConnection) throws {
        guard db.dialect == .postgres else { return }
        for table in numberedTables {
            _ = try db.rows("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)")
        }
    }
}
