import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct StreamTests {
    @Test func deliversBytesAsTheyArriveOneByteChunkAtATime() async throws {
        let payload = Data(StreamFrameSplitterTests.quirky.utf8)
        try await TestServer.serving({ _, connection in
            connection.startChunked()
            for byte in payload { connection.writeChunk(Data([byte])) }
            connection.endChunked()
        }) { server in
            let response = try await HTTPClient().stream(
                HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/sora-video", bearerToken: "test-key", body: .bytes(Data("{}".utf8))))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/event-stream")
            var frames: [Data] = []
            for try await frame in response.frames { frames.append(frame) }
            #expect(try StreamFrameSplitterTests.progress(frames) == StreamFrameSplitterTests.expectedProgress)
        }
    }

    @Test func sameFramesWhenTheStreamIsCutAtEveryByteBoundary() async throws {
        let payload = Data(#"data: {"id":"t","progress":50}data: {"code":-22,"msg":"gone"}"#.utf8) + Data("\ndata: [DONE]\n".utf8)
        try await TestServer.serving({ request, connection in
            let cut = Int(request.target.dropFirst())!
            connection.startChunked()
            connection.writeChunk(payload.prefix(cut))
            usleep(2000)
            connection.writeChunk(payload.dropFirst(cut))
            connection.endChunked()
        }) { server in
            let client = HTTPClient()
            try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                for cut in 1..<payload.count {
                    group.addTask {
                        let response = try await client.stream(HTTPRequest(url: server.baseURL + "/\(cut)"))
                        var frames: [String] = []
                        for try await frame in response.frames { frames.append(String(decoding: frame, as: UTF8.self)) }
                        return (cut, frames)
                    }
                }
                for try await (cut, frames) in group {
                    #expect(frames == [#"{"id":"t","progress":50}"#, #"{"code":-22,"msg":"gone"}"#], "cut at \(cut)")
                }
            }
        }
    }

    @Test func headArrivesBeforeTheBodyEnds() async throws {
        let gate = Gate()
        try await TestServer.serving({ _, connection in
            connection.startChunked()
            connection.writeChunk(Data(#"data: {"progress":1}"#.utf8))
            gate.wait()
            connection.writeChunk(Data(#"data: {"progress":2}"#.utf8))
            connection.endChunked()
        }) { server in
            let response = try await HTTPClient().stream(HTTPRequest(url: server.baseURL + "/"))
            var iterator = response.frames.makeAsyncIterator()
            let first = try await iterator.next()
            #expect(first.map { String(decoding: $0, as: UTF8.self) } == #"{"progress":1}"#)
            gate.open()
            let second = try await iterator.next()
            #expect(second.map { String(decoding: $0, as: UTF8.self) } == #"{"progress":2}"#)
            #expect(try await iterator.next() == nil)
        }
    }

    @Test func abandoningTheStreamCancelsTheTransfer() async throws {
        let gate = Gate()
        try await TestServer.serving({ _, connection in
            connection.startChunked()
            connection.writeChunk(Data(#"data: {"progress":1}"#.utf8))
            // Keep writing until the client goes away.
            while connection.writeChunk(Data(" ".utf8)) { usleep(10_000) }
            gate.open()
        }) { server in
            let client = HTTPClient()
            do {
                let response = try await client.stream(HTTPRequest(url: server.baseURL + "/"))
                for try await _ in response.frames { break }
            }
            #expect(gate.wait(timeout: 5), "server should see the connection closed")
        }
    }
}

/// A one-shot signal between a test and its server thread.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    @discardableResult
    func wait(timeout: TimeInterval = 10) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !isOpen {
            if !condition.wait(until: deadline) { return isOpen }
        }
        return true
    }
}
