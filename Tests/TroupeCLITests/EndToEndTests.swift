import Foundation
import Testing
import TroupeSimulator

/// The built `troupe` binary against `troupe sim serve --port 0`, each test in a home of its own.
@Suite struct EndToEndTests {
    /// Checks a video's `--json` report and its file in the vault; returns its pid.
    @discardableResult
    static func expectVideoInVault(_ video: [String: Any], provider: String, parent: String?, features: Set<String>,
                                   hasPid: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let pid = video["pid"] as? String ?? ""
        if hasPid {
            #expect(pid.wholeMatch(of: /s_[0-9a-f]+/) != nil, "pid \(pid)", sourceLocation: sourceLocation)
        }
        #expect(video["status"] as? String == "succeeded", sourceLocation: sourceLocation)
        #expect(video["provider"] as? String == provider, sourceLocation: sourceLocation)
        #expect(video["parent_pid"] as? String == parent, sourceLocation: sourceLocation)
        #expect(Set(video["features"] as? [String] ?? ["?"]) == features, sourceLocation: sourceLocation)
        #expect((video["url"] as? String)?.hasPrefix("http://127.0.0.1:") == true, sourceLocation: sourceLocation)
        #expect(video["task_id"] is Int, sourceLocation: sourceLocation)
        let asset = try #require(video["asset"] as? [String: Any], "no file in the vault for \(pid)", sourceLocation: sourceLocation)
        let path = try #require(asset["path"] as? String, sourceLocation: sourceLocation)
        let sha = try #require(asset["sha256"] as? String, sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: path), sourceLocation: sourceLocation)
        #expect(try sha256Hex(ofFileAt: path) == sha, "the vault file's content does not match its hash", sourceLocation: sourceLocation)
        #expect(path.hasSuffix("/\(sha).mp4"), sourceLocation: sourceLocation)
        let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(bytes == asset["bytes"] as? Int, sourceLocation: sourceLocation)
        #expect(MP4.duration(of: try Data(contentsOf: URL(fileURLWithPath: path))) != nil, "not an MP4", sourceLocation: sourceLocation)
        return pid
    }

