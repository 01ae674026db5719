import Foundation
import Testing

/// A team's catalogue on a real PostgreSQL server (`make test` starts one: scripts/with-pg).
@Suite(.enabled(if: PostgresServer.url != nil, "needs TROUPE_TEST_DATABASE_URL (make test starts a server)"))
struct PostgresCommandTests {
    @Test(.timeLimit(.minutes(3))) func threeWorkersRunOne60RowBatchAndSendEachRowOnce() async throws {
        try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "17"]) { simulator in
            let database = PostgresServer.newCatalogue()
            let vault = FileManager.default.temporaryDirectory.path + "/troupe-shared-vault-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: vault) }
            let team = ["TROUPE_DATABASE_URL": database, "TROUPE_VAULT": vault]
            let workers = (0..<3).map { _ in CLIRunner() }
            let migrated = try workers[0].run(["db", "migrate"], environment: team)
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let added = try workers[0].run(["provider", "add", "here", "--kind", "grsai", "--base-url", simulator.baseURL], environment: team)
            #expect(added.status == 0, "\(added.stderr)")
            let csv = workers[0].home + "/scenes.csv"
            try FileManager.default.createDirectory(atPath: workers[0].home, withIntermediateDirectories: true)
            try ("n\n" + (1...60).map(String.init).joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)

            let results = await CLIRunner.atOnce(workers.map { worker in
                { try worker.run(["batch", csv, "--prompt", "scene {{n}} in the rain", "--provider", "here", "--yes",
                                  "--poll-interval", "0.1", "--concurrency", "8"], environment: team) }
            }, timeout: 150)
            let text = results.map { "<exit \($0?.status ?? -1)>\n\($0?.stderr ?? "")\n" }.joined()
            #expect(text.components(separatedBy: "<exit 0>").count == 4, "every worker exits 0: \(text.suffix(2000))")
            #expect(text.contains("by other workers") || text.contains("sent by another"), "the workers shared the rows")
            // Each worker sent rows of its own: a row another worker has does not hold a slot here.
            for result in results {
                let followed = (result?.stderr ?? "").components(separatedBy: "(sent by another worker, followed here)").count - 1
                #expect(followed < 60, "a worker only followed the others")
            }

            // Every row sent once, and recorded once with its file in the shared vault.
            let sent = try await simulator.tasks()
            #expect(sent.count == 60, "each row sent once, not \(sent.count)")
            let prompts = sent.compactMap { $0["prompt"] as? String }
            #expect(Set(prompts).count == prompts.count, "no prompt charged twice")
            let videos = try workers[1].jsonArray(["video", "list"], environment: team)
            #expect(videos.count == 60)
            for video in videos {
                #expect(video["status"] as? String == "succeeded")
                let asset = video["asset"] as? [String: Any]
                let path = try #require(asset?["path"] as? String, "video \(video["id"] ?? "?") has its file")
                #expect(path.hasPrefix(vault) && FileManager.default.fileExists(atPath: path), "\(path)")
            }
            let tasks = try workers[2].jsonArray(["task", "list"], environment: team)
            #expect(tasks.count == 60)
            let remote = Set(tasks.compactMap { $0["remote_id"] as? String ?? $0["remoteId"] as? String })
            let ledger = Set(sent.compactMap { $0["id"] as? String })
            #expect(remote == ledger, "the simulator's ledger and the catalogue agree")
        }
    }

    @Test func workersMigratingAtOnceApplyEachMigrationOnceAndOnlyOneSaysSo() async throws {
        let database = PostgresServer.newCatalogue()
        let migrate: @Sendable () throws -> CLIRunner.Result = {
            try CLIRunner().run(["db", "migrate"], environment: ["TROUPE_DATABASE_URL": database])
        }
        let results = await CLIRunner.atOnce(Array(repeating: migrate, count: 4), timeout: 60)
        let text = results.map { "<exit \($0?.status ?? -1)> \($0?.stdout ?? "")\($0?.stderr ?? "")\n" }.joined()
        #expect(text.components(separatedBy: "<exit 0>").count == 5, "\(text)")
        #expect(text.components(separatedBy: "applied 8 migrations").count == 2, "exactly one says it applied them: \(text)")
        #expect(text.components(separatedBy: "is up to date").count == 4, "\(text)")
        let status = try CLIRunner().run(["db", "status", "--json"], environment: ["TROUPE_DATABASE_URL": database])
        #expect(status.stdout.contains("\"applied_migrations\" : 8"), "\(status.stdout)")
    }

    @Test func aCatalogueCopiesToPostgreSQLAndBackLosslessly() throws {
        let cli = CLIRunner()
        for (pid, parent, prompt) in [("s_a1", nil, "a cat on a skateboard"), ("s_a2", "s_a1", "the cat at night"), ("s_a3", "s_a2", "rain, café")] {
            var arguments = ["video", "add", pid, "--prompt", prompt]
            if let parent { arguments += ["--remix-of", parent] }
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try cli.run("character", "add", "hero", "--id", "cartoon_cat_001").status == 0)
        #expect(try cli.run("video", "tag", "s_a2", "+noir").status == 0)
        #expect(try cli.run("template", "add", "night", "@hero at night").status == 0)
        let sqliteLineage = try cli.run("lineage", "s_a3", "--json").stdout

        let database = PostgresServer.newCatalogue()
        let copied = try cli.run("db", "copy", "--from", cli.home + "/catalog.sqlite", "--to", database)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("checked"), "\(copied.stdout)")
        #expect(!copied.stdout.contains(PostgresServer.password) && !copied.stderr.contains(PostgresServer.password), "no password printed")
        let team = ["TROUPE_DATABASE_URL": database]
        #expect(try cli.run(["lineage", "s_a3", "--json"], environment: team).stdout == sqliteLineage)
        #expect(try cli.run(["video", "list", "--search", "cafe"], environment: team).stdout.contains("s_a3"))
        #expect(try cli.run(["video", "list", "--tag", "noir"], environment: team).stdout.contains("s_a2"))
        let status = try cli.run(["db", "status"], environment: team)
        #expect(status.stdout.contains("engine    postgres") && status.stdout.contains("video       3"), "\(status.stdout)")

        // A target that is not empty is refused, and nothing is written to it.
        let again = try cli.run("db", "copy", "--from", cli.home + "/catalog.sqlite", "--to", database)
        #expect(again.status == 1 && again.stderr.contains("not empty"), "\(again.stderr)")
        #expect(try cli.run(["db", "status"], environment: team).stdout.contains("video       3"))

        // And back into a new SQLite file: the same catalogue.
        let back = cli.home + "/back.sqlite"
        let returned = try cli.run("db", "copy", "--from", database, "--to", back)
        #expect(returned.status == 0, "\(returned.stderr)")
        #expect(try cli.run(["lineage", "s_a3", "--json"], environment: ["TROUPE_DATABASE_URL": back]).stdout == sqliteLineage)
        #expect(try cli.run(["template", "list"], environment: ["TROUPE_DATABASE_URL": back]).stdout.contains("night"))
    }

    @Test func errorsNameTheProblemInOneLineAndNeverThePassword() throws {
        let cli = CLIRunner()
        func oneLine(_ result: CLIRunner.Result, _ expected: String) {
            let lines = result.stderr.split(separator: "\n")
            #expect(result.status == 1 && lines.count == 1 && result.stderr.contains(expected), "\(result.status) \(result.stderr)")
            #expect(!result.stderr.contains(PostgresServer.password) && !result.stdout.contains(PostgresServer.password))
        }
        let base = try #require(PostgresServer.url)
        let wrong = base.replacingOccurrences(of: ":" + PostgresServer.password + "@", with: ":not-the-password@")
        oneLine(try cli.run(["video", "list"], environment: ["TROUPE_DATABASE_URL": wrong]), "authentication failed")
        oneLine(try cli.run(["video", "list"], environment: ["TROUPE_DATABASE_URL": "postgres://troupe:s3cret-pw@127.0.0.1:1/troupe"]), "cannot reach PostgreSQL at 127.0.0.1:1")
        let fresh = PostgresServer.newCatalogue()
        oneLine(try cli.run(["video", "list"], environment: ["TROUPE_DATABASE_URL": fresh]), "run `troupe db migrate")
        #expect(try cli.run(["db", "migrate"], environment: ["TROUPE_DATABASE_URL": fresh]).status == 0)
        #expect(try cli.run(["video", "list"], environment: ["TROUPE_DATABASE_URL": fresh]).status == 0)
        // A catalogue a newer troupe migrated is refused, not written.
        let schema = try #require(fresh.components(separatedBy: "schema=").last)
        let psql = try cli.run(["psql", base, "-Atc", "INSERT INTO \(schema).grdb_migrations VALUES ('9999_future')"], executable: "/usr/bin/env")
        #expect(psql.status == 0, "\(psql.stderr)")
        oneLine(try cli.run(["video", "list"], environment: ["TROUPE_DATABASE_URL": fresh]), "written by a newer troupe")
        oneLine(try cli.run(["video", "list", "--database", "mysql://x:y@h/db"]), "unsupported database URL")
    }
}

