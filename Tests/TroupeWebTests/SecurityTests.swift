import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TroupeWeb

@Suite struct SecurityTests {
    @Test func aHostHeaderNamingAnotherServerGets403() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            for host in ["evil.example:8790", "evil.example", "127.0.0.1.evil.example:8790"] {
                for path in ["/", "/api/videos", "/files/" + String(repeating: "a", count: 64)] {
                    let response = try await client.get(path, headers: [HTTPField.Name("Host")!: host])
                    #expect(response.status == .forbidden, "\(host) \(path)")
                    #expect(hasSecurityHeaders(response))
                    #expect(!response.text.contains("skateboards"))
                }
            }
            let own = try await client.get("/api/videos", headers: [HTTPField.Name("Host")!: "localhost"])
            #expect(own.status == .ok)
        }
    }

    @Test func onlyThisServersNamesAndPortAreAllowed() {
        let security = WebSecurity(host: "127.0.0.1", port: 8790)
        for host in ["127.0.0.1:8790", "localhost:8790", "LOCALHOST:8790", "[::1]:8790"] { #expect(security.allowsHost(host), "\(host)") }
        for host in ["evil.example:8790", "127.0.0.1:9999", "localhost", "[::1]", "127.0.0.2:8790", "localhost:8790x", ""] {
            #expect(!security.allowsHost(host), "\(host)")
        }
        let lan = WebSecurity(host: "192.168.1.20", port: 8790)
        #expect(lan.allowsHost("192.168.1.20:8790"))
        #expect(lan.accessToken != nil)
        #expect(!lan.allowsHost("evil.example:8790"))
        #expect(security.accessToken == nil)
        // On every interface, the browser names whichever address it used: the token guards it.
        let everywhere = WebSecurity(host: "0.0.0.0", port: 8790)
        #expect(everywhere.allowsHost("192.168.1.20:8790"))
        #expect(!everywhere.allowsHost("192.168.1.20:9999"))
        #expect(everywhere.accessToken != nil)
    }

    @Test func aPOSTWithoutTheCSRFTokenOrWithAWrongOneGets403() async throws {
        let home = try WebHome()
        try await home.test(home.app()) { client in
            let body: [String: Any] = ["prompt": "a cat on a skateboard"]
            let missing = try await client.post("/api/compile", body, useToken: false)
            #expect(missing.status == .forbidden)
            #expect((missing.object["error"] as? String)?.contains("X-CSRF-Token") == true)
            let wrong = try await client.post("/api/compile", body, csrf: String(repeating: "0", count: 64))
            #expect(wrong.status == .forbidden)
            let generate = try await client.post("/api/generate", body.merging(["confirm": true]) { $1 }, useToken: false)
            #expect(generate.status == .forbidden)
            #expect(try home.catalog.tasks().isEmpty)
            let right = try await client.post("/api/compile", body)
            #expect(right.status == .ok)
            #expect(right.object["ok"] as? Bool == true)
        }
    }

    @Test func aBodyOver64KiBGets413() async throws {
        let home = try WebHome()
        try await home.test(home.app()) { client in
            let big = try await client.post("/api/compile", ["prompt": String(repeating: "a", count: 65 * 1024)])
            #expect(big.status == .contentTooLarge)
            #expect(hasSecurityHeaders(big))
            let fits = try await client.post("/api/compile", ["prompt": String(repeating: "a ", count: 1000)])
            #expect(fits.status == .ok)
        }
    }

    @Test func aNonLoopbackHostNeedsTheTokenInTheURLOrItsCookie() async throws {
        let home = try WebHome()
        try home.seed()
        let app = home.app(host: "0.0.0.0")
        let token = try #require(app.security.accessToken)
        try await home.test(app) { client in
            let without = try await client.get("/api/videos")
            #expect(without.status == .forbidden)
            #expect(!without.text.contains("skateboards"))
            let wrong = try await client.get("/?troupe_token=" + String(repeating: "f", count: 64))
            #expect(wrong.status == .forbidden)
            let first = try await client.get("/?troupe_token=" + token)
            #expect(first.status == .ok)
            let cookie = try #require(first.headers[.setCookie])
            #expect(cookie.hasPrefix("troupe_token=\(token);") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let later = try await client.get("/api/videos", headers: [.cookie: "other=1; troupe_token=\(token)"])
            #expect(later.status == .ok)
        }
    }

    @Test func theAPIKeyNeverReachesAnAnswer() async throws {
        let home = try WebHome()
        try home.seed()
        let secret = "sk-live-web-secret-0123456789"
        _ = try home.catalog.addProvider(name: "keyed", kind: .grsai, baseURL: "http://127.0.0.1:9", keyEnv: "TROUPE_WEB_TEST_KEY")
        try home.catalog.useProvider(named: "keyed")
        try await home.test(home.app(environment: ["TROUPE_WEB_TEST_KEY": secret])) { client in
            var answers: [WebResponse] = []
            for path in ["/", "/compose", "/videos", "/tasks", "/api/providers", "/api/models?provider=keyed", "/api/videos", "/api/openapi.json"] {
                answers.append(try await client.get(path))
            }
            answers.append(try await client.post("/api/compile", ["prompt": "a cat in the rain"]))
            answers.append(try await client.post("/api/generate", ["prompt": "a cat in the rain"]))
            #expect(answers.allSatisfy { $0.status == .ok })
            #expect(answers.last?.object["confirm_needed"] as? Bool == true)
            for answer in answers {
                #expect(!answer.text.contains(secret))
                #expect(!answer.headers.contains { $0.value.contains(secret) })
            }
            let providers = try await client.get("/api/providers").json as? [[String: Any]] ?? []
            #expect(providers.contains { $0["key_env"] as? String == "TROUPE_WEB_TEST_KEY" })
        }
    }
}
