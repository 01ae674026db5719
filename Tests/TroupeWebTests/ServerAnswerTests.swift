import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeStudio
@testable import TroupeWeb

/// The review's server items: HEAD, prices as text, the model in task reports, what a resume
/// will do, video#ID lineage and the addresses a wildcard host prints.
@Suite struct ServerAnswerTests {
    @Test func headAnswersEveryGetRouteWithItsHeadersAndNoBody() async throws {
        let home = try WebHome()
        try home.seed()
        let sha = try #require(try home.catalog.resolveVideo("s_68f1a2").assetSha256)
        try await home.test(home.app()) { client in
            for path in ["/", "/videos", "/videos/s_68f1a2", "/lineage/@hero", "/tasks", "/assets/app.css", "/api/videos",
                         "/api/tasks", "/api/openapi.json", "/files/" + sha] {
                let get = try await client.get(path)
                let head = try await client.send(.head, path)
                #expect(head.status == .ok, "\(path)")
                #expect(head.data.isEmpty, "\(path)")
                #expect(head.contentType == get.contentType, "\(path)")
                #expect(head.headers[.contentLength] == String(get.data.count), "\(path)")
                #expect(hasSecurityHeaders(head), "\(path)")
            }
            let part = try await client.send(.head, "/files/" + sha, headers: [.range: "bytes=0-3"])
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentLength] == "4")
            #expect(part.data.isEmpty)
            let missing = try await client.send(.head, "/videos/s_99ff")
            #expect(missing.status == .notFound)
            #expect(missing.data.isEmpty)
        }
    }

    @Test func pricesAreTextWithTheCurrencysMinorUnit() async throws {
        let home = try WebHome()
        try home.seed()
        let prepared = try home.studio.prepareGeneration(GenerateOptions(prompt: .text("@hero waves")))
        let expected = Currency.text(prepared.price.amount, prepared.price.currency)
        #expect(expected.split(separator: ".").last?.count == 2)
        try await home.test(home.app()) { client in
            let compiled = try await client.post("/api/compile", ["prompt": "@hero waves"])
            #expect(compiled.object["price"] as? String == expected, "\(compiled.text)")
            let asked = try await client.post("/api/generate", ["prompt": "@hero waves"])
            #expect(asked.object["price"] as? String == expected, "\(asked.text)")
            #expect(asked.object["currency"] as? String == prepared.price.currency)
        }
    }

    @Test func taskReportsCarryTheirVideosModel() async throws {
        let home = try WebHome()
        var video = Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: "a fox")
        video.model = "veo3-fast"
        let veo = try home.catalog.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "{}"), producing: .video(video, features: []))
        let sora = try home.catalog.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "{}"),
                                               producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: "a cat"), features: []))
        let veoId = try #require(veo.task.id)
        let soraId = try #require(sora.task.id)
        let reports = try home.catalog.taskReports()
        #expect(reports.map(\.id) == [soraId, veoId])
        #expect(reports.map(\.model) == [nil, "veo3-fast"])
        try await home.test(home.app()) { client in
            let list = try await client.get("/api/tasks").json as? [[String: Any]] ?? []
            #expect(list.first { $0["id"] as? Int == Int(veoId) }?["model"] as? String == "veo3-fast")
            let open = try await client.get("/api/tasks?open=true").json as? [[String: Any]] ?? []
            #expect(open.first { $0["id"] as? Int == Int(veoId) }?["model"] as? String == "veo3-fast")
            let one = try await client.get("/api/tasks/\(veoId)").object
            #expect(one["model"] as? String == "veo3-fast")
        }
    }

    @Test func resumeAsksWithoutAPriceAndNamesEveryOpenTask() async throws {
        let home = try WebHome()
        func open(_ prompt: String) throws -> Int64 {
            var entry = try home.catalog.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "{}"),
                                                    producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: prompt), features: []))
            entry.task.state = .submitted
            entry.task.remoteId = "remote-" + prompt
            return try #require(try home.catalog.saveNow(entry).task.id)
        }
        let first = try open("one")
        let second = try open("two")
        try await home.test(home.app()) { client in
            let asked = try await client.post("/api/tasks/\(first)/resume", [:])
            #expect(asked.status == .ok)
            #expect(asked.object["confirm_needed"] as? Bool == true)
            #expect(asked.object["charges"] as? Bool == false)
            #expect(asked.object["price"] == nil)
            #expect(asked.object["open_tasks"] as? [Int] == [Int(first), Int(second)])
            #expect((asked.object["request"] as? String)?.contains("every open task") == true)
            #expect((asked.object["request"] as? String)?.contains("nothing is charged") == true)
            let findAll = try await client.post("/api/reconcile", [:])
            #expect(findAll.object["charges"] as? Bool == false)
            #expect(findAll.object["price"] == nil)
        }
        #expect(try home.catalog.tasks().allSatisfy { $0.state == .submitted })
    }

    @Test func aVideoWithoutAPidIsNamedByItsLocalIdInTheLineageAPI() async throws {
        let home = try WebHome()
        try home.seed()
        let veo = try home.video(nil, prompt: "a fox in the snow")
        let id = try #require(veo.id)
        try await home.test(home.app()) { client in
            let graph = try await client.get("/api/lineage/video%23\(id)")
            #expect(graph.status == .ok, "\(graph.text)")
            #expect(graph.object["root"] as? String == "video#\(id)")
            let missing = try await client.get("/lineage/video%2399")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("no video #99"))
        }
    }

    @Test func aWildcardHostPrintsAddressesABrowserCanOpen() {
        for host in ["0.0.0.0", "::"] {
            let security = WebSecurity(host: host, accessToken: "t0k")
            let urls = WebServer.urls(host: host, port: 8790, security: security)
            #expect(urls.last == "http://127.0.0.1:8790/?troupe_token=t0k", "\(host)")
            for url in urls {
                #expect(!url.contains("0.0.0.0") && !url.contains("[::]"), "\(url)")
                #expect(url.hasSuffix(":8790/?troupe_token=t0k"), "\(url)")
                #expect(URL(string: url)?.host != nil, "\(url)")
            }
            #expect(WebServer.url(host: host, port: 8790, security: security) == urls[0])
        }
        #expect(WebServer.urls(host: "127.0.0.1", port: 8790, security: WebSecurity(host: "127.0.0.1")) == ["http://127.0.0.1:8790/"])
    }
}
