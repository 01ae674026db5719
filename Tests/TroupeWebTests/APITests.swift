import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
import TroupeStudio
@testable import TroupeWeb

@Suite struct APITests {
    @Test func videosAreTheCLIsJSONWithTheTotalAndOffset() async throws {
        let home = try WebHome()
        try home.seed()
        let all = try home.catalog.reports(for: home.catalog.videos(matching: VideoQuery()).videos, vaultPath: home.studio.home.vaultPath)
        let kept = try home.catalog.reports(for: home.catalog.videos(matching: VideoQuery(tag: try Tag("keeper"))).videos,
                                            vaultPath: home.studio.home.vaultPath)
        try await home.test(home.app()) { client in
            let list = try await client.get("/api/videos").object
            #expect((list["videos"] as? NSArray) == (try cliJSON(all) as? NSArray))
            #expect(list["total"] as? Int == 2)
            #expect(list["offset"] as? Int == 0)

            let tagged = try await client.get("/api/videos?tag=keeper").object
            #expect((tagged["videos"] as? NSArray) == (try cliJSON(kept) as? NSArray))
            let searched = try await client.get("/api/videos?search=night&character=@hero").object
            #expect((searched["videos"] as? [[String: Any]])?.map { $0["pid"] as? String } == ["s_77aa01"])
            let paged = try await client.get("/api/videos?limit=1&offset=1").object
            #expect((paged["videos"] as? [Any])?.count == 1)
            #expect(paged["total"] as? Int == 2)
            #expect(paged["offset"] as? Int == 1)

            let one = try await client.get("/api/videos/s_77aa").object as NSDictionary
            #expect(one == (try cliJSON(home.catalog.report(for: home.catalog.resolveVideo("s_77aa01"), vaultPath: home.studio.home.vaultPath)) as? NSDictionary))

            let bad = try await client.get("/api/videos?status=done")
            #expect(bad.status == .badRequest)
            #expect(bad.object["error"] as? String == "invalid status 'done': use one of \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            let badLimit = try await client.get("/api/videos?limit=0")
            #expect(badLimit.status == .badRequest)
        }
    }

    @Test func charactersLineageTasksCostsAndProvidersAreTheCLIsJSON() async throws {
        let home = try WebHome()
        try home.seed()
        let vault = home.studio.home.vaultPath
        try await home.test(home.app()) { client in
            let characters = try await client.get("/api/characters").json as? NSArray
            #expect(characters == (try cliJSON(home.catalog.reports(for: home.catalog.characters(tag: nil, status: nil), vaultPath: vault)) as? NSArray))
            let hero = try await client.get("/api/characters/hero").json as? NSDictionary
            #expect(hero == (try cliJSON(home.catalog.report(for: home.catalog.character(handle: Handle("hero")), vaultPath: vault)) as? NSDictionary))
            let lineage = try await client.get("/api/lineage/@hero").json as? NSDictionary
            let graph = try home.catalog.lineage(of: .character(try Handle("hero")))
            #expect(lineage == (try JSONSerialization.jsonObject(with: Data(graph.jsonText().utf8)) as? NSDictionary))
            #expect((lineage?["nodes"] as? [Any])?.count == 3)
            let providers = try await client.get("/api/providers").json as? NSArray
            #expect(providers == (try cliJSON(home.catalog.providerReports()) as? NSArray))
            let models = try await client.get("/api/models?provider=sim").json as? NSArray
            #expect(models == (try cliJSON(home.catalog.models(provider: "sim").map(ModelReport.init)) as? NSArray))
            let costs = try await client.get("/api/costs").object
            #expect((costs["lines"] as? [Any])?.isEmpty == true)
            let tasks = try await client.get("/api/tasks?open=true").json as? [Any]
            #expect(tasks?.isEmpty == true)
            let missing = try await client.get("/api/characters/villian")
            #expect(missing.status == .notFound)
        }
    }

