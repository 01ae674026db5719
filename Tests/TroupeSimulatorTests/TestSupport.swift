import Foundation
import Hummingbird
import HummingbirdTesting
import TroupeSimulator

/// A decoded answer from the simulator.
struct SimResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var data: Data
    var text: String { String(decoding: data, as: UTF8.self) }
    var json: JSONValue? { JSONValue.parse(data) }
}

/// Thin helpers over HummingbirdTesting's client, with a fake key by default.
struct SimClient: Sendable {
    let client: any TestClientProtocol

    func send(
        _ method: HTTPRequest.Method, _ path: String, body: Data? = nil, key: String? = "test-key",
        contentType: String = "application/json"
    ) async throws -> SimResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = contentType }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return SimResponse(status: response.status, headers: response.headers, data: Data(response.body.readableBytesView))
    }

    func post(_ path: String, _ body: JSONValue, key: String? = "test-key") async throws -> SimResponse {
        try await send(.post, path, body: Data(body.text.utf8), key: key)
    }

    func get(_ path: String, key: String? = "test-key") async throws -> SimResponse {
        try await send(.get, path, key: key)
    }

    /// Moves the simulator's clock forward.
    func advance(_ seconds: Double) async throws {
        _ = try await post("/_sim/clock", ["advance": .double(seconds)], key: nil)
    }

    /// A finished GrsAI video's pid, made through poll delivery.
    func grsaiVideo(_ prompt: String = "a cat on a skateboard", duration: Int = 10) async throws -> String {
        let submit = try await post(
            "/v1/video/sora-video",
            ["model": "sora-2", "prompt": .string(prompt), "webHook": "-1", "duration": .int(duration)])
        let id = submit.json?["data"]?["id"]?.string ?? ""
        try await advance(3600)
        let poll = try await post("/v1/draw/result", ["id": .string(id)])
        return poll.json?["data"]?["results"]?.array?.first?["pid"]?.string ?? ""
    }

    /// A ready GrsAI character id from an uploaded clip.
    func grsaiCharacter() async throws -> String {
        let submit = try await post(
            "/v1/video/sora-upload-character",
            ["url": "https://example.com/cat.mp4", "timestamps": "0,3", "webHook": "-1"])
        let id = submit.json?["data"]?["id"]?.string ?? ""
        try await advance(3600)
        let poll = try await post("/v1/draw/result", ["id": .string(id)])
        return poll.json?["data"]?["results"]?.array?.first?["character_id"]?.string ?? ""
    }
}

/// Runs `body` against an in-process router (no socket).
func withSimulator<T: Sendable>(
    // Tasks take 10 minutes of simulator time: only `advance` finishes them, never a slow machine.
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(latency: 600, seed: 42),
    _ body: @Sendable @escaping (SimClient) async throws -> T
) async throws -> T {
    let app = try buildSimulatorApplication(configuration)
    return try await app.test(.router) { client in try await body(SimClient(client: client)) }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The path and query of an absolute URL the simulator handed out.
func pathAndQuery(_ url: String) -> String {
    guard let components = URLComponents(string: url) else { return url }
    return components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
}
