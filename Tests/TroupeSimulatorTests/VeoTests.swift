import Foundation
import Testing
import TroupeSimulator

@Suite struct VeoTests {
    static func lastTask(_ sim: SimClient) async throws -> JSONValue {
        try #require(try await sim.get("/_sim/tasks").json?["tasks"]?.array?.last)
    }

    @Test func pollDeliveryServesTheFileAtUrlAndInResultsAndRecordsTheReferences() async throws {
        try await withSimulator { sim in
            let submit = try await sim.post(
                "/v1/video/veo",
                [
                    "model": "veo3.1-fast", "prompt": "hero and sidekick cross a bridge", "aspectRatio": "9:16",
                    "webHook": "-1",
                    "urls": ["https://example.com/hero.png", .string(TestImages.pngDataURL), .string(TestImages.bareJPEG)],
                ])
            #expect(submit.status == .ok)
            #expect(submit.json?["code"] == 0)
            #expect(submit.json?["msg"] == "success")
            let id = try #require(submit.json?["data"]?["id"]?.string)

            let running = try await sim.post("/v1/draw/result", ["id": .string(id)])
            #expect(running.json?["data"]?["status"] == "running")
            #expect(running.json?["data"]?["results"] == [])

            try await sim.advance(900)
            let done = try #require(try await sim.post("/v1/draw/result", ["id": .string(id)]).json?["data"])
            #expect(done["status"] == "succeeded")
            #expect(done["progress"] == 100)
            let url = try #require(done["url"]?.string)
            #expect(done["results"]?.array?.first?["url"] == .string(url))
            #expect(done["results"]?.array?.first?["pid"] == nil)
            #expect(done["pid"] == nil)
            let file = try await sim.get(pathAndQuery(url), key: nil)
            #expect(file.status == .ok)
            #expect(MP4.duration(of: file.data) == 8)

            let task = try await Self.lastTask(sim)
            #expect(task["family"] == "veo")
            #expect(task["model"] == "veo3.1-fast")
            #expect(task["prompt"] == "hero and sidekick cross a bridge")
            #expect(task["reference_images"] == ["url", "base64", "base64"])
            #expect(task["aspect"] == "9:16")
            #expect(task["first_frame"] == .null)
            #expect(task["last_frame"] == .null)
            #expect(task["pid"] == .null)
        }
    }

