import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct MigrationTests {
    @Test func embeddedMigrationsMatchTheFolder() throws {
        let folder = repositoryRoot + "/migrations"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == Catalog.knownMigrations,
                "migrations/ and the embedded copy list different files: run `make embed-migrations`")
        for (file, embedded) in zip(files, Catalog.embeddedMigrations) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(text == embedded.sql + "\n", "\(file) differs from its embedded copy: run `make embed-migrations`")
        }
    }

    @Test func embeddedPostgresMigrationsMatchTheFolder() throws {
        let folder = repositoryRoot + "/migrations/postgres"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == Catalog.embeddedPostgresMigrations.map(\.identifier),
                "migrations/postgres/ and the embedded copy list different files: run `make embed-migrations`")
        // The same migrations, one by one, on both engines.
        #expect(Catalog.embeddedPostgresMigrations.map(\.identifier) == Catalog.knownMigrations)
        for (file, embedded) in zip(files, Catalog.embeddedPostgresMigrations) {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(text == embedded.sql + "\n", "postgres/\(file) differs from its embedded copy: run `make embed-migrations`")
        }
    }

    /// Both engines' migrations build the same tables, columns, constraints, indexes and seeded
    /// rows (scripts/schema-compare, against the real server; each engine's full-text index aside).
    @Test(.enabled(if: TestEngine.serverURL != nil)) func bothEnginesBuildTheSameSchema() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: repositoryRoot + "/scripts/schema-compare")
        process.arguments = ["--postgres", TestEngine.serverURL ?? ""]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.contains("no difference"), "\(text)")
    }

    @Test(.enabled(if: TestEngine.serverURL != nil)) func aPostgresCatalogueMigratesOnceAndRefusesANewerSchema() throws {
        let home = TemporaryHome(.postgres)
        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations() == Catalog.knownMigrations)
        #expect(try catalog.status().engine == "postgres")
        // Opening again applies nothing; a schema this troupe does not know is refused.
        _ = try home.catalog()
        _ = try catalog.writer.write { db in try db.execute("INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')") }
        #expect(throws: CatalogError.self) { _ = try home.catalog() }
        #expect(try catalog.integrityCheck() == "ok")
    }

    @Test func blankCatalogueMigratesToTheExpectedSchema() throws {
        let home = TemporaryHome()
        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations() == Catalog.knownMigrations)
        let tables = try catalog.sqlitePool!.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        #expect(tables == ["appearance", "asset", "character", "grdb_migrations", "model", "provider", "setting", "task", "template", "video",
                          "videoSearch", "videoSearch_config", "videoSearch_data", "videoSearch_docsize", "videoSearch_idx", "videoTag"])
        let videoColumns = try catalog.sqlitePool!.read { db in try db.columns(in: "video").map(\.name) }
        for column in ["pid", "parentId", "status", "compiledPrompt", "remoteURLExpiresAt", "assetSha256", "taskId"] {
            #expect(videoColumns.contains(column))
        }
        #expect(try catalog.sqlitePool!.read { db in try db.columns(in: "task").map(\.name) }.contains("batchKey"))
        let presets = try catalog.providers().map(\.name)
        #expect(presets == ["acedata", "grsai", "grsai-cn", "sim"])
        #expect(try catalog.defaultProvider().name == "grsai")
    }

    @Test func openingTurnsOnWALForeignKeysAndABusyTimeout() throws {
        let home = TemporaryHome()
        let catalog = try home.catalog()
        #expect(try catalog.journalMode() == "wal")
        let foreignKeys = try catalog.sqlitePool!.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == true)
        let timeout = try catalog.sqlitePool!.read { db in try Int.fetchOne(db, sql: "PRAGMA busy_timeout") }
        #expect((timeout ?? 0) >= 1000)
        #expect(try catalog.integrityCheck() == "ok")
    }

    @Test func commitsSkipTheFsyncUnlessASaveAsksToBeDurable() throws {
        let home = TemporaryHome()
        let catalog = try home.catalog()
        func synchronous() throws -> Int? { try catalog.sqlitePool!.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }
        // NORMAL (1): WAL commits survive a killed process; FULL (2) only around durable saves.
        #expect(try synchronous() == 1)
        var entry = try catalog.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "{}"),
                                        producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: "p"), features: []))
        entry.task.attempts = 1
        try catalog.saveNow(entry, durably: true)
        #expect(try synchronous() == 1, "a durable save puts NORMAL back")
        #expect(try catalog.journalEntry(taskId: entry.task.id!).task.attempts == 1)
    }

    @Test func aCatalogueFromMigration0001UpgradesWithoutLoss() throws {
        let home = TemporaryHome()
        try home.writeCatalogFromMigration0001()

        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations() == Catalog.knownMigrations)
        #expect(try catalog.provider(named: "mygate").keyEnv == "MYGATE_KEY")
        #expect(try catalog.defaultProvider().name == "grsai-cn")
        let remix = try catalog.video(pid: .test("s_0a02"))
        #expect(remix.prompt == "夜の街で")
        #expect(try catalog.parentPid(of: remix) == .test("s_0a01"))
        let hero = try catalog.character(handle: .test("hero"))
        #expect(hero.characterId?.rawValue == "cartoon_cat_001")
        #expect(hero.clip == (try ClipRange(start: 0.5, end: 3)))
        #expect(hero.tagList == ["cat", "lead"])
        #expect(try catalog.featuredCharacters(videoId: remix.id!).map(\.handle) == [.test("hero")])
        #expect(try catalog.templates().isEmpty)
        #expect(try catalog.tasks().map(\.remoteId) == ["f44bcf50-f2d0-4c26-a467-26f2014a771b"])
        #expect(try catalog.tasks().first?.batchKey == nil)
        try catalog.saveTemplate(name: "duel", body: "@hero argues with @villain")
        #expect(try catalog.template(named: "duel").body == "@hero argues with @villain")
        #expect(try catalog.integrityCheck() == "ok")
    }

    @Test func aCatalogueWrittenByANewerTroupeIsRefused() throws {
        let home = TemporaryHome()
        do {
            let catalog = try home.catalog()
            try catalog.sqlitePool!.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
            }
        }
        #expect(throws: CatalogError("this catalogue was written by a newer troupe (schema 9999_from_the_future): upgrade troupe to open it")) {
            _ = try home.catalog()
        }
    }
}