/// The test server `make test` started.
enum PostgresServer {
    static let url: String? = ProcessInfo.processInfo.environment["TROUPE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The password in the server's URL (the tests check it is never printed).
    static var password: String {
        guard let url, let components = URLComponents(string: url) else { return "\u{0}" }
        return components.password ?? "\u{0}"
    }

    /// A URL for a new catalogue of its own: a schema on the test server (created by `db migrate`).
    static func newCatalogue() -> String {
        (url ?? "") + "?schema=t_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}

/// `troupe db` on the embedded engine: no server needed.
@Suite struct DbCommandTests {
    @Test func dbStatusAndMigrateWorkOnANewHomeAndAMistypedFileIsRefusedNotCreated() throws {
        let cli = CLIRunner()
        let status = try cli.run("db", "status")
        #expect(status.status == 0 && status.stdout.contains("engine    sqlite") && status.stdout.contains("8 of 8 migrations"), "\(status.stdout)\(status.stderr)")
        let migrated = try cli.run("db", "migrate")
        #expect(migrated.status == 0 && migrated.stdout.contains("up to date"), "\(migrated.stdout)")
        let typo = cli.home + "/catalgo.sqlite"
        let refused = try cli.run("video", "list", "--database", typo)
        #expect(refused.status == 1 && refused.stderr.contains("no catalogue at \(typo)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo), "a mistyped catalogue is not created")
        let copied = try cli.run("db", "copy", "--from", cli.home + "/catalog.sqlite", "--to", cli.home + "/copy.sqlite", "--json")
        #expect(copied.status == 0 && copied.stdout.contains("\"asset_hashes_compared\""), "\(copied.stdout)\(copied.stderr)")
        #expect(try cli.run("video", "list", "--database", cli.home + "/copy.sqlite").status == 0)
    }
}