    @Test func compileAnswersTheRequestAndPriceOrEveryProblemWithItsPlace() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            let good = try await client.post("/api/compile", ["prompt": "@hero in {{place}}", "vars": ["place": "Paris"]])
            #expect(good.status == .ok)
            #expect(good.object["ok"] as? Bool == true, "\(good.text)")
            #expect((good.object["request"] as? String)?.contains("in Paris") == true)
            #expect(good.object["price"] as? String != nil)
            #expect(good.object["currency"] as? String == "CNY")
            #expect((good.object["compiled"] as? [String: Any])?["referenced"] as? [String] == ["hero"])

            let prompt = "é @heor meets {{who}}"
            let bad = try await client.post("/api/compile", ["prompt": prompt])
            #expect(bad.status == .ok)
            #expect(bad.object["ok"] as? Bool == false)
            let problems = bad.object["problems"] as? [[String: Any]] ?? []
            let unknown = try #require(problems.first { $0["kind"] as? String == "unknownCharacter" })
            #expect(unknown["suggestions"] as? [String] == ["hero"])
            // UTF-8 byte offsets: "é " is three bytes.
            #expect(unknown["start"] as? Int == 3)
            #expect(unknown["end"] as? Int == 8)
            #expect(problems.contains { $0["kind"] as? String == "missingVariable" && $0["subject"] as? String == "who" })
        }
    }

    @Test func generateSendsNothingWithoutConfirmAndExactlyOneTaskWithIt() async throws {
        let server = try await SimulatorServer.start(SimulatorConfiguration(latency: 0.2, seed: 1))
        let home = try WebHome()
        do {
            try home.catalog.setBaseURL(server.baseURL, ofProvider: "sim")
            try home.catalog.useProvider(named: "sim")
            let app = home.app()
            try await home.test(app) { client in
                let asked = try await client.post("/api/generate", ["prompt": "a cat on a skateboard"])
                #expect(asked.status == .ok)
                #expect(asked.object["confirm_needed"] as? Bool == true)
                #expect(asked.object["currency"] as? String == "CNY")
                #expect((asked.object["request"] as? String)?.contains("a cat on a skateboard") == true)
                #expect(try home.catalog.tasks().isEmpty)

                let sent = try await client.post("/api/generate", ["prompt": "a cat on a skateboard", "confirm": true])
                #expect(sent.status == .ok)
                let taskId = try #require(sent.object["task_id"] as? Int)
                await app.jobs.waitAll()
                let tasks = try home.catalog.tasks()
                #expect(tasks.count == 1)
                #expect(tasks.first?.id == Int64(taskId))
                #expect(tasks.first?.state == .succeeded)
                let videos = try await client.get("/api/videos").object["videos"] as? [[String: Any]] ?? []
                #expect(videos.count == 1)
                #expect(videos.first?["status"] as? String == "succeeded")
                #expect(videos.first?["asset"] is [String: Any])
                let task = try await client.get("/api/tasks/\(taskId)").object
                #expect(task["state"] as? String == "succeeded")
            }
        } catch {
            await server.stop()
            throw error
        }
        let ledger = try await simulatorTaskCount(server)
        await server.stop()
        #expect(ledger == 1)
    }

    @Test func aPromptProblemOnGenerateIsRefusedBeforeAnythingIsSent() async throws {
        let home = try WebHome()
        try home.seed()
        try await home.test(home.app()) { client in
            let refused = try await client.post("/api/generate", ["prompt": "@nobody waves", "confirm": true])
            #expect(refused.status == .badRequest)
            #expect((refused.object["problems"] as? [[String: Any]])?.first?["kind"] as? String == "unknownCharacter")
            #expect(try home.catalog.tasks().isEmpty)
        }
    }

    @Test func aConnectedClientGetsAnEventWhenATaskChanges() async throws {
        let home = try WebHome()
        let (subscribed, subscription) = AsyncStream.makeStream(of: Void.self)
        let app = WebApp(studio: home.studio, security: WebSecurity(host: "127.0.0.1"), environment: [:],
                         eventsInterval: .milliseconds(20), eventLimit: 1, onSubscribed: { subscription.yield() })
        try await home.test(app) { client in
            async let stream = client.get("/api/events")
            for await _ in subscribed { break }
            let task = TaskEntry(providerName: "sim", kind: .generate, request: "POST /v1/video/sora-video")
            let video = Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: "a cat")
            let entry = try home.catalog.journalNow(task, producing: .video(video, features: []))
            let response = try await stream
            #expect(response.status == .ok)
            #expect(response.contentType == "text/event-stream")
            let text = response.text
            #expect(text.contains("event: task\n"))
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data: ") })
            let data = try JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? NSDictionary
            #expect(data == (try cliJSON(TaskReport(entry.task)) as? NSDictionary))
        }
    }
}

