import Foundation
import Testing
import TroupeSimulator

@Suite struct LedgerTests {
    @Test func chargesVideosAndCharactersAndRefundsFailuresWhenTheyFail() async throws {
        try await withSimulator { sim in
            _ = try await sim.grsaiVideo()
            _ = try await sim.grsaiCharacter()
            _ = try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": "@nobody", "webHook": "-1"])
            let ledger = try #require(try await sim.get("/_sim/ledger").json)
            #expect(ledger["charges"] == 0.17)
            #expect(ledger["refunds"] == 0.08)
            #expect(ledger["balance"] == 999.91)
            let entries = try #require(ledger["entries"]?.array)
            #expect(entries.map { $0["amount"] } == [0.08, 0.01, 0.08])
            #expect(entries.map { $0["refunded"] } == [false, false, true])
            #expect(entries.last?["failure_reason"] == "input_moderation")
        }
    }

    @Test func aCallBeyondTheBalanceIsRefusedAndNotCharged() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0, seed: 1, credit: 0.1)) { sim in
            let first = try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1"])
            #expect(first.json?["code"] == 0)
            let second = try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1"])
            #expect(second.json?["msg"] == "insufficient credits")
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.08)
            #expect(ledger.json?["balance"] == 0.02)
        }
    }

    @Test func stateSurvivesARestartWithStatePath() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sim-state.json").path
        let configuration = SimulatorConfiguration(latency: 5, seed: 4, statePath: path)
        let pid = try await withSimulator(configuration) { sim in try await sim.grsaiVideo() }
        #expect(FileManager.default.fileExists(atPath: path))
        try await withSimulator(configuration) { sim in
            let remix = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "again", "webHook": "-1", "remixTargetId": .string(pid)])
            #expect(remix.json?["code"] == 0)
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["charges"] == 0.16)
        }
    }
}