    @Test func streamDeliverySendsFramesThenTheResultThenDone() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.2, seed: 8)) { sim in
            let response = try await sim.post("/v1/video/veo", ["model": "veo3.1-pro", "prompt": "a fox"])
            #expect(response.headers[.contentType] == "text/event-stream")
            let frames = response.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(frames.last == "data: [DONE]")
            let decoded = frames.dropLast().compactMap { JSONValue.parse(Data($0.dropFirst("data: ".count).utf8)) }
            #expect(decoded.count >= 2)
            #expect(decoded.first?["status"] == "running")
            #expect(decoded.last?["status"] == "succeeded")
            #expect(decoded.last?["url"]?.string?.contains("/files/") == true)
            let task = try await Self.lastTask(sim)
            #expect(task["delivery"] == "stream")
            #expect(task["reference_images"] == [])
        }
    }

    @Test func shutProgressStreamsOnlyTheResult() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.2, seed: 8)) { sim in
            let response = try await sim.post(
                "/v1/video/veo", ["model": "veo3.1-fast", "prompt": "a fox", "shutProgress": true])
            let frames = response.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(frames.count == 2)
            #expect(frames.first?.contains("\"status\":\"succeeded\"") == true)
        }
    }

    @Test func webhookGetsTheTaskFrames() async throws {
        // A task long enough that its sender, a task of the loaded test process, starts before
        // it ends (at 0.3 s a busy CI machine once saw the final frame alone).
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 1.5, seed: 9)) { server in
            let hook = "\(server.baseURL)/_sim/hooks/veo"
            let (_, data) = try await LiveDeliveryTests.call(
                server.baseURL, "/v1/video/veo", ["model": "veo3.1-fast", "prompt": "x", "webHook": .string(hook)])
            #expect(JSONValue.parse(data)?["code"] == 0)
            let id = try #require(JSONValue.parse(data)?["data"]?["id"]?.string)
            var deliveries: [JSONValue] = []
            for _ in 0..<100 {
                let (_, sink) = try await LiveDeliveryTests.call(server.baseURL, "/_sim/hooks/veo")
                deliveries = JSONValue.parse(sink)?["deliveries"]?.array ?? []
                if deliveries.last?["status"] == "succeeded" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(deliveries.count >= 2)
            #expect(deliveries.allSatisfy { $0["id"] == .string(id) })
            #expect(deliveries.last?["status"] == "succeeded")
            #expect(deliveries.last?["url"]?.string?.hasPrefix(server.baseURL + "/files/") == true)
        }
    }

    @Test func aFramesRequestRecordsItsFirstAndLastFrame() async throws {
        try await withSimulator { sim in
            let submit = try await sim.post(
                "/v1/video/veo",
                [
                    "model": "veo3.1-fast-1080p", "prompt": "sunrise to sunset", "webHook": "-1",
                    "firstFrameUrl": "https://example.com/first.jpg", "lastFrameUrl": .string(TestImages.webpDataURL),
                ])
            #expect(submit.json?["code"] == 0)
            let task = try await Self.lastTask(sim)
            #expect(task["first_frame"] == "url")
            #expect(task["last_frame"] == "base64")
            #expect(task["reference_images"] == [])
        }
    }

    @Test func aMentionIsPlainTextNotASoraCharacter() async throws {
        try await withSimulator { sim in
            let submit = try await sim.post(
                "/v1/video/veo", ["model": "veo3.1-fast", "prompt": "@hero argues with @villain", "webHook": "-1"])
            let id = try #require(submit.json?["data"]?["id"]?.string)
            let first = try await sim.post("/v1/draw/result", ["id": .string(id)])
            #expect(first.json?["data"]?["status"] == "running")
            try await sim.advance(900)
            let done = try await sim.post("/v1/draw/result", ["id": .string(id)])
            #expect(done.json?["data"]?["status"] == "succeeded")
            #expect(done.json?["data"]?["failure_reason"] == "")
        }
    }

    @Test func requestsVeoDoesNotTakeAreRefusedAndNotCharged() async throws {
        try await withSimulator { sim in
            let four: JSONValue = .array(Array(repeating: "https://example.com/a.png", count: 4))
            let cases: [(JSONValue, String)] = [
                (["model": "sora-2", "prompt": "x"], "veo3.1-fast, veo3.1-fast-1080p"),
                (["model": "veo3.1-pro-4k"], "prompt"),
                (["model": "veo3.1-fast", "prompt": "x", "aspectRatio": "1:1"], "aspectRatio"),
                (["model": "veo3.1-fast", "prompt": "x", "urls": four], "at most 3"),
                (["model": "veo3.1-fast", "prompt": "x", "urls": "https://example.com/a.png"], "urls must be an array"),
                (["model": "veo3.1-fast", "prompt": "x", "urls": [.string(TestImages.text)]], "urls[0] is not a PNG, JPEG or WebP"),
                (["model": "veo3.1-fast", "prompt": "x", "urls": ["ftp://example.com/a.png"]], "urls[0]"),
                (["model": "veo3.1-fast", "prompt": "x", "urls": ["data:text/plain;base64,aGk="]], "data:image/"),
                (["model": "veo3.1-fast", "prompt": "x", "lastFrameUrl": "https://example.com/b.png"], "needs a firstFrameUrl"),
                (
                    ["model": "veo3.1-fast", "prompt": "x", "urls": ["https://example.com/a.png"],
                     "firstFrameUrl": "https://example.com/b.png"], "not both"
                ),
                (["model": "veo3.1-fast", "prompt": "x", "remixTargetId": "s_1"], "remixTargetId is not a Veo field"),
                (["model": "veo3.1-fast", "prompt": "x", "characters": []], "characters is not a Veo field"),
                (["model": "veo3.1-fast", "prompt": "x", "duration": 8], "duration is not a Veo field"),
                (["model": "veo3.1-fast", "prompt": "x", "size": "large"], "size is not a Veo field"),
                (["model": "veo3.1-fast", "prompt": "x", "url": "https://example.com/a.png"], "url is not a Veo field"),
                (["model": "veo3.1-fast", "prompt": "x", "shutProgress": "yes"], "shutProgress"),
                (["model": "veo3.1-fast", "prompt": "x", "webHook": "ftp://example.com/hook"], "webHook"),
            ]
            for (body, words) in cases {
                let response = try await sim.post("/v1/video/veo", body)
                #expect(response.status == .badRequest, "\(body.text)")
                #expect(response.json?["code"] == -1)
                #expect(response.json?["msg"]?.string?.contains(words) == true, "\(response.text)")
            }
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0)
        }
    }

    @Test func veoHasItsOwnPriceAndModerationIsRefunded() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 600, moderationRate: 1, seed: 10)) { sim in
            let submit = try await sim.post("/v1/video/veo", ["model": "veo3.1-fast", "prompt": "x", "webHook": "-1"])
            let id = try #require(submit.json?["data"]?["id"]?.string)
            let before = try await sim.get("/_sim/ledger")
            #expect(before.json?["charges"] == 0.4)
            #expect(before.json?["refunds"] == 0)
            try await sim.advance(900)
            let done = try await sim.post("/v1/draw/result", ["id": .string(id)])
            #expect(done.json?["data"]?["status"] == "failed")
            #expect(done.json?["data"]?["failure_reason"] == "output_moderation")
            #expect(done.json?["data"]?["url"] == "")
            let after = try #require(try await sim.get("/_sim/ledger").json)
            #expect(after["refunds"] == 0.4)
            #expect(after["entries"]?.array?.first?["amount"] == 0.4)
            #expect(after["entries"]?.array?.first?["refunded"] == true)
        }
    }
}