/// How many tasks the simulator created (and charged).
func simulatorTaskCount(_ server: SimulatorServer) async throws -> Int {
    let (data, _) = try await URLSession.shared.data(from: URL(string: server.baseURL + "/_sim/tasks")!)
    let object = try JSONSerialization.jsonObject(with: data)
    return ((object as? [String: Any])?["tasks"] as? [Any])?.count ?? (object as? [Any])?.count ?? -1
}

@Suite struct APIActionTests {
    @Test func remixAndExtractAskFirstThenSendOneTaskEachThroughTheJournal() async throws {
        let server = try await SimulatorServer.start(SimulatorConfiguration(latency: 0.2, seed: 2))
        let home = try WebHome()
        do {
            try home.catalog.setBaseURL(server.baseURL, ofProvider: "sim")
            try home.catalog.useProvider(named: "sim")
            let app = home.app()
            try await home.test(app) { client in
                _ = try await client.post("/api/generate", ["prompt": "a cat on a skateboard", "confirm": true])
                await app.jobs.waitAll()
                let parent = try #require(try home.catalog.videos(matching: VideoQuery()).videos.first?.pid?.rawValue)

                let askRemix = try await client.post("/api/videos/\(parent)/remix", ["prompt": "same ride, at night"])
                #expect(askRemix.object["confirm_needed"] as? Bool == true)
                let askExtract = try await client.post("/api/characters/extract", ["pid": parent, "clip": "1,3", "name": "owl"])
                #expect(askExtract.object["confirm_needed"] as? Bool == true)
                #expect(try home.catalog.tasks().count == 1)

                let remix = try await client.post("/api/videos/\(parent)/remix", ["prompt": "same ride, at night", "confirm": true])
                #expect(remix.object["task_id"] is Int)
                let extract = try await client.post("/api/characters/extract", ["pid": parent, "clip": "1,3", "name": "owl", "confirm": true])
                #expect(extract.object["task_id"] is Int)
                await app.jobs.waitAll()
                let tasks = try home.catalog.tasks()
                #expect(tasks.count == 3)
                #expect(tasks.allSatisfy { $0.state == .succeeded })
                let remixed = try await client.get("/api/videos?search=night").object["videos"] as? [[String: Any]] ?? []
                #expect(remixed.first?["parent_pid"] as? String == parent)
                let owl = try await client.get("/api/characters/owl").object
                #expect(owl["status"] as? String == "ready")

                // A finished task has nothing to resume; a reconcile needs an unknown task.
                let resume = try await client.post("/api/tasks/\(tasks[0].id!)/resume", ["confirm": true])
                #expect(resume.status == .badRequest)
                let reconcile = try await client.post("/api/reconcile", ["task_id": tasks[0].id!, "remote_id": "abc", "confirm": true])
                #expect(reconcile.status == .badRequest)
                let both = try await client.post("/api/reconcile", ["task_id": tasks[0].id!, "remote_id": "abc", "not_taken": true])
                #expect(both.status == .badRequest)
                #expect((both.object["error"] as? String)?.contains("not both") == true)
                let find = try await client.post("/api/reconcile", ["task_id": tasks[0].id!, "confirm": true])
                #expect(find.status == .badRequest)
                #expect((find.object["error"] as? String)?.contains("only an unknown call is looked for") == true)
                let askAll = try await client.post("/api/reconcile", [:])
                #expect(askAll.object["confirm_needed"] as? Bool == true)
            }
        } catch {
            await server.stop()
            throw error
        }
        let created = try await simulatorTaskCount(server)
        await server.stop()
        #expect(created == 3)
    }
}
