import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TroupeCatalog
import TroupeDomain
import TroupeStudio
@testable import TroupeWeb

/// A studio in a temporary home, a small catalogue in it, and `troupe web`'s router over it.
final class WebHome: @unchecked Sendable {
    let directory = FileManager.default.temporaryDirectory.path + "/troupe-web-" + UUID().uuidString
    let studio: Studio

    init() throws {
        studio = try Studio(home: TroupeHome(directory: directory), pollInterval: 0.05, maxPollInterval: 0.2)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var catalog: Catalog { studio.catalog }

    /// A succeeded video, with a file of `bytes` in the vault when given.
    @discardableResult
    func video(_ pid: String?, prompt: String, bytes: Data? = nil, parent: Int64? = nil, tags: [String] = []) throws -> Video {
        var video = Video(pid: try pid.map { try Pid($0) }, providerName: "sim", origin: .generated, status: .succeeded, prompt: prompt)
        video.model = "sora-2"
        video.parentId = parent
        if let bytes {
            let source = directory + "/source-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try bytes.write(to: URL(fileURLWithPath: source))
            video.assetSha256 = try studio.importFile(source, mediaType: "video/mp4").sha256
        }
        let inserted = try catalog.insert(video)
        if !tags.isEmpty { _ = try catalog.retagVideo(id: inserted.id!, adding: tags.map { try Tag($0) }, removing: []) }
        return inserted
    }

    /// The catalogue the tests look at: two videos (a remix of the other), the hero in both.
    func seed() throws {
        try catalog.useProvider(named: "sim")
        let first = try video("s_68f1a2", prompt: "@hero skateboards through a market", bytes: Data("first video bytes".utf8), tags: ["keeper"])
        let second = try video("s_77aa01", prompt: "same ride, at night <b>bold</b>", parent: first.id)
        let hero = try catalog.registerCharacter(handle: try Handle("hero"), id: try CharacterID("cat_001"), providerName: "sim")
        try catalog.recordAppearances(videoId: first.id!, characterIds: [hero.id!])
        try catalog.recordAppearances(videoId: second.id!, characterIds: [hero.id!])
    }

    func app(host: String = "127.0.0.1", environment: [String: String] = [:]) -> WebApp {
        WebApp(studio: studio, security: WebSecurity(host: host), environment: environment)
    }

    /// Runs `body` against `app`'s router, without a socket.
    func test<T: Sendable>(_ app: WebApp, _ body: @Sendable @escaping (WebClient) async throws -> T) async throws -> T {
        let application = Application(router: app.buildRouter())
        return try await application.test(.router) { client in try await body(WebClient(client: client, csrf: app.security.csrfToken)) }
    }
}

/// An answer, decoded.
struct WebResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var data: Data
    var text: String { String(decoding: data, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: data) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var contentType: String { headers[.contentType] ?? "" }
}

/// Requests to the router; POSTs carry the page's CSRF token unless told otherwise.
struct WebClient: Sendable {
    let client: any TestClientProtocol
    let csrf: String

    func get(_ path: String, headers: HTTPFields = [:]) async throws -> WebResponse {
        try await send(.get, path, headers: headers)
    }

    func post(_ path: String, _ object: [String: Any], csrf: String? = nil, useToken: Bool = true) async throws -> WebResponse {
        let data = try JSONSerialization.data(withJSONObject: object)
        var headers: HTTPFields = [.contentType: "application/json"]
        if useToken { headers[WebSecurity.csrfHeader] = csrf ?? self.csrf }
        return try await send(.post, path, headers: headers, body: data)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], body: Data? = nil) async throws -> WebResponse {
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return WebResponse(status: response.status, headers: response.headers, data: Data(response.body.readableBytesView))
    }
}

/// `value` encoded as the CLI's `--json` encodes it, read back as a JSON object for comparison.
func cliJSON(_ value: some Encodable) throws -> NSObject {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try JSONSerialization.jsonObject(with: encoder.encode(value)) as! NSObject
}

/// The exact headers `troupe web` puts on every answer.
let expectedCSP = "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

func hasSecurityHeaders(_ response: WebResponse) -> Bool {
    response.headers[HTTPField.Name("Content-Security-Policy")!] == expectedCSP
        && response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff"
        && response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer"
}
