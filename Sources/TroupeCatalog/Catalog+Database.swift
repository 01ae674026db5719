import Foundation

/// What `troupe db status` prints: the engine, the schema and the counts.
public struct CatalogStatus: Sendable, Equatable, Encodable {
    /// `sqlite` or `postgres`.
    public var engine: String
    /// The file, or the URL without its password.
    public var location: String
    /// The last migration applied.
    public var schema: String
    public var appliedMigrations: Int
    public var knownMigrations: Int
    /// Rows per table, by table name.
    public var counts: [String: Int]

    enum CodingKeys: String, CodingKey {
        case engine, location, schema, counts
        case appliedMigrations = "applied_migrations"
        case knownMigrations = "known_migrations"
    }
}

/// What a `copy` did, checked: every table's row count and content digest on both sides.
public struct CatalogCopyReport: Sendable, Equatable, Encodable {
    public struct Table: Sendable, Equatable, Encodable {
        public var name: String
        public var rows: Int
    }

    public var from: String
    public var to: String
    public var tables: [Table]
    /// How many vault files the catalogue records (their hashes compared on both sides).
    public var assets: Int

    enum CodingKeys: String, CodingKey {
        case from, to, tables
        case assets = "asset_hashes_compared"
    }
}

extension Catalog {
    /// The engine, the schema version and the row counts.
    public func status() throws -> CatalogStatus {
        let applied = try appliedMigrations()
        let known = engine == .sqlite ? Self.embeddedMigrations.count : Self.embeddedPostgresMigrations.count
        let counts = try writer.read { db in
            var counts: [String: Int] = [:]
            // A catalogue with no schema yet (a new PostgreSQL database) counts nothing.
            guard !applied.isEmpty else { return counts }
            for table in Self.tables { counts[table] = try db.value(Int.self, "SELECT count(*) FROM \(table)") ?? 0 }
            return counts
        }
        return CatalogStatus(engine: engine.rawValue, location: path, schema: applied.last ?? "none",
                             appliedMigrations: applied.count, knownMigrations: known, counts: counts)
    }

    /// The tables a user's work fills: a copy's target must have none of their rows.
    static let workTables = ["asset", "task", "video", "character", "appearance", "template", "videoTag"]

