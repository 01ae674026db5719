import Foundation
import Testing
import TroupeSimulator

@Suite struct SeedanceTests {
    static let model: JSONValue = "doubao-seedance-1-0-pro-250528"

    static func body(_ content: JSONValue, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        var members: [String: JSONValue] = ["model": model, "content": content, "async": true]
        members.merge(extra) { $1 }
        return .object(members)
    }

    static func text(_ text: String) -> JSONValue { ["type": "text", "text": .string(text)] }

    static func image(_ url: String, _ role: String) -> JSONValue {
        ["type": "image_url", "image_url": ["url": .string(url)], "role": .string(role)]
    }

    @Test func asyncSubmitAnswersTheTaskIdThenRetrieveFollowsItToTheVideo() async throws {
        try await withSimulator { sim in
            let content: JSONValue = [
                Self.text("hero walks into the rain"), Self.image(TestImages.pngDataURL, "reference_image"),
                Self.image("https://example.com/sidekick.jpg", "reference_image"),
            ]
            let submit = try await sim.post(
                "/seedance/videos", Self.body(content, ["ratio": "9:16", "resolution": "720p", "duration": 6]))
            #expect(submit.status == .ok)
            #expect(submit.json?["success"] == true)
            #expect(submit.json?["trace_id"]?.string?.isEmpty == false)
            #expect(submit.json?["data"] == nil)
            let taskID = try #require(submit.json?["task_id"]?.string)

            let running = try await sim.post("/seedance/tasks", ["id": .string(taskID), "action": "retrieve"])
            #expect(running.json?["id"] == .string(taskID))
            #expect(running.json?["type"] == "videos")
            #expect(running.json?["response"]?["data"]?.array?.first?["state"] == "running")
            #expect(running.json?["response"]?["data"]?.array?.first?["video_url"] == nil)

            try await sim.advance(900)
            let done = try await sim.post("/seedance/tasks", ["id": .string(taskID), "action": "retrieve"])
            #expect(done.json?["request"]?["content"] == content)
            #expect(done.json?["created_at"]?.string?.isEmpty == false)
            let response = try #require(done.json?["response"])
            #expect(response["success"] == true)
            #expect(response["task_id"] == .string(taskID))
            let item = try #require(response["data"]?.array?.first)
            #expect(item["state"] == "succeeded")
            #expect(item["model"] == Self.model)
            let url = try #require(item["video_url"]?.string)
            let file = try await sim.get(pathAndQuery(url), key: nil)
            #expect(file.status == .ok)
            #expect(MP4.duration(of: file.data) == 6)

            let task = try #require(try await sim.get("/_sim/tasks").json?["tasks"]?.array?.last)
            #expect(task["family"] == "seedance")
            #expect(task["provider"] == "acedata")
            #expect(task["delivery"] == "poll")
            #expect(task["prompt"] == "hero walks into the rain")
            #expect(task["content_parts"] == ["text", "reference_image", "reference_image"])
            #expect(task["reference_images"] == ["base64", "url"])
            #expect(task["aspect"] == "9:16")
            #expect(task["size"] == "720p")
            #expect(task["seconds"] == 6)
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.3)
        }
    }

    @Test func withoutAsyncTheCallWaitsForTheVideo() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.1, seed: 12)) { sim in
            let response = try await sim.post(
                "/seedance/videos",
                Self.body(
                    [Self.text("a lighthouse"), Self.image("https://example.com/a.png", "first_frame"),
                     Self.image(TestImages.bareJPEG, "last_frame")], ["async": false]))
            #expect(response.json?["success"] == true)
            let item = try #require(response.json?["data"]?.array?.first)
            #expect(item["state"] == "succeeded")
            #expect(item["video_url"]?.string?.contains("se=") == true)
            let task = try #require(try await sim.get("/_sim/tasks").json?["tasks"]?.array?.last)
            #expect(task["delivery"] == "sync")
            #expect(task["first_frame"] == "url")
            #expect(task["last_frame"] == "base64")
            #expect(task["content_parts"] == ["text", "first_frame", "last_frame"])
        }
    }

    @Test func aMentionIsPlainText() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.05, seed: 13)) { sim in
            let response = try await sim.post("/seedance/videos", Self.body([Self.text("@hero waves")], ["async": false]))
            #expect(response.json?["data"]?.array?.first?["state"] == "succeeded")
        }
    }

    @Test func badRequestsNameWhatIsAllowedAndAreNotCharged() async throws {
        try await withSimulator { sim in
            let reference = Self.image("https://example.com/a.png", "reference_image")
            let cases: [(JSONValue, String)] = [
                (["model": "seedance-2", "content": [Self.text("x")]], "doubao-seedance-1-0-pro-250528, "),
                (["model": Self.model], "content is required"),
                (Self.body([]), "content is required"),
                (Self.body([Self.text("x")], ["resolution": "8k"]), "resolution must be one of 480p, 720p, 1080p, 4k"),
                (Self.body([Self.text("x")], ["ratio": "2:1"]), "ratio must be one of 16:9, 4:3, 1:1, 3:4, 9:16, 21:9, adaptive"),
                (Self.body([Self.text("x")], ["duration": 1]), "duration must be an integer 2…15"),
                (Self.body([Self.text("x")], ["duration": 16]), "duration must be an integer 2…15"),
                (Self.body([Self.text("x")], ["duration": 5.5]), "duration must be an integer"),
                (Self.body([Self.text("x")], ["duration": "5"]), "duration must be an integer"),
                (Self.body([Self.text("x")], ["seed": "7"]), "seed must be an integer"),
                (Self.body([Self.text("x")], ["generate_audio": "yes"]), "generate_audio must be true or false"),
                (Self.body([Self.text("x")], ["async": 1]), "async must be true or false"),
                (Self.body([Self.text("x")], ["callback_url": "ftp://example.com/hook"]), "callback_url"),
                (Self.body([["type": "video_url"]]), "content[0].type must be text or image_url"),
                (Self.body([Self.text("")]), "content[0].text"),
                (Self.body([["type": "image_url", "image_url": ["url": "https://example.com/a.png"]]]), "content[0].role must be one of"),
                (Self.body([Self.image("https://example.com/a.png", "style")]), "reference_image, first_frame, last_frame"),
                (Self.body([Self.text("x"), Self.image(TestImages.text, "reference_image")]), "content[1].image_url.url is not a PNG"),
                (Self.body(.array([Self.text("x")] + Array(repeating: reference, count: 5))), "at most 4 reference_image"),
                (Self.body([Self.text("x"), Self.image("https://example.com/a.png", "last_frame")]), "needs a first_frame"),
            ]
            for (body, words) in cases {
                let response = try await sim.post("/seedance/videos", body)
                #expect(response.status == .badRequest, "\(body.text)")
                #expect(response.json?["success"] == false)
                #expect(response.json?["error"]?["code"] == "bad_request")
                #expect(response.json?["error"]?["message"]?.string?.contains(words) == true, "\(response.text)")
            }
            let four = try await sim.post("/seedance/videos", Self.body(.array([Self.text("x")] + Array(repeating: reference, count: 4))))
            #expect(four.json?["success"] == true)
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.3)
        }
    }

    @Test func aTaskIsFoundOnlyOnTheServiceThatMadeIt() async throws {
        try await withSimulator { sim in
            let seedance = try await sim.post("/seedance/videos", Self.body([Self.text("x")]))
            let seedanceID = try #require(seedance.json?["task_id"]?.string)
            let sora = try await sim.post(
                "/sora/videos", ["model": "sora-2", "prompt": "x", "callback_url": "http://127.0.0.1:9/hook"])
            let soraID = try #require(sora.json?["task_id"]?.string)

            let wrong = try await sim.post("/sora/tasks", ["id": .string(seedanceID), "action": "retrieve"])
            #expect(wrong.status == .notFound)
            #expect(wrong.json?["error"]?["code"] == "not_found")
            let other = try await sim.post("/seedance/tasks", ["id": .string(soraID), "action": "retrieve"])
            #expect(other.status == .notFound)

            let soraBatch = try await sim.post(
                "/sora/tasks", ["ids": [.string(seedanceID), .string(soraID)], "action": "retrieve_batch"])
            #expect(soraBatch.json?["count"] == 1)
            #expect(soraBatch.json?["items"]?.array?.first?["id"] == .string(soraID))
            let seedanceBatch = try await sim.post(
                "/seedance/tasks", ["ids": [.string(seedanceID), .string(soraID)], "action": "retrieve_batch"])
            #expect(seedanceBatch.json?["count"] == 1)
            #expect(seedanceBatch.json?["items"]?.array?.first?["id"] == .string(seedanceID))
            #expect(seedanceBatch.json?["items"]?.array?.first?["response"]?["data"]?.array?.first?["state"] == "running")
        }
    }

    @Test func aCallbackAnswersAtOnceThenGetsTheResultBody() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.2, seed: 14)) { server in
            let hook = "\(server.baseURL)/_sim/hooks/seedance"
            let (_, data) = try await LiveDeliveryTests.call(
                server.baseURL, "/seedance/videos",
                Self.body([Self.text("x")], ["async": false, "callback_url": .string(hook)]))
            #expect(JSONValue.parse(data)?["success"] == true)
            #expect(JSONValue.parse(data)?["data"] == nil)
            let taskID = try #require(JSONValue.parse(data)?["task_id"]?.string)
            var deliveries: [JSONValue] = []
            for _ in 0..<100 {
                let (_, sink) = try await LiveDeliveryTests.call(server.baseURL, "/_sim/hooks/seedance")
                deliveries = JSONValue.parse(sink)?["deliveries"]?.array ?? []
                if !deliveries.isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(deliveries.count == 1)
            #expect(deliveries.first?["task_id"] == .string(taskID))
            #expect(deliveries.first?["data"]?.array?.first?["state"] == "succeeded")
            #expect(deliveries.first?["data"]?.array?.first?["video_url"]?.string?.hasPrefix(server.baseURL + "/files/") == true)
        }
    }

    @Test func moderationFailsTheTaskAndRefundsIt() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.05, moderationRate: 1, seed: 15)) { sim in
            let response = try await sim.post("/seedance/videos", Self.body([Self.text("x")], ["async": false]))
            #expect(response.json?["success"] == false)
            #expect(response.json?["error"]?["code"] == "output_moderation")
            #expect(response.json?["data"]?.array?.first?["state"] == "failed")
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.3)
            #expect(ledger.json?["refunds"] == 0.3)
        }
    }
}
