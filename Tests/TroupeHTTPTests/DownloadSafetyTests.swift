import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct DownloadSafetyTests {
    @Test(arguments: [301, 302, 303, 307, 308])
    func aPaidPostNeverFollowsARedirect(status: Int) async throws {
        try await TestServer.serving({ request, connection in
            if request.target == "/v1/video/sora-video" {
                connection.respond(status: status, headers: [("Location", "/elsewhere")])
            } else {
                connection.respond(status: 200, json: #"{"code":0,"data":{"id":"paid-twice"}}"#)
            }
        }) { server in
            let request = HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/sora-video", bearerToken: "test-key",
                                      body: .bytes(Data(#"{"prompt":"a cat"}"#.utf8)))
            let response = try await HTTPClient().send(request)
            #expect(response.status == status)
            #expect(server.requests.map(\.target) == ["/v1/video/sora-video"], "the call went to the redirect's target too")
            let streamed = try await HTTPClient().stream(request)
            for try await _ in streamed.body {}
            #expect(streamed.status == status)
            #expect(server.requests.map(\.target) == ["/v1/video/sora-video", "/v1/video/sora-video"])
        }
    }

    @Test func aSecondDownloadToTheSamePartialFileIsRefused() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let release = DispatchSemaphore(value: 0)
        try await TestServer.serving({ _, connection in
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(DownloadTests.content.count)\r\n\r\n")
            connection.write(DownloadTests.content.prefix(1000))
            release.wait()
            connection.write(DownloadTests.content.dropFirst(1000))
        }) { server in
            let destination = directory.appendingPathComponent("task-1").path
            let first = Task { try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination) }
            while (try? FileManager.default.attributesOfItem(atPath: destination + ".part")[.size] as? Int) != 1000 {
                try await Task.sleep(for: .milliseconds(10))
            }
            await #expect {
                _ = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            } throws: { error in
                (error as? HTTPError)?.kind == .busy && "\(error)".contains("another process is downloading")
            }
            release.signal()
            let result = try await first.value
            #expect(result.sha256 == DownloadTests.sha)
            #expect(server.requests.count == 1)
        }
    }

    @Test func aFileRefusedForGoodLeavesNoPartialFile() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ request, connection in
            if request.header("Range") == nil {
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(DownloadTests.content.count)\r\n\r\n")
                connection.write(DownloadTests.content.prefix(70_000))
                connection.reset()
            } else {
                connection.respond(status: 403, body: Data("expired".utf8))  // the signed URL expired meanwhile
            }
        }) { server in
            let destination = directory.appendingPathComponent("task-2").path
            let client = HTTPClient(retryPolicy: RetryPolicy(baseDelay: .milliseconds(10)))
            await #expect {
                _ = try await client.download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            } throws: { error in
                (error as? HTTPError)?.status == 403
            }
            #expect(!FileManager.default.fileExists(atPath: destination + ".part"))
            #expect(server.requests.map { $0.header("Range") } == [nil, "bytes=70000-"])
        }
    }

    @Test func aPartialFileThatIsNotABeginningIsStartedOver() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ request, connection in
            if let range = request.header("Range") {
                connection.respond(status: 416, headers: [("Content-Range", "bytes */\(DownloadTests.content.count)")], body: Data(range.utf8))
            } else {
                DownloadTests.serveRanges(request, connection)
            }
        }) { server in
            let destination = directory.appendingPathComponent("task-3").path
            // Longer than the file: left by a download of something else under the same name.
            try Data(count: DownloadTests.content.count + 10).write(to: URL(fileURLWithPath: destination + ".part"))
            let result = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            #expect(result.sha256 == DownloadTests.sha)
            #expect(FileManager.default.contents(atPath: destination) == DownloadTests.content)
        }
    }
}
