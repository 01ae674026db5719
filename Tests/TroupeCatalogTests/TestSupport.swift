import Foundation
import GRDB
import TroupeDomain
@testable import TroupeCatalog

/// A fresh troupe home under the temporary directory, removed when released.
final class TemporaryHome {
    let home: TroupeHome

    init() {
        let path = FileManager.default.temporaryDirectory.path + "/troupe-test-" + UUID().uuidString
        home = TroupeHome(directory: path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home.directory)
    }

    func catalog() throws -> Catalog {
        try Catalog(home: home)
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
