import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct TimeoutTests {
    /// Sends the head and a few bytes, then nothing until the client leaves.
    static func withStallingServer(_ body: (TestServer) async throws -> Void) async throws {
        try await TestServer.serving({ _, connection in
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\nabc")
            var probe = [UInt8](repeating: 0, count: 1)
            _ = recv(connection.fd, &probe, 1, 0)  // returns when the client closes
            connection.close()
        }, body)
    }

    @Test func stalledTransferIsAbortedByTheLowSpeedLimit() async throws {
        try await Self.withStallingServer { server in
            let request = HTTPRequest(url: server.baseURL + "/", timeouts: HTTPTimeouts(lowSpeedBytesPerSecond: 10, lowSpeedWindow: .seconds(1)))
            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try await HTTPClient(retryPolicy: .none).send(request)
                Issue.record("expected a timeout")
            } catch let error as HTTPError {
                #expect(error.kind == .timeout)
                #expect(error.isTransient)
            }
            // The server never finishes: only the low-speed limit can end this. Generous bound: CI machines are loaded.
            #expect(clock.now - start < .seconds(30))
        }
    }

    @Test func wholeRequestTimeout() async throws {
        try await Self.withStallingServer { server in
            let request = HTTPRequest(url: server.baseURL + "/", timeouts: HTTPTimeouts(total: .milliseconds(300), lowSpeedWindow: nil))
            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try await HTTPClient(retryPolicy: .none).send(request)
                Issue.record("expected a timeout")
            } catch let error as HTTPError {
                #expect(error.kind == .timeout)
            }
            let elapsed = clock.now - start
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(30))
        }
    }

    @Test func cancellingTheTaskRemovesTheTransfer() async throws {
        try await Self.withStallingServer { server in
            let client = HTTPClient()
            let task = Task { try await client.send(HTTPRequest(url: server.baseURL + "/")) }
            try await Task.sleep(for: .milliseconds(200))
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(clock.now - start < .seconds(15))
        }
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        try await TestServer.serving({ _, connection in connection.respond(status: 200) }) { server in
            let client = HTTPClient()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.send(HTTPRequest(url: server.baseURL + "/"))
            }
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }
}
