import Foundation
import Testing
import TroupeSimulator

@Suite struct GrsAITests {
    @Test func pollDeliveryReturnsIdThenProgressThenResult() async throws {
        try await withSimulator { sim in
            let submit = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "a fox", "webHook": "-1", "duration": 15])
            #expect(submit.status == .ok)
            #expect(submit.json?["code"] == 0)
            let id = try #require(submit.json?["data"]?["id"]?.string)

            let running = try await sim.post("/v1/draw/result", ["id": .string(id)])
            #expect(running.json?["data"]?["status"] == "running")
            #expect(running.json?["data"]?["results"] == [])

            try await sim.advance(300)
            let halfway = try await sim.post("/v1/draw/result", ["id": .string(id)])
            let progress = try #require(halfway.json?["data"]?["progress"]?.number)
            #expect(progress >= 40 && progress < 100)

            try await sim.advance(600)
            let done = try await sim.post("/v1/draw/result", ["id": .string(id)])
            let frame = try #require(done.json?["data"])
            #expect(frame["status"] == "succeeded")
            #expect(frame["progress"] == 100)
            #expect(frame["failure_reason"] == "")
            let result = try #require(frame["results"]?.array?.first)
            let pid = try #require(result["pid"]?.string)
            #expect(pid.hasPrefix("s_") && pid.count == 34)
            #expect(pid.dropFirst(2).allSatisfy { $0.isHexDigit })
            #expect(result["url"]?.string?.contains("/files/\(pid).mp4?se=") == true)
        }
    }

    @Test func unknownTaskIdAnswersMinus22() async throws {
        try await withSimulator { sim in
            let poll = try await sim.post("/v1/draw/result", ["id": "no-such-task"])
            #expect(poll.json?["code"] == -22)
            #expect(poll.json?["data"] == .null)
        }
    }

    @Test func streamDeliverySendsDataFramesThenResultThenDone() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.2, seed: 1)) { sim in
            let response = try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": "a fox"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/event-stream")
            let frames = response.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(frames.last == "data: [DONE]")
            let decoded = frames.dropLast().compactMap { JSONValue.parse(Data($0.dropFirst("data: ".count).utf8)) }
            #expect(decoded.count == frames.count - 1)
            #expect(decoded.count >= 2)
            #expect(decoded.first?["status"] == "running")
            #expect(decoded.last?["status"] == "succeeded")
            #expect(decoded.last?["results"]?.array?.first?["pid"]?.string?.hasPrefix("s_") == true)
            let progress = decoded.compactMap { $0["progress"]?.number }
            #expect(progress == progress.sorted())
        }
    }

    @Test func shutProgressStreamsOnlyTheResult() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.2, seed: 1)) { sim in
            let response = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "a fox", "shutProgress": true])
            let frames = response.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(frames.count == 2)
            #expect(frames.first?.contains("\"status\":\"succeeded\"") == true)
        }
    }

    @Test func remixNeedsAFinishedPid() async throws {
        try await withSimulator { sim in
            let unknown = try await sim.post(
                "/v1/video/sora-video",
                ["model": "sora-2", "prompt": "again", "webHook": "-1", "remixTargetId": "s_00000000000000000000000000000000"])
            #expect(unknown.status == .badRequest)
            #expect(unknown.json?["code"] == -1)
            #expect(unknown.json?["msg"]?.string?.contains("remixTargetId") == true)

            let pid = try await sim.grsaiVideo()
            let remix = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "again", "webHook": "-1", "remixTargetId": .string(pid)])
            #expect(remix.json?["code"] == 0)
            let tasks = try await sim.get("/_sim/tasks")
            let last = try #require(tasks.json?["tasks"]?.array?.last)
            #expect(last["kind"] == "remix")
            #expect(last["parent_pid"] == .string(pid))
        }
    }

    @Test func extractionNeedsAKnownPidAndAClipInsideTheVideo() async throws {
        try await withSimulator { sim in
            let pid = try await sim.grsaiVideo(duration: 10)
            let outside = try await sim.post(
                "/v1/video/sora-create-character", ["pid": .string(pid), "timestamps": "9,11", "webHook": "-1"])
            #expect(outside.status == .badRequest)
            #expect(outside.json?["msg"]?.string?.contains("outside") == true)

            let tooLong = try await sim.post(
                "/v1/video/sora-create-character", ["pid": .string(pid), "timestamps": "1,5", "webHook": "-1"])
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.json?["msg"]?.string?.contains("at most 3 seconds") == true)

            let unknown = try await sim.post(
                "/v1/video/sora-create-character", ["pid": "s_1234", "timestamps": "0,3", "webHook": "-1"])
            #expect(unknown.status == .badRequest)

            let good = try await sim.post(
                "/v1/video/sora-create-character", ["pid": .string(pid), "timestamps": "7,10", "webHook": "-1"])
            let id = try #require(good.json?["data"]?["id"]?.string)
            try await sim.advance(3600)
            let poll = try await sim.post("/v1/draw/result", ["id": .string(id)])
            let character = try #require(poll.json?["data"]?["results"]?.array?.first?["character_id"]?.string)
            #expect(character.contains(".") && character.contains("_"))
        }
    }

    @Test func promptMentionsMustBeKnownCharacters() async throws {
        try await withSimulator { sim in
            let character = try await sim.grsaiCharacter()
            let good = try await sim.post(
                "/v1/video/sora-video",
                ["model": "sora-2", "prompt": .string("@\(character) waves at me@example.com."), "webHook": "-1"])
            let bad = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "@hero argues with @villain.", "webHook": "-1"])
            let goodID = try #require(good.json?["data"]?["id"]?.string)
            let badID = try #require(bad.json?["data"]?["id"]?.string)

            let failed = try await sim.post("/v1/draw/result", ["id": .string(badID)])
            #expect(failed.json?["data"]?["status"] == "failed")
            #expect(failed.json?["data"]?["failure_reason"] == "input_moderation")
            #expect(failed.json?["data"]?["error"]?.string?.contains("@hero") == true)
            #expect(failed.json?["data"]?["error"]?.string?.contains("@villain") == true)

            try await sim.advance(3600)
            let succeeded = try await sim.post("/v1/draw/result", ["id": .string(goodID)])
            #expect(succeeded.json?["data"]?["status"] == "succeeded")
        }
    }

    @Test func characterNReferencesTheRequestsCharactersArray() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0, seed: 3)) { sim in
            let clips: JSONValue = [["url": "https://example.com/a.mp4", "timestamps": "0,3"]]
            let one = try await sim.post(
                "/v1/video/sora-video",
                ["model": "sora-2", "prompt": "@character1 dances", "characters": clips, "webHook": "-1"])
            let two = try await sim.post(
                "/v1/video/sora-video",
                ["model": "sora-2", "prompt": "@character1 meets @character2", "characters": clips, "webHook": "-1"])
            let first = try await sim.post("/v1/draw/result", ["id": .string(one.json?["data"]?["id"]?.string ?? "")])
            let second = try await sim.post("/v1/draw/result", ["id": .string(two.json?["data"]?["id"]?.string ?? "")])
            #expect(first.json?["data"]?["status"] == "succeeded")
            #expect(second.json?["data"]?["failure_reason"] == "input_moderation")
            #expect(second.json?["data"]?["error"]?.string?.contains("@character2") == true)
        }
    }

    @Test func requestsAreValidatedAsTheDocumentStates() async throws {
        try await withSimulator { sim in
            let cases: [(JSONValue, String)] = [
                (["model": "sora-1", "prompt": "x"], "model"),
                (["model": "sora-2"], "prompt"),
                (["model": "sora-2", "prompt": "x", "duration": 12], "duration"),
                (["model": "sora-2", "prompt": "x", "duration": "10"], "duration"),
                (["model": "sora-2", "prompt": "x", "aspectRatio": "1:1"], "aspectRatio"),
                (["model": "sora-2", "prompt": "x", "size": "huge"], "size"),
                (["model": "sora-2", "prompt": "x", "webHook": "ftp://example.com/hook"], "webHook"),
                (["model": "sora-2", "prompt": "x", "characters": [["url": "u", "timestamps": "0,4"]]], "3 seconds"),
            ]
            for (body, word) in cases {
                let response = try await sim.post("/v1/video/sora-video", body)
                #expect(response.status == .badRequest, "\(body.text)")
                #expect(response.json?["code"] == -1)
                #expect(response.json?["msg"]?.string?.contains(word) == true, "\(response.text)")
            }
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0)
        }
    }
}
