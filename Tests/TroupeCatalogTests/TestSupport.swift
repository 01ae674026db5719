import Foundation
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
