import Foundation
import Testing
import TroupeSimulator

@Suite struct AceDataTests {
    @Test func synchronousCallWaitsAndReturnsTheVideo() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.1, seed: 5)) { sim in
            let response = try await sim.post(
                "/sora/videos", ["model": "sora-2", "prompt": "a lighthouse", "duration": 15, "orientation": "landscape"])
            #expect(response.status == .ok)
            #expect(response.json?["success"] == true)
            let taskID = try #require(response.json?["task_id"]?.string)
            let item = try #require(response.json?["data"]?.array?.first)
            #expect(item["state"] == "succeeded")
            #expect(item["id"]?.string?.hasPrefix("sora-2:task_") == true)
            #expect(item["video_url"]?.string?.contains("se=") == true)

            let retrieve = try await sim.post("/sora/tasks", ["id": .string(taskID), "action": "retrieve"])
            #expect(retrieve.json?["id"] == .string(taskID))
            #expect(retrieve.json?["type"] == "videos")
            #expect(retrieve.json?["request"]?["prompt"] == "a lighthouse")
            #expect(retrieve.json?["response"]?["data"]?.array?.first?["state"] == "succeeded")
        }
    }

    @Test func callbackReturnsTheTaskIdAtOnceAndBatchRetrieveFindsIt() async throws {
        try await withSimulator { sim in
            let response = try await sim.post(
                "/sora/videos", ["model": "sora-2", "prompt": "a lighthouse", "callback_url": "http://127.0.0.1:9/hook"])
            let taskID = try #require(response.json?["task_id"]?.string)
            #expect(response.json?["data"] == nil)
            let batch = try await sim.post(
                "/sora/tasks", ["ids": [.string(taskID), "missing"], "action": "retrieve_batch"])
            #expect(batch.json?["count"] == 1)
            #expect(batch.json?["items"]?.array?.first?["response"]?["data"]?.array?.first?["state"] == "running")
        }
    }

    @Test func validationAndUnknownTasksUseAceDataErrors() async throws {
        try await withSimulator { sim in
            let longClip = try await sim.post(
                "/sora/videos",
                ["model": "sora-2", "prompt": "x", "character_url": "https://e.com/c.mp4", "character_start": 1, "character_end": 5])
            #expect(longClip.status == .badRequest)
            #expect(longClip.json?["success"] == false)
            #expect(longClip.json?["error"]?["message"]?.string?.contains("3 seconds") == true)

            let proOnly = try await sim.post("/sora/videos", ["model": "sora-2", "prompt": "x", "duration": 25])
            #expect(proOnly.status == .badRequest)

            let missing = try await sim.post("/sora/tasks", ["id": "nope", "action": "retrieve"])
            #expect(missing.status == .notFound)
            #expect(missing.json?["error"]?["code"] == "not_found")
        }
    }

    @Test func aMentionFailsTheTaskAndIsRefunded() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0.05, seed: 5)) { sim in
            let response = try await sim.post("/sora/videos", ["model": "sora-2", "prompt": "@hero waves"])
            #expect(response.json?["success"] == false)
            #expect(response.json?["error"]?["code"] == "input_moderation")
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.08)
            #expect(ledger.json?["refunds"] == 0.08)
        }
    }
}
