import Foundation
import Testing
import TroupeSimulator

@Suite struct AuthTests {
    @Test func missingKeyGets401InEachProvidersShape() async throws {
        try await withSimulator { sim in
            let grsai = try await sim.post("/v1/draw/result", ["id": "x"], key: nil)
            #expect(grsai.status == .unauthorized)
            #expect(grsai.json?["code"] == -1)
            #expect(grsai.json?["msg"]?.string != nil)

            let acedata = try await sim.post("/sora/tasks", ["id": "x", "action": "retrieve"], key: nil)
            #expect(acedata.status == .unauthorized)
            #expect(acedata.json?["success"] == false)
            #expect(acedata.json?["error"]?["code"] == "invalid_token")

            let openai = try await sim.get("/v1/videos/video_x", key: nil)
            #expect(openai.status == .unauthorized)
            #expect(openai.json?["error"]?["message"]?.string != nil)
            #expect(openai.json?["error"]?["code"] == "invalid_api_key")
        }
    }

    @Test func anyNonEmptyKeyUnlessOneIsConfigured() async throws {
        try await withSimulator { sim in
            let answer1 = try await sim.post("/v1/draw/result", ["id": "x"], key: "anything")
            #expect(answer1.status == .ok)
            let answer2 = try await sim.post("/v1/draw/result", ["id": "x"], key: "")
            #expect(answer2.status == .unauthorized)
        }
        try await withSimulator(SimulatorConfiguration(seed: 1, key: "test-key")) { sim in
            let answer3 = try await sim.post("/v1/draw/result", ["id": "x"], key: "test-key")
            #expect(answer3.status == .ok)
            let wrong = try await sim.post("/v1/draw/result", ["id": "x"], key: "other-key")
            #expect(wrong.status == .unauthorized)
            #expect(!wrong.text.contains("test-key"))
        }
    }

    @Test func adminAndFileEndpointsNeedNoKey() async throws {
        try await withSimulator { sim in
            let answer4 = try await sim.get("/_sim/ledger", key: nil)
            #expect(answer4.status == .ok)
            let answer5 = try await sim.get("/_sim/tasks", key: nil)
            #expect(answer5.status == .ok)
        }
    }
}