    @Test func theStoryThroughTheCLI() async throws {
        try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "7"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            let clip = cli.home + "/cat.mp4"
            try MP4.make(seconds: 4, label: "a cartoon cat").write(to: URL(fileURLWithPath: clip))

            // A character from a local clip.
            let hero = try cli.jsonObject("character", "upload", clip, "--clip", "0,3", "--name", "hero", "--provider", "s2")
            #expect(hero["handle"] as? String == "hero")
            #expect(hero["status"] as? String == "ready")
            #expect(hero["provider"] as? String == "s2")
            let heroId = try #require(hero["character_id"] as? String)
            let heroSource = try #require(hero["source"] as? [String: Any])
            #expect(heroSource["clip"] as? [Double] == [0, 3])

            // A video featuring it, remixed twice (a chain).
            let first = try Self.expectVideoInVault(
                try cli.jsonObject("video", "generate", "@hero skateboards through a market", "--provider", "s2"),
                provider: "s2", parent: nil, features: ["@hero"])
            let firstReport = try cli.jsonObject("video", "show", first)
            #expect((firstReport["compiled_prompt"] as? String)?.contains(heroId) == true, "the compiled prompt names the character id")
            let second = try Self.expectVideoInVault(
                try cli.jsonObject("video", "remix", first, "same ride, at night", "--provider", "s2"),
                provider: "s2", parent: first, features: [])
            let third = try Self.expectVideoInVault(
                try cli.jsonObject("video", "remix", second, "same ride, in the rain", "--provider", "s2"),
                provider: "s2", parent: second, features: [])

            // A character extracted from the last remix, then a video with both characters.
            let owl = try cli.jsonObject("character", "extract", third, "--clip", "1,3", "--name", "owl", "--provider", "s2")
            #expect(owl["status"] as? String == "ready")
            #expect(owl["character_id"] is String)
            let owlSource = try #require(owl["source"] as? [String: Any])
            #expect(owlSource["pid"] as? String == third)
            #expect(owlSource["clip"] as? [Double] == [1, 3])
            let duel = try Self.expectVideoInVault(
                try cli.jsonObject("video", "generate", "@hero argues with @owl on a rooftop", "--provider", "s2"),
                provider: "s2", parent: nil, features: ["@hero", "@owl"])

            // The lineage of @hero: every node and edge of the story.
            let lineage = try cli.jsonObject("lineage", "@hero")
            let nodes = try #require(lineage["nodes"] as? [[String: Any]])
            let edges = try #require(lineage["edges"] as? [[String: Any]])
            let labels = nodes.compactMap { $0["label"] as? String }
            for pid in [first, second, third, duel] {
                #expect(labels.contains { $0.contains(pid) }, "lineage misses \(pid): \(labels)")
            }
            #expect(labels.contains { $0.contains("@hero") } && labels.contains { $0.contains("@owl") }, "\(labels)")
            #expect(nodes.count == 6)
            let idOf = Dictionary(nodes.map { (($0["id"] as? String) ?? "", ($0["label"] as? String) ?? "") }, uniquingKeysWith: { a, _ in a })
            let edgeTexts = Set(edges.map { edge in
                let from = idOf[edge["from"] as? String ?? ""] ?? "?"
                let to = idOf[edge["to"] as? String ?? ""] ?? "?"
                return "\(Self.short(from)) \(edge["kind"] as? String ?? "?") \(Self.short(to))"
            })
            #expect(edgeTexts == [
                "\(first) features @hero", "\(second) remix \(first)", "\(third) remix \(second)",
                "@owl extract \(third)", "\(duel) features @hero", "\(duel) features @owl",
            ])

            // The journal, the costs and the simulator's ledger agree: six calls, each paid once.
            let tasks = try cli.jsonArray("task", "list")
            #expect(tasks.count == 6)
            #expect(tasks.allSatisfy { $0["state"] as? String == "succeeded" && $0["attempts"] as? Int == 1 })
            let costs = try cli.jsonArray("costs")
            #expect(costs.allSatisfy { $0["provider"] as? String == "s2" })
            #expect(costs.reduce(0) { $0 + ($1["calls"] as? Int ?? 0) } == 6)
            let charged = costs.reduce(0.0) { $0 + ($1["charged"] as? Double ?? 0) }
            let net = costs.reduce(0.0) { $0 + ($1["net"] as? Double ?? 0) }
            #expect(abs(charged - 0.34) < 1e-9, "4 videos at 0.08 and 2 characters at 0.01")
            #expect(abs(net - 0.34) < 1e-9)
            let ledger = try await simulator.admin("/_sim/ledger")
            #expect(ledger["charges"] as? Double == 0.34)
            #expect(ledger["refunds"] as? Double == 0)
            #expect((ledger["entries"] as? [Any])?.count == 6)
            let simulated = try await simulator.tasks()
            #expect(Set(simulated.compactMap { $0["id"] as? String }) == Set(tasks.compactMap { $0["remote_id"] as? String }))
            #expect(Set(simulated.compactMap { $0["pid"] as? String }) == [first, second, third, duel])
        }
    }

    /// "s_1a2b (…)" or "@hero (…)" → "s_1a2b" / "@hero".
    static func short(_ label: String) -> String {
        String(label.split(separator: " ").first ?? "")
    }

    @Test func aKilledGenerationIsFinishedByTaskResumeAndPaidOnce() async throws {
        try await SimulatorProcess.serving(["--latency", "3", "--seed", "11"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s2", kind: "grsai", at: simulator)

            let generation = Process()
            generation.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            generation.arguments = ["video", "generate", "a lighthouse in a storm", "--provider", "s2"]
            generation.environment = ProcessInfo.processInfo.environment.merging(["TROUPE_HOME": cli.home, "NO_COLOR": "1"]) { _, new in new }
            generation.standardOutput = FileHandle.nullDevice
            generation.standardError = FileHandle.nullDevice
            try generation.run()
            defer { if generation.isRunning { kill(generation.processIdentifier, SIGKILL) } }

            // Wait until the journal says the provider has it, then kill -9 the CLI.
            let row = try #require(try Self.waitUntilSubmitted(cli: cli, while: generation),
                                   "the journal never showed the task submitted while the CLI ran")
            kill(generation.processIdentifier, SIGKILL)
            generation.waitUntilExit()
            #expect(generation.terminationReason == .uncaughtSignal && generation.terminationStatus == SIGKILL)
            let remoteId = try #require(row["remote_id"] as? String)
            #expect(try cli.jsonArray("video", "list").first?["asset"] is NSNull, "no file before resume")

            let resumed = try cli.jsonArray("task", "resume")
            #expect(resumed.count == 1)
            #expect(resumed.first?["after"] as? String == "succeeded", "\(resumed)")
            #expect((resumed.first?["summary"] as? String)?.contains("in the vault") == true)

            let videos = try cli.jsonArray("video", "list")
            #expect(videos.count == 1)
            let pid = try Self.expectVideoInVault(try #require(videos.first), provider: "s2", parent: nil, features: [])
            let tasks = try cli.jsonArray("task", "list")
            #expect(tasks.count == 1)
            #expect(tasks.first?["state"] as? String == "succeeded" && tasks.first?["remote_id"] as? String == remoteId)
            #expect(tasks.first?["attempts"] as? Int == 1)

            let simulated = try await simulator.tasks()
            #expect(simulated.count == 1)
            #expect(simulated.first?["id"] as? String == remoteId && simulated.first?["pid"] as? String == pid)
            let ledger = try await simulator.admin("/_sim/ledger")
            #expect((ledger["entries"] as? [Any])?.count == 1)
            #expect(ledger["charges"] as? Double == 0.08)

            // A second resume has nothing left to do and sends nothing.
            #expect(try cli.jsonArray("task", "resume").isEmpty)
            #expect(try await simulator.tasks().count == 1)
        }
    }

    /// Polls `task list --json` (blocking this thread, so the wait does not depend on the
    /// concurrency pool other tests keep busy) for a row the provider has taken.
    static func waitUntilSubmitted(cli: CLIRunner, while process: Process) throws -> [String: Any]? {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && process.isRunning {
            let result = try cli.run("task", "list", "--json")
            if result.status == 0, let rows = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]],
               let row = rows.first(where: { ["submitted", "running"].contains($0["state"] as? String) && $0["remote_id"] is String }) {
                return row
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    @Test func aFlakyProviderIsNeverPaidTwiceAndResumeLeavesNothingOpen() async throws {
        // AceData answers synchronously, so twenty generations need no 3 s poll waits.
        try await SimulatorProcess.serving(["--latency", "0.2", "--fail-rate", "0.3", "--seed", "42"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("flaky", kind: "acedata", at: simulator)

            var failures = 0
            for take in 1...20 {
                let result = try cli.run("video", "generate", "take \(take): a paper boat on a river", "--provider", "flaky")
                if result.status == 0 { continue }
                failures += 1
                let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
                let last = String(lines.last ?? "")
                #expect(last.hasPrefix("Error: task "), "take \(take): \(result.stderr)")
                #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"), "take \(take): \(result.stderr)")
                #expect(result.stdout.isEmpty, "take \(take): \(result.stdout)")
            }
            #expect(failures > 0 && failures < 20, "a 30 % fault rate over 20 calls: \(failures) failed")
            // A generation that exits 0 has its file in the vault, even when the provider answered
            // the submission with the finished result (AceData is synchronous: no poll).
            let before = try cli.jsonArray("video", "list").filter { $0["status"] as? String == "succeeded" }
            #expect(before.count == 20 - failures)
            for video in before {
                #expect(video["asset"] is [String: Any], "task \(video["task_id"] ?? "?") succeeded without its file before `task resume`")
            }

            _ = try cli.run("task", "resume")
            let journal = try cli.jsonArray("task", "list")
            #expect(journal.count == 20, "one journal row per generation")
            let states = journal.map { $0["state"] as? String ?? "?" }
            #expect(states.allSatisfy { ["succeeded", "failed", "unknown"].contains($0) }, "\(states)")
            // A call answered 429 (not taken) is sent again after the wait, up to five sends; a call
            // the provider may have taken is never sent again.
            #expect(journal.allSatisfy { (1...5).contains($0["attempts"] as? Int ?? 0) }, "\(journal.map { $0["attempts"] ?? "?" })")

            let simulated = try await simulator.tasks()
            #expect(simulated.count <= journal.count)
            let journalRemote = journal.compactMap { $0["remote_id"] as? String }
            var perRemote: [String: Int] = [:]
            for id in journalRemote { perRemote[id, default: 0] += 1 }
            #expect(perRemote.values.allSatisfy { $0 == 1 }, "\(perRemote)")
            let simulatedIds = simulated.compactMap { $0["id"] as? String }
            #expect(Set(simulatedIds).count == simulatedIds.count)
            let prompts = simulated.compactMap { $0["prompt"] as? String }
            #expect(Set(prompts).count == prompts.count, "a prompt was charged twice")
            #expect(Set(journalRemote).isSubset(of: Set(simulatedIds)), "the journal knows no task the provider lacks")
            // A task the journal holds no id for was answered with a fault after it was created:
            // each such call is journaled as unknown (never resent), one for one.
            let unmatched = simulated.filter { !journalRemote.contains($0["id"] as? String ?? "") }
            let unknown = journal.filter { $0["state"] as? String == "unknown" }
            #expect(unmatched.count == unknown.count, "unmatched \(unmatched.count), unknown \(unknown.count)")
            #expect(unmatched.allSatisfy { task in
                (task["faults"] as? [String] ?? []).contains { ["500", "reset", "truncated"].contains($0) }
            }, "\(unmatched)")
            // Refused calls (429 five times) created nothing: journal rows = simulator tasks + refusals.
            let refused = journal.filter { $0["state"] as? String == "failed" && ["not_accepted", "rate_limited"].contains($0["failure_reason"] as? String ?? "") }
            #expect(simulated.count + refused.count == journal.count)

            for video in try cli.jsonArray("video", "list") where video["status"] as? String == "succeeded" {
                try Self.expectVideoInVault(video, provider: "flaky", parent: nil, features: [], hasPid: false)
            }
        }
    }
}
