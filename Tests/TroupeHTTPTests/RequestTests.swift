import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct RequestTests {
    struct Greeting: Codable, Equatable { var model: String; var prompt: String }

    @Test func postsJSONWithBearerAuthAndReadsStatusHeadersBody() async throws {
        try await TestServer.serving({ request, connection in
            connection.respond(
                status: 201, json: #"{"echo":\#(String(decoding: request.body, as: UTF8.self))}"#,
                headers: [("X-Request-Id", "abc123")])
        }) { server in
            let client = HTTPClient()
            let request = try HTTPRequest.json(url: server.baseURL + "/v1/video/sora-video",
                                               Greeting(model: "sora-2", prompt: "a cat"), bearerToken: "test-key")
            let response = try await client.send(request)

            #expect(response.status == 201)
            #expect(response.header("x-request-id") == "abc123")
            #expect(response.header("Content-Type") == "application/json")
            struct Echo: Decodable { var echo: Greeting }
            #expect(try response.decode(Echo.self).echo == Greeting(model: "sora-2", prompt: "a cat"))

            let received = try #require(server.requests.first)
            #expect(received.method == "POST")
            #expect(received.target == "/v1/video/sora-video")
            #expect(received.header("Authorization") == "Bearer test-key")
            #expect(received.header("Content-Type") == "application/json")
            #expect(try JSONDecoder().decode(Greeting.self, from: received.body) == Greeting(model: "sora-2", prompt: "a cat"))
        }
    }

    @Test(arguments: ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"])
    func sendsAnyMethod(method: String) async throws {
        try await TestServer.serving({ request, connection in
            connection.respond(status: 200, body: Data("\(request.method) \(request.body.count)".utf8))
        }) { server in
            let client = HTTPClient()
            let body: HTTPBody = method == "GET" ? .empty : .bytes(Data("{}".utf8))
            let response = try await client.send(HTTPRequest(method: method, url: server.baseURL + "/thing", body: body))
            let expected = method == "GET" ? "GET 0" : "\(method) 2"
            #expect(String(decoding: response.body, as: UTF8.self) == expected)
        }
    }

    @Test func headRequestReturnsHeadersWithoutBody() async throws {
        try await TestServer.serving({ _, connection in
            connection.write("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nX-Kind: head\r\n\r\n")
        }) { server in
            let response = try await HTTPClient().send(HTTPRequest(method: "HEAD", url: server.baseURL + "/"))
            #expect(response.status == 200)
            #expect(response.header("X-Kind") == "head")
            #expect(response.body.isEmpty)
        }
    }

    @Test func nonSuccessStatusIsReturnedNotThrown() async throws {
        try await TestServer.serving({ _, connection in
            connection.respond(status: 401, json: #"{"code":-1,"msg":"bad key"}"#)
        }) { server in
            let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: server.baseURL + "/", body: .bytes(Data("{}".utf8))))
            #expect(response.status == 401)
            #expect(response.attempts == 1)
            #expect(String(decoding: response.body, as: UTF8.self).contains("bad key"))
        }
    }

    @Test func oversizedBodyFails() async throws {
        try await TestServer.serving({ _, connection in
            connection.respond(status: 200, body: Data(repeating: 65, count: 10_000))
        }) { server in
            let request = HTTPRequest(url: server.baseURL + "/", maxResponseBytes: 1000)
            await #expect(throws: HTTPError.self) { try await HTTPClient(retryPolicy: .none).send(request) }
            do {
                _ = try await HTTPClient(retryPolicy: .none).send(request)
            } catch let error as HTTPError {
                #expect(error.kind == .tooLarge)
            }
        }
    }

    @Test func unreachableServerIsAConnectErrorThatWasNotSent() async throws {
        let closed = try ClosedPort()
        let url = "http://127.0.0.1:\(closed.port)/"
        do {
            _ = try await HTTPClient(retryPolicy: .none).send(HTTPRequest(method: "POST", url: url))
            Issue.record("expected a failure")
        } catch let error as HTTPError {
            #expect(error.kind == .connect)
            #expect(!error.requestMayHaveBeenSent)
        }
    }

    @Test func defaultIdempotenceFollowsTheMethod() {
        #expect(HTTPRequest(method: "GET", url: "http://h/").idempotent)
        #expect(HTTPRequest(method: "put", url: "http://h/").idempotent)
        #expect(!HTTPRequest(method: "POST", url: "http://h/").idempotent)
        #expect(HTTPRequest(method: "POST", url: "http://h/", idempotent: true).idempotent)
    }
}
