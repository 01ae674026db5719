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
    /// target; then compares each table's row count and content, and the asset hashes, on both
    /// sides. `progress` is told each table as it is copied.
    public func copy(to target: Catalog, progress: (String, Int) -> Void = { _, _ in }) throws -> CatalogCopyReport {
        if target.location == location { throw CatalogError("the source and the target are the same catalogue") }
        try target.checkEmpty()
        try target.writer.write(durable: true) { to in
            // The seeded rows are replaced by the source's own (which may have changed them).
            for table in ["model", "setting", "provider"] { try to.execute("DELETE FROM \(table)") }
            for table in Self.tables {
                var parents: [(id: SQLValue, parent: SQLValue)] = []
                var count = 0
                try writer.read { from in
                    let rows = try from.rows("SELECT * FROM \(table) ORDER BY \(Self.order(of: table))")
                    guard let first = rows.first else { return }
                    let columns = first.columns.map { $0.lowercased() }
                    // A video's parent may be a newer row: parents are linked once every video is in.
                    let parentColumn = table == "video" ? columns.firstIndex(of: "parentid") : nil
                    let width = columns.count
                    let perStatement = max(1, 30_000 / width)
                    var index = 0
                    while index < rows.count {
                        let chunk = rows[index..<min(index + perStatement, rows.count)]
                        index += chunk.count
                        var values: [SQLValue] = []
                        values.reserveCapacity(chunk.count * width)
                        for row in chunk {
                            var rowValues = row.values
                            if let parentColumn, rowValues[parentColumn] != .null {
                                parents.append((rowValues[0], rowValues[parentColumn]))
                                rowValues[parentColumn] = .null
                            }
                            values += rowValues
                        }
                        let marks = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
                        try to.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                       + Array(repeating: marks, count: chunk.count).joined(separator: ", "), values)
                    }
                    count = rows.count
                }
                for link in parents {
                    try to.execute("UPDATE video SET parentId = ? WHERE id = ?", [link.parent, link.id])
                }
                progress(table, count)
            }
            try Self.renumber(to)
        }
        // Check: the same rows, the same content, the same asset hashes.
        var tables: [CatalogCopyReport.Table] = []
        for table in Self.tables {
            let (sourceRows, sourceDigest) = try digest(of: table)
            let (targetRows, targetDigest) = try target.digest(of: table)
            guard sourceRows == targetRows else {
                throw CatalogError("copy check failed: \(table) has \(sourceRows) rows in the source and \(targetRows) in the target")
            }
            guard sourceDigest == targetDigest else {
                throw CatalogError("copy check failed: \(table)'s rows differ between the source and the target")
            }
            tables.append(.init(name: table, rows: sourceRows))
        }
        let hashes = try writer.read { db in try db.values(String.self, "SELECT sha256 FROM asset ORDER BY sha256") }
        let copied = try target.writer.read { db in try db.values(String.self, "SELECT sha256 FROM asset ORDER BY sha256") }
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

    private static func order(of table: String) -> String {
        switch table {
        case "provider", "setting", "template": "name"
        case "asset": "sha256"
        case "appearance": "videoId, characterId"
        case "videoTag": "videoId, tag"
        default: "id"
        }
    }

    /// A table's row count and a digest of its content: each row's FNV-1a hash over its values,
    /// summed (so the engines' different text orders do not matter). Equal on two engines when
    /// they hold the same rows.
    func digest(of table: String) throws -> (Int, UInt64) {
        try writer.read { db in
            var total: UInt64 = 0
            var hash: UInt64 = 0
            func mix(_ text: String) {
                for byte in text.utf8 {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x100_0000_01b3
                }
            }
            let rows = try db.rows("SELECT * FROM \(table)")
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
            return (rows.count, total)
        }
    }
}
