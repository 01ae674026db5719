import ArgumentParser
import Foundation
import TroupeCatalog

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The catalogue's database: its schema, its counts, and moving it between SQLite and PostgreSQL.",
        discussion: """
            The catalogue is the home's SQLite file unless --database URL (or $TROUPE_DATABASE_URL) \
            names a PostgreSQL database a team shares: postgres://USER:PASSWORD@HOST:PORT/DATABASE \
            (?sslmode=disable|prefer|require, ?pool=N connections). A password is never printed.

            Example:
              troupe db status
              troupe db migrate --database postgres://studio:secret@db.local/troupe
              troupe db copy --from ~/.local/share/troupe/catalog.sqlite --to postgres://studio:secret@db.local/troupe
            """,
        subcommands: [Status.self, Migrate.self, Copy.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the engine, the schema version and the row counts.",
            discussion: """
                Example:
                  troupe db status
                  troupe db status --database postgres://studio:secret@db.local/troupe --json
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let home = try global.troupeHome
            try home.create()
            let location = home.catalogLocation
            if case .sqlite(let path)? = home.database, !FileManager.default.fileExists(atPath: path) {
                throw CatalogError("no catalogue at \(path) yet: `troupe db migrate` creates it")
            }
            let catalog = try Catalog(location: location, schema: .asItIs)
            let status = try catalog.status()
            if global.json { return try Output.json(status) }
            guard status.appliedMigrations > 0 else {
                print("engine    \(status.engine)")
                print("location  \(status.location)")
                print("schema    none yet: `troupe db migrate` creates it (\(status.knownMigrations) migrations)")
                return
            }
            print("engine    \(status.engine)")
            print("location  \(status.location)")
            let behind = status.appliedMigrations < status.knownMigrations
            print("schema    \(status.schema) (\(status.appliedMigrations) of \(status.knownMigrations) migrations\(behind ? "; run `troupe db migrate`" : ""))")
            let order = ["video", "character", "task", "asset", "appearance", "videoTag", "template", "provider", "model", "setting"]
            for table in order {
                print("\(table.padding(toLength: 12, withPad: " ", startingAt: 0))\(status.counts[table] ?? 0)")
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the migrations this troupe has and the catalogue lacks.",
            discussion: """
                A team's PostgreSQL catalogue is migrated only by this command (an SQLite one also \
                when opened). Workers starting together migrate once.

                Example:
                  troupe db migrate --database postgres://studio:secret@db.local/troupe
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let home = try global.troupeHome
            try home.create()
            let catalog = try Catalog(location: home.catalogLocation, schema: .migrate)
            let after = try catalog.appliedMigrations()
            let applied = catalog.migratedOnOpen
            if global.json {
                return try Output.json(["location": catalog.path, "schema": after.last ?? "none", "applied": applied.joined(separator: ",")])
            }
            if applied.isEmpty {
                print("\(catalog.path) is up to date at schema \(after.last ?? "none")")
            } else {
                print("applied \(applied.count) migration\(applied.count == 1 ? "" : "s") to \(catalog.path): \(applied.joined(separator: ", "))")
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole catalogue into a new one, between SQLite and PostgreSQL, and check the copy.",
            discussion: """
                The target must be new (created and migrated here when it is a new file or an empty \
                database). Every row is copied in one transaction; then each table's row count and \
                content, and the asset hashes, are compared on both sides. The vault's files are not \
                moved: point --vault (or $TROUPE_VAULT) at the same folder.

                Example:
                  troupe db copy --from ~/.local/share/troupe/catalog.sqlite --to postgres://studio:secret@db.local/troupe
                  troupe db copy --from postgres://studio:secret@db.local/troupe --to /backup/catalog.sqlite
                """)

        @Option(name: .long, help: ArgumentHelp("The catalogue to copy: an SQLite file or a postgres:// URL.", valueName: "path|url"))
        var from: String

        @Option(name: .long, help: ArgumentHelp("The new catalogue: a postgres:// URL or an SQLite file.", valueName: "url|path"))
        var to: String

        /// Accepted as on every command (`--json` among them); the home plays no part in a copy.
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let json = global.json
            let sourceLocation = try CatalogLocation(parsing: from)
            if case .sqlite(let path) = sourceLocation, !FileManager.default.fileExists(atPath: path) {
                throw CatalogError("no catalogue at \(path): give the SQLite file to copy (`troupe path` shows yours)")
            }
            // The target is created and migrated when new; `copy` refuses one that holds anything.
            let target = try Self.opening("the target (--to)") { try Catalog(location: CatalogLocation(parsing: to), schema: .migrate) }
            try Self.copy(from: sourceLocation, into: target, json: json)
        }

        /// Says which side a catalogue that cannot be opened is.
        static func opening(_ side: String, _ open: () throws -> Catalog) throws -> Catalog {
            do {
                return try open()
            } catch let error as CatalogError {
                throw CatalogError("\(side): \(error.message)")
            }
        }

        static func copy(from sourceLocation: CatalogLocation, into target: Catalog, json: Bool) throws {
            let source = try opening("the source (--from)") { try Catalog(location: sourceLocation, schema: .requireCurrent) }
            var shown = 0
            let report = try source.copy(to: target) { table, rows, done in
                // A line per table, and one every 20,000 rows of a big one.
                guard done || rows >= shown + 20_000 else { return }
                shown = done ? 0 : rows
                Output.note(done ? "copied \(rows) \(table) row\(rows == 1 ? "" : "s")" : "copying \(table): \(rows) rows so far")
            }
            if json { return try Output.json(report) }
            let rows = report.tables.reduce(0) { $0 + $1.rows }
            print("copied \(rows) rows from \(report.from) to \(report.to); checked: every table's count and content, and \(report.assets) asset hash\(report.assets == 1 ? "" : "es"), are the same on both")
        }
    }
}
