import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

/// The engines the catalogue suites run on: SQLite always, and PostgreSQL when
/// `TROUPE_TEST_DATABASE_URL` names a server (`make test` starts one: scripts/with-pg).
enum TestEngine: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let serverURL: String? = ProcessInfo.processInfo.environment["TROUPE_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let all: [TestEngine] = serverURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { rawValue }

    /// The server's maintenance connection, which creates and drops each test's database.
    static let admin: PostgresStore? = serverURL.flatMap { try? PostgresStore(url: PostgresURL(parsing: $0)) }

    /// A new empty schema on the test server (cheaper than a database: each test has one); the
    /// URL of a catalogue in it. They are left for the throwaway cluster to take away (a test's
    /// home may be released before its catalogue's last call).
    static func scratchDatabase() throws -> PostgresURL {
        guard let serverURL, let admin else { throw CatalogError("no PostgreSQL test server (TROUPE_TEST_DATABASE_URL)") }
        var url = try PostgresURL(parsing: serverURL)
        url.schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try admin.read { db in try db.execute("CREATE SCHEMA \(url.schema!)") }
        return url
    }
}

/// A fresh troupe home under the temporary directory, removed when released; on PostgreSQL its
/// catalogue is a new database on the test server, dropped when released.
final class TemporaryHome {
    let home: TroupeHome
    let engine: TestEngine

    init(_ engine: TestEngine = .sqlite) {
        let path = FileManager.default.temporaryDirectory.path + "/troupe-test-" + UUID().uuidString
        self.engine = engine
        switch engine {
        case .sqlite:
            home = TroupeHome(directory: path)
        case .postgres:
            // A test that cannot get its database fails on its first catalogue call.
            let url = (try? TestEngine.scratchDatabase()) ?? (try! PostgresURL(parsing: "postgres://no-test-server@127.0.0.1:1/none"))
            home = TroupeHome(directory: path, database: .postgres(url))
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home.directory)
    }

    func catalog() throws -> Catalog {
        try home.create()
        return try Catalog(location: home.catalogLocation, schema: .migrate)
    }

    /// Writes the catalogue a troupe of migration 0001 left (Fixtures/catalog-0001.sql) into this
    /// home, without opening it as a Catalog (which would migrate it).
    func writeCatalogFromMigration0001() throws {
        try home.create()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let fixture = try String(contentsOfFile: repositoryRoot + "/Tests/TroupeCatalogTests/Fixtures/catalog-0001.sql", encoding: .utf8)
        try DatabaseQueue(path: home.catalogPath, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: fixture)
        }
    }
}

/// What a journal row produces in the commit-queue and worker tests: a pending video.
func pending(_ prompt: String) -> JournalSubject {
    .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: prompt), features: [])
}

extension Pid {
    /// A pid from a literal known to be valid in a test.
    static func test(_ text: String) -> Pid { try! Pid(text) }
}

extension Handle {
    static func test(_ text: String) -> Handle { try! Handle(text) }
}

/// The repository root, from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
