import Foundation
import Testing
@testable import TroupeHTTP

/// Bodies carrying several local files as Base64, each streamed from disk.
@Suite struct MultiFileUploadTests {
    /// Sizes that cross the reader's chunk boundary, need each kind of padding, or are empty.
    static let sizes = [5, 3 * 128 * 1024 + 1, 0]

    /// `count` files in `directory` and the body around them: `{"a":"<f0>","urls":["<f1>","<f2>"],"z":1}`-like.
    static func files(_ count: Int, in directory: URL) throws -> (segments: [Data], paths: [String], contents: [Data]) {
        var paths: [String] = []
        var contents: [Data] = []
        for index in 0..<count {
            let size = sizes[index]
            let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 13) })
            let file = directory.appendingPathComponent("image-\(index).png")
            try content.write(to: file)
            paths.append(file.path)
            contents.append(content)
        }
        var segments = [Data(#"{"model":"veo","urls":[""#.utf8)]
        segments += (0..<count).map { index in Data((index == count - 1 ? #""],"z":1}"# : #"",""#).utf8) }
        if count == 0 { segments = [Data(#"{"model":"veo","urls":[],"z":1}"#.utf8)] }
        return (segments, paths, contents)
    }

    /// What the server must receive: each segment, each file's Base64 between them.
    static func expected(_ segments: [Data], _ contents: [Data]) -> Data {
        var bytes = segments[0]
        for (content, segment) in zip(contents, segments.dropFirst()) {
            bytes += Data(content.base64EncodedString().utf8) + segment
        }
        return bytes
    }

    @Test(arguments: [0, 1, 2, 3])
    func everyFileArrivesAsBase64WithAnExactContentLength(count: Int) async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (segments, paths, contents) = try Self.files(count, in: directory)
        let want = Self.expected(segments, contents)
        let body = HTTPBody.base64Files(segments: segments, paths: paths)
        #expect(try body.contentLength() == Int64(want.count))

        try await TestServer.serving({ _, connection in connection.respond(status: 200, json: "{}") }) { server in
            let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/veo",
                                                                   headers: [HTTPHeader("Content-Type", "application/json")],
                                                                   bearerToken: "test-key", body: body))
            #expect(response.status == 200)
            let received = try #require(server.requests.first)
            #expect(received.body == want)
            #expect(received.header("Content-Length") == String(want.count))
            #expect(received.header("Expect") == nil)
            let decoded = try JSONSerialization.jsonObject(with: received.body) as? [String: Any]
            let urls = try #require(decoded?["urls"] as? [String])
            #expect(urls.map { Data(base64Encoded: $0) } == contents)
        }
    }

    @Test func oneFileInTheGeneralFormSendsTheSameBytesAsTheOneFileForm() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (segments, paths, _) = try Self.files(1, in: directory)
        let single = HTTPBody.base64File(prefix: segments[0], path: paths[0], suffix: segments[1])
        let general = HTTPBody.base64Files(segments: segments, paths: paths)
        #expect(try single.contentLength() == general.contentLength())
        #expect(single.description == general.description)
        try await TestServer.serving({ _, connection in connection.respond(status: 200) }) { server in
            _ = try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/", body: single))
            _ = try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/", body: general))
            let received = server.requests
            #expect(received.count == 2)
            #expect(received.first?.body == received.last?.body)
        }
    }

    @Test func aRetriedRequestReadsEveryFileAgainFromTheStart() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (segments, paths, contents) = try Self.files(3, in: directory)
        let calls = Counter()
        try await TestServer.serving({ _, connection in
            connection.respond(status: calls.increment() == 1 ? 502 : 200)
        }) { server in
            let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), budget: .seconds(10))
            let response = try await HTTPClient(retryPolicy: policy).send(
                HTTPRequest(method: "POST", url: server.baseURL + "/v1/draw/result",
                            body: .base64Files(segments: segments, paths: paths), idempotent: true))
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(server.requests.map(\.body) == [Self.expected(segments, contents), Self.expected(segments, contents)])
        }
    }

    @Test func aMissingSecondFileFailsBeforeAnythingIsSent() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (segments, paths, _) = try Self.files(2, in: directory)
        try FileManager.default.removeItem(atPath: paths[1])
        try await TestServer.serving({ _, connection in connection.respond(status: 200) }) { server in
            let failure = await #expect(throws: HTTPError.self) {
                try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/",
                                                        body: .base64Files(segments: segments, paths: paths)))
            }
            #expect(failure?.kind == .file)
            #expect(failure?.message.contains(paths[1]) == true)
            #expect(server.requests.isEmpty)
        }
    }

    @Test func aFileThatGrowsAfterTheLengthWasAnnouncedStopsTheUpload() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (segments, paths, _) = try Self.files(2, in: directory)
        let reader = try Base64FileReader(segments: segments, paths: paths, url: "http://127.0.0.1/")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[0]))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([1, 2, 3]))
        try handle.close()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let failure = #expect(throws: HTTPError.self) {
            while try buffer.withUnsafeMutableBytes({ try reader.read(into: $0) }) > 0 {}
        }
        #expect(failure?.message.contains("\(paths[0]) changed while it was being sent") == true)
    }

    @Test func theDescriptionNamesEachFileAndNeverItsBytes() {
        let body = HTTPBody.base64Files(segments: [Data("{\"a\":\"".utf8), Data("\",\"b\":\"".utf8), Data("\"}".utf8)],
                                        paths: ["/vault/hero.png", "/vault/villain.png"])
        #expect(body.description == "6 bytes + base64(/vault/hero.png) + 7 bytes + base64(/vault/villain.png) + 2 bytes")
    }
}
