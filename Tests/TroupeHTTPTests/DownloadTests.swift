import Crypto
import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct DownloadTests {
    static let content = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
    static var sha: String { SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined() }

    /// Serves `content`, honouring `Range: bytes=N-` with a 206.
    static func serveRanges(_ request: ReceivedRequest, _ connection: TestConnection, content: Data = content) {
        if let range = request.header("Range"), range.hasPrefix("bytes="), let first = Int(range.dropFirst(6).dropLast()) {
            connection.respond(status: 206, headers: [("Content-Range", "bytes \(first)-\(content.count - 1)/\(content.count)")],
                               body: content.dropFirst(first))
        } else {
            connection.respond(status: 200, headers: [("Content-Type", "video/mp4")], body: content)
        }
    }

    @Test func downloadsToFileWithSHA256AndMovesItIntoPlace() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ request, connection in Self.serveRanges(request, connection) }) { server in
            let destination = directory.appendingPathComponent("video.mp4").path
            let result = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination, expectedSHA256: Self.sha)
            #expect(result.sha256 == Self.sha)
            #expect(result.bytes == Int64(Self.content.count))
            #expect(result.resumes == 0)
            #expect(FileManager.default.contents(atPath: destination) == Self.content)
            #expect(!FileManager.default.fileExists(atPath: destination + ".part"))
        }
    }

    @Test func resumesWithRangeAfterTheServerDropsTheConnection() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let drops = Counter()
        try await TestServer.serving({ request, connection in
            if request.header("Range") == nil || drops.value < 2 {
                // Announce everything, send a part, drop the connection.
                let first = request.header("Range").flatMap { Int($0.dropFirst(6).dropLast()) } ?? 0
                let status = first == 0 ? "200 OK" : "206 Partial Content"
                var head = "HTTP/1.1 \(status)\r\nContent-Length: \(Self.content.count - first)\r\n"
                if first > 0 { head += "Content-Range: bytes \(first)-\(Self.content.count - 1)/\(Self.content.count)\r\n" }
                connection.write(head + "\r\n")
                connection.write(Self.content[first..<(first + 70_000)])
                drops.increment()
                connection.reset()
            } else {
                Self.serveRanges(request, connection)
            }
        }) { server in
            let destination = directory.appendingPathComponent("video.mp4").path
            let client = HTTPClient(retryPolicy: RetryPolicy(baseDelay: .milliseconds(10)))
            let result = try await client.download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            #expect(result.sha256 == Self.sha)
            #expect(result.resumes == 2)
            #expect(FileManager.default.contents(atPath: destination) == Self.content)
            let ranges = server.requests.map { $0.header("Range") }
            #expect(ranges == [nil, "bytes=70000-", "bytes=140000-"])
        }
    }

    @Test func resumesAPartialFileLeftByAnEarlierRun() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("video.mp4").path
        try Self.content.prefix(123_456).write(to: URL(fileURLWithPath: destination + ".part"))
        try await TestServer.serving({ request, connection in Self.serveRanges(request, connection) }) { server in
            let result = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            #expect(result.sha256 == Self.sha)
            #expect(server.requests.first?.header("Range") == "bytes=123456-")
            #expect(FileManager.default.contents(atPath: destination) == Self.content)
        }
    }

    @Test func serverIgnoringRangeRestartsFromZero() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("video.mp4").path
        try Data(repeating: 0, count: 5000).write(to: URL(fileURLWithPath: destination + ".part"))
        try await TestServer.serving({ _, connection in connection.respond(status: 200, body: Self.content) }) { server in
            let result = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
            #expect(result.sha256 == Self.sha)
            #expect(FileManager.default.contents(atPath: destination) == Self.content)
        }
    }

    @Test func wrongChecksumLeavesNoFile() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ request, connection in Self.serveRanges(request, connection) }) { server in
            let destination = directory.appendingPathComponent("video.mp4").path
            do {
                _ = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination,
                                                    expectedSHA256: String(repeating: "0", count: 64))
                Issue.record("expected a checksum failure")
            } catch let error as HTTPError {
                #expect(error.kind == .checksumMismatch)
                #expect(error.message.contains(Self.sha))
            }
            #expect(!FileManager.default.fileExists(atPath: destination))
            #expect(!FileManager.default.fileExists(atPath: destination + ".part"))
        }
    }

    @Test func fileChangingSizeBetweenAttemptsIsRefused() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ request, connection in
            if request.header("Range") == nil {
                connection.write("HTTP/1.1 200 OK\r\nContent-Length: \(Self.content.count)\r\n\r\n")
                connection.write(Self.content.prefix(1000))
                connection.reset()
            } else {
                Self.serveRanges(request, connection, content: Self.content + Data("more".utf8))
            }
        }) { server in
            let destination = directory.appendingPathComponent("video.mp4").path
            let client = HTTPClient(retryPolicy: RetryPolicy(baseDelay: .milliseconds(10)))
            do {
                _ = try await client.download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
                Issue.record("expected a size failure")
            } catch let error as HTTPError {
                #expect(error.kind == .sizeMismatch)
            }
            #expect(!FileManager.default.fileExists(atPath: destination))
        }
    }

    @Test func errorStatusIsThrownAndNothingIsWritten() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ _, connection in connection.respond(status: 404, body: Data("not found".utf8)) }) { server in
            let destination = directory.appendingPathComponent("video.mp4").path
            do {
                _ = try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/x.mp4"), to: destination)
                Issue.record("expected a status failure")
            } catch let error as HTTPError {
                #expect(error.kind == .status)
                #expect(error.status == 404)
            }
            #expect(!FileManager.default.fileExists(atPath: destination))
            #expect(server.requests.count == 1)
        }
    }
}

/// A thread-safe counter for server handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    @discardableResult
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}

@Suite struct HexadecimalTests {
    @Test func bytesAreWrittenAsTwoLowercaseDigitsEach() {
        #expect([UInt8]().hexadecimal == "")
        #expect([0x00, 0x0f, 0xa0, 0xff].hexadecimal == "000fa0ff")
        let all = (0...255).map(UInt8.init)
        #expect(all.hexadecimal == all.map { String(format: "%02x", $0) }.joined())
    }
}
