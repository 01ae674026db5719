import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct UploadTests {
    struct CharacterUpload: Decodable { var url: String; var timestamps: String }

    @Test(arguments: [0, 1, 2, 3, 100_000, 3 * 128 * 1024 + 1, 2_000_003])
    func sendsFileAsBase64InsideJSON(size: Int) async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("clip.mp4")
        let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        try content.write(to: file)

        try await TestServer.serving({ _, connection in
            connection.respond(status: 200, json: #"{"code":0,"msg":"success","data":{"id":"task-1"}}"#)
        }) { server in
            let body = try HTTPBody.jsonWithBase64File(fields: ["timestamps": "0,3"], field: "url", path: file.path)
            let request = HTTPRequest(
                method: "POST", url: server.baseURL + "/v1/video/sora-upload-character",
                headers: [HTTPHeader("Content-Type", "application/json")], bearerToken: "test-key", body: body)
            let response = try await HTTPClient().send(request)
            #expect(response.status == 200)

            let received = try #require(server.requests.first)
            #expect(received.header("Content-Length") == String(try body.contentLength()))
            #expect(received.header("Expect") == nil)
            let decoded = try JSONDecoder().decode(CharacterUpload.self, from: received.body)
            #expect(decoded.timestamps == "0,3")
            #expect(Data(base64Encoded: decoded.url) == content)
        }
    }

    @Test func missingFileFailsBeforeSending() async throws {
        try await TestServer.serving({ _, connection in connection.respond(status: 200) }) { server in
            let body = HTTPBody.base64File(prefix: Data("{\"url\":\"".utf8), path: "/nonexistent/clip.mp4", suffix: Data("\"}".utf8))
            await #expect(throws: HTTPError.self) {
                try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/", body: body))
            }
            #expect(server.requests.isEmpty)
        }
    }
}
