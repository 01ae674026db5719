import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TroupeWeb

@Suite struct RouterTests {
    @Test func everyPageIsHTMLWithTheSecurityHeaders() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            for path in ["/", "/characters/hero", "/videos", "/videos?search=skate&page=2", "/videos/s_68f1a2", "/videos/s_68f1",
                         "/lineage/s_68f1a2", "/lineage/@hero", "/compose", "/tasks", "/costs"] {
                let response = try await client.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.contentType == "text/html; charset=utf-8", "\(path)")
                #expect(hasSecurityHeaders(response), "\(path)")
            }
        }
    }

    @Test func assetsHaveTheirTypesAndALongCache() async throws {
        let home = try WebHome()
        try await home.test(home.app()) { client in
            let css = try await client.get("/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.contentType == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=86400")
            #expect(css.text == Assets.css)
            let js = try await client.get("/assets/app.js")
            #expect(js.status == .ok)
            #expect(js.contentType == "text/javascript; charset=utf-8")
            #expect(js.text == Assets.js)
            #expect(hasSecurityHeaders(js))
        }
    }

    @Test func whatIsNotThereIsA404PageOrJSONWithTheHeaders() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            let page = try await client.get("/videos/s_ffff")
            #expect(page.status == .notFound)
            #expect(page.contentType == "text/html; charset=utf-8")
            #expect(hasSecurityHeaders(page))
            let character = try await client.get("/characters/villain")
            #expect(character.status == .notFound)
            #expect(character.text.contains("no character @villain in the catalogue"))
            let nowhere = try await client.get("/nowhere")
            #expect(nowhere.status == .notFound)
            #expect(hasSecurityHeaders(nowhere))
            let api = try await client.get("/api/videos/s_ffff")
            #expect(api.status == .notFound)
            #expect(api.contentType == "application/json; charset=utf-8")
            #expect((api.object["error"] as? String)?.isEmpty == false)
            #expect(hasSecurityHeaders(api))
        }
    }

    @Test func everyAPIRouteAnswersJSON() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            for path in ["/api/videos", "/api/videos/s_68f1a2", "/api/characters", "/api/characters/hero", "/api/lineage/@hero",
                         "/api/lineage/s_77aa01?direction=up", "/api/tasks", "/api/tasks?open=true", "/api/costs", "/api/models?provider=sim",
                         "/api/providers", "/api/openapi.json"] {
                let response = try await client.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.contentType == "application/json; charset=utf-8", "\(path)")
                #expect(response.json != nil, "\(path)")
                #expect(hasSecurityHeaders(response), "\(path)")
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let home = try WebHome()
        try await home.test(home.app()) { client in
            let document = try await client.get("/api/openapi.json").object
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = Set((document["paths"] as? [String: Any] ?? [:]).keys)
            #expect(paths == ["/api/videos", "/api/videos/{pid}", "/api/characters", "/api/characters/{handle}", "/api/lineage/{subject}",
                              "/api/tasks", "/api/tasks/{id}", "/api/costs", "/api/models", "/api/providers", "/api/events", "/api/compile",
                              "/api/generate", "/api/videos/{pid}/remix", "/api/characters/extract", "/api/tasks/{id}/resume", "/api/reconcile"])
            let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            #expect(schemas["VideoReport"] != nil && schemas["TaskReport"] != nil)
        }
    }
}