    /// Copies this whole catalogue into `target`, which must be empty (a new catalogue: its
    /// providers, models and settings only as migrations seeded them), in one transaction of the
    /// target, from one snapshot of this one, a few thousand rows at a time (memory stays flat
    /// whatever the size); then compares each table's row count and content, and the asset
    /// hashes, on both sides. `progress` is told each table's rows as they are copied (`done`
    /// once the table is).
    public func copy(to target: Catalog, progress: (_ table: String, _ rows: Int, _ done: Bool) -> Void = { _, _, _ in }) throws -> CatalogCopyReport {
        if target.location == location { throw CatalogError("the source and the target are the same catalogue") }
        try target.checkEmpty()
        var sourceDigests: [String: (Int, UInt64)] = [:]
        var sourceHashes: [String] = []
        try target.writer.write(durable: true) { to in
            // The seeded rows are replaced by the source's own (which may have changed them).
            for table in ["model", "setting", "provider"] { try to.execute("DELETE FROM \(table)") }
            try readingOneSnapshot { from in
                for table in Self.tables {
                    var count = 0
                    // A video whose parent is a newer row (linked later) gets its parent once both are in.
                    var laterParents: [(id: SQLValue, parent: SQLValue)] = []
                    try Self.forEachChunk(of: table, in: from) { rows in
                        let columns = rows[0].columns.map { $0.lowercased() }
                        let parentColumn = table == "video" ? columns.firstIndex(of: "parentid") : nil
                        let width = columns.count
                        var values: [SQLValue] = []
                        values.reserveCapacity(rows.count * width)
                        for row in rows {
                            var rowValues = row.values
                            if let parentColumn, case .integer(let parent) = rowValues[parentColumn],
                               case .integer(let id) = rowValues[0], parent > id {
                                laterParents.append((rowValues[0], rowValues[parentColumn]))
                                rowValues[parentColumn] = .null
                            }
                            values += rowValues
                        }
                        let marks = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
                        try to.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                       + Array(repeating: marks, count: rows.count).joined(separator: ", "), values)
                        count += rows.count
                        progress(table, count, false)
                    }
                    for link in laterParents {
                        try to.execute("UPDATE video SET parentId = ? WHERE id = ?", [link.parent, link.id])
                    }
                    progress(table, count, true)
                }
                // What the check compares, from the same snapshot as the copy.
                for table in Self.tables { sourceDigests[table] = try Self.digest(of: table, in: from) }
                sourceHashes = try from.values(String.self, "SELECT sha256 FROM asset").sorted()
            }
            try Self.renumber(to)
        }
        // Check: the same rows, the same content, the same asset hashes.
        var tables: [CatalogCopyReport.Table] = []
        for table in Self.tables {
            let (sourceRows, sourceDigest) = sourceDigests[table] ?? (0, 0)
            let (targetRows, targetDigest) = try target.writer.read { db in try Self.digest(of: table, in: db) }
            guard sourceRows == targetRows else {
                throw CatalogError("copy check failed: \(table) has \(sourceRows) rows in the source and \(targetRows) in the target")
            }
            guard sourceDigest == targetDigest else {
                throw CatalogError("copy check failed: \(table)'s rows differ between the source and the target")
            }
            tables.append(.init(name: table, rows: sourceRows))
        }
        let hashes = sourceHashes
        let copied = try target.writer.read { db in try db.values(String.self, "SELECT sha256 FROM asset") }.sorted()
        guard hashes == copied else { throw CatalogError("copy check failed: the asset hashes differ between the source and the target") }
        return CatalogCopyReport(from: path, to: target.path, tables: tables, assets: hashes.count)
    }

    /// Refuses a catalogue holding anything besides what its migrations seeded.
    func checkEmpty() throws {
        try writer.read { db in
            for table in Self.workTables {
                let rows = try db.value(Int.self, "SELECT count(*) FROM \(table)") ?? 0
                if rows > 0 {
                    throw CatalogError("the target \(path) is not empty (\(table) has \(rows) rows): copy into a new catalogue")
                }
            }
            let providers = try db.values(String.self, "SELECT name FROM provider ORDER BY name")
            let ownModels = try db.value(Int.self, "SELECT count(*) FROM model WHERE providerName IS NOT NULL") ?? 0
            if providers != ["acedata", "grsai", "grsai-cn", "sim"] || ownModels > 0 {
                throw CatalogError("the target \(path) is not empty (its providers or models were changed): copy into a new catalogue")
            }
        }
    }

    /// A table's key columns, the order a copy reads it in.
    private static func key(of table: String) -> [String] {
        switch table {
        case "provider", "setting", "template": ["name"]
        case "asset": ["sha256"]
        case "appearance": ["videoId", "characterId"]
        case "videoTag": ["videoId", "tag"]
        default: ["id"]
        }
    }

    /// Calls `body` with a table's rows in key order, `size` at a time (keyset paging: each page
    /// starts after the last key of the one before).
    static func forEachChunk(of table: String, in db: any SQLConnection, size: Int = 2_000, _ body: ([SQLRow]) throws -> Void) throws {
        let key = Self.key(of: table)
        let keyList = key.joined(separator: ", ")
        var after: [SQLValue]?
        while true {
            var sql = "SELECT * FROM \(table)"
            if after != nil {
                sql += key.count == 1 ? " WHERE \(key[0]) > ?"
                    : " WHERE (\(keyList)) > (\(Array(repeating: "?", count: key.count).joined(separator: ", ")))"
            }
            let rows = try db.fetch(sql + " ORDER BY \(keyList) LIMIT \(size)", after ?? [])
            guard let last = rows.last else { return }
            try body(rows)
            if rows.count < size { return }
            after = key.map { last.value(named: $0) }
        }
    }

    /// Reads in one snapshot of this catalogue (on PostgreSQL a repeatable-read transaction;
    /// an SQLite read is one already), so that a copy taken while others write is consistent.
    func readingOneSnapshot<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.read { db in
            guard db.dialect == .postgres else { return try body(db) }
            try db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(db)
                try db.execute("COMMIT")
                return result
            } catch {
                _ = try? db.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// A table's row count and a digest of its content: each row's FNV-1a hash over its values,
    /// summed (so the engines' different text orders do not matter). Equal on two engines when
    /// they hold the same rows.
    static func digest(of table: String, in db: any SQLConnection) throws -> (Int, UInt64) {
        do {
            var total: UInt64 = 0
            var hash: UInt64 = 0
            func mix(_ text: String) {
                for byte in text.utf8 {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
            }
            var count = 0
            try Self.forEachChunk(of: table, in: db) { rows in
                count += rows.count
                for row in rows {
                    hash = 0xcbf2_9ce4_8422_2325
                    for value in row.values {
                        switch value {
                        case .null: mix("N;")
                        case .integer(let number): mix("I\(number);")
                        case .real(let number): mix("R\(number);")
                        case .text(let text): mix("T\(text.utf8.count):\(text);")
                        case .blob(let data): mix("B\(data.base64EncodedString());")
                        }
                    }
                    total = total &+ hash
                }
            }
            return (count, total)
        }
    }
}
