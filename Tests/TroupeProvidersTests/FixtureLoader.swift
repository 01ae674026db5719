import Foundation
import TroupeProviders

/// Reads fixture files copied into the test bundle (`Fixtures/<dialect>/<name>`).
enum Fixture {
    static func data(_ path: String) throws -> Data {
        guard let root = Bundle.module.resourceURL else { throw Missing(path: path) }
        let url = root.appendingPathComponent("Fixtures").appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(path: path) }
        return try Data(contentsOf: url)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(data(path))
    }

    /// Every fixture file under `Fixtures/<dialect>/`.
    static func all(_ dialect: String) throws -> [String] {
        guard let root = Bundle.module.resourceURL else { throw Missing(path: dialect) }
        let folder = root.appendingPathComponent("Fixtures").appendingPathComponent(dialect)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { "\(dialect)/\($0)" }
    }

    struct Missing: Error { let path: String }
}

/// The JSON of a request body (`nil` when the body is not plain JSON).
func bodyJSON(_ request: WireRequest) throws -> JSONValue? {
    guard case .json(let data) = request.body else { return nil }
    return try JSONValue.parse(data)
}

func ok(_ name: String, status: Int = 200) throws -> WireResponse {
    WireResponse(status: status, headers: [.init("Content-Type", "application/json")], body: try Fixture.data(name))
}

/// A temporary directory of the test's own, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-providers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let receivedAt = Date(timeIntervalSince1970: 1_760_000_000)
