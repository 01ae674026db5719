import Foundation
import Testing
import TroupeSimulator

@Suite struct FaultTests {
    /// Submits `count` poll-mode videos and returns each answer's status and body.
    static func submitMany(_ sim: SimClient, count: Int) async throws -> [SimResponse] {
        var out: [SimResponse] = []
        for index in 0..<count {
            out.append(
                try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": .string("shot \(index)"), "webHook": "-1"]))
        }
        return out
    }

    @Test func a429CreatesNothingWhileOtherFaultsCreateAndChargeTheTask() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0, failRate: 1, seed: 7)) { sim in
            let answers = try await Self.submitMany(sim, count: 40)
            let limited = answers.filter { $0.status == .tooManyRequests }
            #expect(!limited.isEmpty)
            for answer in limited {
                #expect(answer.headers[.retryAfter] == "1")
                #expect(answer.json?["code"] == -1)
            }
            let truncated = answers.filter { $0.status == .ok }
            #expect(!truncated.isEmpty)
            #expect(truncated.allSatisfy { $0.json == nil && $0.text.hasPrefix("{") })
            #expect(answers.contains { $0.status == .internalServerError })

            let tasks = try #require(try await sim.get("/_sim/tasks").json?["tasks"]?.array)
            #expect(tasks.count == answers.count - limited.count)
            #expect(tasks.allSatisfy { $0["faults"]?.array?.count == 1 && $0["faults"] != ["429"] })
            let faults = Set(tasks.compactMap { $0["faults"]?.array?.first?.string })
            #expect(faults == ["500", "reset", "truncated"])

            let ledger = try await sim.get("/_sim/ledger")
            let charges = try #require(ledger.json?["charges"]?.number)
            #expect(abs(charges - Double(tasks.count) * 0.08) < 1e-9)
            #expect(ledger.json?["entries"]?.array?.count == tasks.count)
        }
    }

    @Test func pollsGetFaultsToo() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0, failRate: 0.5, seed: 11)) { sim in
            var statuses: Set<Int> = []
            var healthy = 0
            for _ in 0..<40 {
                let poll = try await sim.post("/v1/draw/result", ["id": "x"])
                statuses.insert(poll.status.code)
                if poll.json?["code"] == -22 { healthy += 1 }
            }
            #expect(statuses.isSuperset(of: [200, 429, 500]))
            #expect(healthy > 5 && healthy < 35)
        }
    }

    @Test func theSameSeedRepeatsTheRun() async throws {
        func run() async throws -> [String] {
            try await withSimulator(SimulatorConfiguration(latency: 0, failRate: 0.5, moderationRate: 0.3, seed: 99)) { sim in
                let answers = try await Self.submitMany(sim, count: 20)
                let tasks = try await sim.get("/_sim/tasks").json?["tasks"]?.array ?? []
                return answers.map { "\($0.status.code)" }
                    + tasks.map { "\($0["id"]?.string ?? "") \($0["pid"]?.string ?? "") \($0["status"]?.string ?? "")" }
            }
        }
        let first = try await run()
        let second = try await run()
        #expect(first == second)
        #expect(first.contains { $0.hasSuffix("failed") })
    }

    @Test func moderationFailsVideosAndRefundsThem() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 0, moderationRate: 1, seed: 2)) { sim in
            let submit = try await sim.post("/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1"])
            let poll = try await sim.post("/v1/draw/result", ["id": .string(submit.json?["data"]?["id"]?.string ?? "")])
            #expect(poll.json?["data"]?["status"] == "failed")
            #expect(poll.json?["data"]?["failure_reason"] == "output_moderation")
            let ledger = try await sim.get("/_sim/ledger")
            #expect(ledger.json?["refunds"] == 0.08)
            #expect(ledger.json?["balance"] == 1000)
        }
    }
}

@Suite struct ListeningTests {
    @Test func aTakenPortFailsWithWhyInsteadOfHanging() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(seed: 1)) { first in
            do {
                try await SimulatorServer.serving(SimulatorConfiguration(port: first.port, seed: 1)) { _ in
                    Issue.record("a second server bound a taken port")
                }
            } catch let error as SimulatorError {
                guard case .couldNotBind(let reason) = error else { throw error }
                #expect(reason.contains("in use"))
            }
        }
    }
}
