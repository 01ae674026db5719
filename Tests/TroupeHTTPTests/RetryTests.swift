import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct RetryTests {
    static let fast = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), budget: .seconds(10))

    @Test func getIsRetriedAfter429HonouringRetryAfter() async throws {
        let calls = Counter()
        try await TestServer.serving({ _, connection in
            if calls.increment() == 1 {
                connection.respond(status: 429, json: #"{"msg":"slow down"}"#, headers: [("Retry-After", "1")])
            } else {
                connection.respond(status: 200, json: #"{"ok":true}"#)
            }
        }) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await HTTPClient(retryPolicy: Self.fast).send(HTTPRequest(url: server.baseURL + "/v1/draw/result"))
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(clock.now - start >= .milliseconds(950))
            #expect(server.requests.count == 2)
        }
    }

    @Test func paidPostIsNotRetriedOn429Or5xx() async throws {
        try await TestServer.serving({ _, connection in
            connection.respond(status: 503, json: #"{"msg":"busy"}"#)
        }) { server in
            let response = try await HTTPClient(retryPolicy: Self.fast).send(
                HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/sora-video", body: .bytes(Data("{}".utf8))))
            #expect(response.status == 503)
            #expect(response.attempts == 1)
            #expect(server.requests.count == 1)
        }
    }

    @Test func postMarkedIdempotentIsRetried() async throws {
        let calls = Counter()
        try await TestServer.serving({ _, connection in
            connection.respond(status: calls.increment() < 3 ? 502 : 200)
        }) { server in
            let response = try await HTTPClient(retryPolicy: Self.fast).send(
                HTTPRequest(method: "POST", url: server.baseURL + "/v1/draw/result", body: .bytes(Data(#"{"id":"t"}"#.utf8)), idempotent: true))
            #expect(response.status == 200)
            #expect(response.attempts == 3)
        }
    }

    @Test func getIsRetriedAfterAConnectionReset() async throws {
        let calls = Counter()
        try await TestServer.serving({ _, connection in
            if calls.increment() == 1 { connection.reset() } else { connection.respond(status: 200, json: "{}") }
        }) { server in
            let response = try await HTTPClient(retryPolicy: Self.fast).send(HTTPRequest(url: server.baseURL + "/"))
            #expect(response.status == 200)
            #expect(response.attempts == 2)
        }
    }

    @Test func postIsNotRetriedAfterAResetAndSaysItMayHaveBeenSent() async throws {
        try await TestServer.serving({ _, connection in connection.reset() }) { server in
            do {
                _ = try await HTTPClient(retryPolicy: Self.fast).send(
                    HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/sora-video", body: .bytes(Data("{}".utf8))))
                Issue.record("expected a failure")
            } catch let error as HTTPError {
                #expect(error.kind == .connection)
                #expect(error.requestMayHaveBeenSent)
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func aPaidPostIsSentOnceEvenWhenAKeptAliveConnectionDiesUnderIt() async throws {
        // libcurl re-sends a request by itself when a reused connection dies before any answer;
        // a non-idempotent request must never ride a reused connection.
        try await TestServer.serving({ request, connection in
            if request.target == "/warm" { connection.respond(status: 200, json: "{}") } else { connection.reset() }
        }) { server in
            let client = HTTPClient(retryPolicy: Self.fast)
            #expect(try await client.send(HTTPRequest(url: server.baseURL + "/warm")).status == 200)
            do {
                _ = try await client.send(HTTPRequest(method: "POST", url: server.baseURL + "/v1/video/sora-video", body: .bytes(Data("{}".utf8))))
                Issue.record("expected a failure")
            } catch let error as HTTPError {
                #expect(error.requestMayHaveBeenSent)
            }
            #expect(server.requests.filter { $0.target == "/v1/video/sora-video" }.count == 1)
        }
    }

    @Test func retriesStopAtMaxAttemptsAndReturnTheLastResponse() async throws {
        try await TestServer.serving({ _, connection in connection.respond(status: 500) }) { server in
            let response = try await HTTPClient(retryPolicy: Self.fast).send(HTTPRequest(url: server.baseURL + "/"))
            #expect(response.status == 500)
            #expect(response.attempts == 4)
            #expect(server.requests.count == 4)
        }
    }

    @Test func retryAfterBeyondTheBudgetIsNotWaitedFor() async throws {
        try await TestServer.serving({ _, connection in
            connection.respond(status: 429, headers: [("Retry-After", "3600")])
        }) { server in
            let response = try await HTTPClient(retryPolicy: Self.fast).send(HTTPRequest(url: server.baseURL + "/"))
            #expect(response.status == 429)
            #expect(response.head.retryAfter() == .seconds(3600))
            #expect(server.requests.count == 1)
        }
    }

    @Test func backoffIsJitteredExponentialAndCapped() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for attempt in 1...6 {
            let full = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            let delay = policy.backoff(afterAttempt: attempt)
            #expect(delay >= full / 2 && delay <= full)
        }
    }

    @Test func retryAfterAcceptsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let later = "Tue, 14 Nov 2023 22:14:20 GMT"  // 1_700_000_060
        let head = HTTPResponseHead(status: 429, headers: [HTTPHeader("Retry-After", later)])
        #expect(head.retryAfter(now: now) == .seconds(60))
    }
}
