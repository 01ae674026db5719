import Foundation
import Testing

/// `task reconcile` and `task retry` through the built binary against `troupe sim serve`.
@Suite struct ReconcileCommandTests {
    @Test func anUnknownCallIsReconciledByHandAndARefusedOneRetried() async throws {
        // Seed 45 at fail rate 0.2: the first call is taken (and charged) but answered 500.
        try await SimulatorProcess.serving(["--latency", "0.2", "--fail-rate", "0.2", "--seed", "45"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            let sent = try cli.run("video", "generate", "a heron at dawn", "--provider", "s2")
            #expect(sent.status != 0 && sent.stderr.contains("troupe task reconcile 1"), "\(sent.stderr)")
            #expect(try cli.jsonObject("task", "show", "1")["state"] as? String == "unknown")
            #expect(try cli.run("task", "show", "1").stderr.contains("troupe task reconcile 1 --remote-id ID"))

            // An unknown call is never resent: retry refuses it in one line.
            let retry = try cli.run("task", "retry", "1")
            #expect(retry.status != 0)
            #expect(retry.stderr.split(separator: "\n").count == 1 && retry.stderr.contains("reconcile it first"), "\(retry.stderr)")
            for wrong in [["task", "reconcile", "1"], ["task", "reconcile", "1", "--remote-id", "x", "--not-taken"]] {
                let result = try cli.run(wrong)
                #expect(result.status != 0 && result.stderr.contains("give one of"), "\(wrong): \(result.stderr)")
            }

            // The provider's console (the simulator's task list) shows the call: attach its id.
            let remoteId = try #require(try await simulator.tasks().first { $0["prompt"] as? String == "a heron at dawn" }?["id"] as? String)
            let attached = try cli.jsonObject("task", "reconcile", "1", "--remote-id", remoteId)
            #expect(attached["state"] as? String == "submitted" && attached["remote_id"] as? String == remoteId)
            #expect(try cli.run("task", "reconcile", "1", "--not-taken").status != 0, "only unknown tasks are reconciled")
            let resumed = try cli.jsonArray("task", "resume")
            #expect(resumed.first?["after"] as? String == "succeeded", "\(resumed)")
            #expect(try cli.jsonArray("video", "list").first?["asset"] is [String: Any])
            #expect(try await simulator.tasks().count == 1)

            // A refused call (a wrong key: 401, nothing charged) is sent again on its journal row.
            try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "3", "--key", "right"]) { keyed in
                let added = try cli.run("provider", "add", "keyed", "--kind", "grsai", "--base-url", keyed.baseURL, "--key-env", "KEYED_KEY")
                #expect(added.status == 0, "\(added.stderr)")
                let refused = try cli.run("video", "generate", "a crane at dusk", "--provider", "keyed", environment: ["KEYED_KEY": "wrong"])
                #expect(refused.status != 0)
                let task = try cli.jsonObject("task", "show", "2")
                #expect(task["state"] as? String == "failed" && task["failure_reason"] as? String == "not_accepted")
                #expect(try cli.run("task", "show", "2").stderr.contains("troupe task retry 2"))
                let again = try cli.run("task", "retry", "2", "--json", environment: ["KEYED_KEY": "right"])
                #expect(again.status == 0, "\(again.stderr)")
                let report = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
                #expect(report["id"] as? Int == 2 && report["state"] as? String == "succeeded" && report["attempts"] as? Int == 2)
                #expect(try cli.jsonArray("task", "list").count == 2)
                #expect(try await keyed.tasks().count == 1)
            }
        }
    }
}
