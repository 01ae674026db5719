import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct SafetyTests {
    @Test func redirectToFileSchemeIsRefused() async throws {
        try await TestServer.serving({ _, connection in
            connection.respond(status: 302, headers: [("Location", "file:///etc/passwd")])
        }) { server in
            do {
                _ = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/video.mp4"))
                Issue.record("expected a refused redirect")
            } catch let error as HTTPError {
                #expect(error.kind == .redirect)
                #expect(!error.message.contains("root:"))
            }
        }
    }

    @Test func redirectToFileSchemeIsRefusedForDownloads() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.serving({ _, connection in
            connection.respond(status: 301, headers: [("Location", "file:///etc/hostname")])
        }) { server in
            let destination = directory.appendingPathComponent("x").path
            await #expect(throws: HTTPError.self) {
                try await HTTPClient().download(HTTPRequest(url: server.baseURL + "/"), to: destination)
            }
            #expect(!FileManager.default.fileExists(atPath: destination))
        }
    }

    @Test func httpRedirectsAreFollowedUpToTheLimit() async throws {
        try await TestServer.serving({ request, connection in
            let step = Int(request.target.dropFirst()) ?? 0
            if step < 3 {
                connection.respond(status: 302, headers: [("Location", "/\(step + 1)")])
            } else {
                connection.respond(status: 200, body: Data("arrived".utf8))
            }
        }) { server in
            let response = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/0"))
            #expect(String(decoding: response.body, as: UTF8.self) == "arrived")
            do {
                _ = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/0", maxRedirects: 2))
                Issue.record("expected too many redirects")
            } catch let error as HTTPError {
                #expect(error.kind == .redirect)
            }
        }
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "not a url"])
    func onlyHTTPAndHTTPSAreFetched(url: String) async throws {
        do {
            _ = try await HTTPClient().send(HTTPRequest(url: url))
            Issue.record("expected a refusal")
        } catch let error as HTTPError {
            #expect(error.kind == .badURL)
            #expect(!error.requestMayHaveBeenSent)
        }
    }

    @Test func descriptionsNeverShowCredentials() throws {
        let request = HTTPRequest(
            method: "POST", url: "https://user:hunter2@grsaiapi.com/v1/video/sora-video?api_key=sk-secret&page=2",
            headers: [HTTPHeader("X-Api-Key", "sk-header"), HTTPHeader("Accept", "application/json")],
            bearerToken: "sk-bearer", body: .bytes(Data(#"{"prompt":"sk-body"}"#.utf8)))
        for text in [request.description, request.debugDescription, String(describing: request), String(reflecting: request)] {
            for secret in ["hunter2", "sk-secret", "sk-header", "sk-bearer", "sk-body"] {
                #expect(!text.contains(secret), "\(secret) leaked in \(text)")
            }
            #expect(text.contains("grsaiapi.com/v1/video/sora-video"))
        }
        #expect(request.debugDescription.contains("Authorization: <redacted>"))
        #expect(request.debugDescription.contains("page=2"))
    }

    @Test func errorsCarryTheURLWithoutCredentials() async throws {
        let closed = try ClosedPort()
        let url = "http://user:hunter2@127.0.0.1:\(closed.port)/x?token=sk-secret"
        do {
            _ = try await HTTPClient(retryPolicy: .none).send(HTTPRequest(url: url, bearerToken: "sk-bearer"))
            Issue.record("expected a failure")
        } catch let error as HTTPError {
            let text = "\(error) \(String(reflecting: error))"
            for secret in ["hunter2", "sk-secret", "sk-bearer"] { #expect(!text.contains(secret)) }
            #expect(error.url.contains("127.0.0.1:\(closed.port)/x"))
        }
    }

    @Test func bearerTokenReachesTheServerOnlyAsAHeader() async throws {
        try await TestServer.serving({ _, connection in connection.respond(status: 200) }) { server in
            _ = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/", bearerToken: "test-key"))
            let received = try #require(server.requests.first)
            #expect(received.header("Authorization") == "Bearer test-key")
            #expect(!received.target.contains("test-key"))
        }
    }
}
