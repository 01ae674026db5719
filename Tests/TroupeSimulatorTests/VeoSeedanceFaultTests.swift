import Foundation
import Testing
import TroupeSimulator

/// Faults on the Veo and Seedance submissions follow the Sora rule: a 429 creates nothing,
/// every other fault comes after the task was created and charged.
@Suite struct VeoSeedanceFaultTests {
    static let submissions: [(path: String, body: JSONValue, price: Double)] = [
        ("/v1/video/veo", ["model": "veo3.1-fast", "prompt": "x", "webHook": "-1"], 0.4),
        (
            "/seedance/videos",
            ["model": "doubao-seedance-2-0-260128", "content": [["type": "text", "text": "x"]], "async": true], 0.3
        ),
    ]

    @Test(arguments: 0..<2)
    func a429CreatesNothingWhileOtherFaultsChargeTheTask(_ which: Int) async throws {
        let submission = Self.submissions[which]
        try await withSimulator(SimulatorConfiguration(latency: 0, failRate: 1, seed: 17)) { sim in
            var answers: [SimResponse] = []
            for _ in 0..<30 { answers.append(try await sim.post(submission.path, submission.body)) }
            let limited = answers.filter { $0.status == .tooManyRequests }
            #expect(!limited.isEmpty)
            #expect(limited.allSatisfy { $0.headers[.retryAfter] == "1" })
            #expect(answers.contains { $0.status == .internalServerError })
            let tasks = try #require(try await sim.get("/_sim/tasks").json?["tasks"]?.array)
            #expect(tasks.count == answers.count - limited.count)
            let faults = Set(tasks.compactMap { $0["faults"]?.array?.first?.string })
            #expect(!faults.isEmpty && faults.isSubset(of: ["500", "reset", "truncated"]))
            let charges = try #require(try await sim.get("/_sim/ledger").json?["charges"]?.number)
            #expect(abs(charges - Double(tasks.count) * submission.price) < 1e-9)
        }
    }
}
