import Foundation
import Testing
import TroupeSimulator

/// The exit status tells the outcome: 0 success, 1 refused before sending or a local error,
/// 64 usage, 3 a paid call failed at the provider, 4 a paid call unknown or still open.
@Suite struct ExitStatusTests {
    /// A provider whose every answer is 200 with a body that is not JSON: a call sent to it may
    /// have been taken, so it ends `unknown`.
    static func withUnreadableProvider<T>(_ cli: CLIRunner, _ body: (RecordingProxy) throws -> T) throws -> T {
        try RecordingProxy.serving(body: Data("<html>not an answer</html>".utf8)) { server in
            let added = try cli.run("provider", "add", "murky", "--kind", "grsai", "--base-url", "http://127.0.0.1:\(server.port)")
            guard added.status == 0 else { throw CLIFailure(result: added) }
            return try body(server)
        }
    }

    @Test func usageErrorsExit64() throws {
        let cli = CLIRunner()
        for arguments in [["video", "generate"], ["video", "generate", "a cat", "--bogus"], ["video", "generate", "a cat", "--poll-interval", "-1"],
                          ["video", "generate", "a cat", "--poll-interval", "soon"], ["batch"], ["task", "reconcile", "3"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): exit \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("Error:"), "\(arguments): \(result.stderr)")
        }
        // Bad input found by the command itself: refused before sending, 1.
        let badPid = try cli.run("video", "fetch", "not-a-pid")
        #expect(badPid.status == 1, "\(badPid.stderr)")
    }

    @Test func theHelpDocumentsTheExitStatus() throws {
        let help = try CLIRunner().run("--help").stdout
        #expect(help.contains("Exit status:"))
        for line in ["0   everything asked for succeeded", "64  usage error", "3   at least one paid call ended failed at the provider",
                     "4   at least one paid call is unknown or still open"] {
            #expect(help.contains(line), "missing: \(line)")
        }
    }

    @Test func aModeratedGenerationOrRemixExits3() throws {
        try SimulatorProcess.serving(["--latency", "0.1", "--moderation-rate", "1", "--seed", "2"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("here", kind: "grsai", at: simulator)
            let generated = try cli.run("video", "generate", "a cat on a skateboard", "--provider", "here", "--poll-interval", "0")
            #expect(generated.status == 3, "\(generated.stdout) \(generated.stderr)")
            #expect(generated.stdout.contains("failed"))
            #expect(generated.stderr.contains("failed at the provider"))
            let json = try cli.run("video", "generate", "a cat on a skateboard", "--provider", "here", "--poll-interval", "0", "--json")
            #expect(json.status == 3, "\(json.stderr)")
            #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["status"] as? String == "failed")

            try cli.run("video", "add", "s_0a1b2c", "--prompt", "a parent")
            let remix = try cli.run("video", "remix", "s_0a1b2c", "same, at night", "--provider", "here", "--poll-interval", "0")
            #expect(remix.status == 3, "\(remix.stdout) \(remix.stderr)")
        }
    }

    @Test func anUnknownCallExits4AndSaysWhatSettlesIt() throws {
        let cli = CLIRunner()
        try Self.withUnreadableProvider(cli) { server in
            let generated = try cli.run("video", "generate", "a heron at dawn", "--provider", "murky", "--poll-interval", "0")
            #expect(generated.status == 4, "\(generated.stderr)")
            #expect(generated.stderr.contains("troupe task reconcile"))
            #expect(server.requestLines.count == 1, "sent once")
            // It stays unknown: resume never resends it, and says so by its status.
            let resumed = try cli.run("task", "resume")
            #expect(resumed.status == 4, "\(resumed.stdout) \(resumed.stderr)")
            #expect(resumed.stdout.contains("unknown"))
            #expect(server.requestLines.count == 1, "never resent")

            try cli.run("video", "add", "s_0d0e0f", "--prompt", "a parent")
            let remix = try cli.run("video", "remix", "s_0d0e0f", "same, at night", "--provider", "murky")
            #expect(remix.status == 4, "\(remix.stderr)")
        }
    }

    @Test func charactersExitByTheirCall() throws {
        let cli = CLIRunner()
        let clip = cli.home + "/cat.mp4"
        try FileManager.default.createDirectory(atPath: cli.home, withIntermediateDirectories: true)
        try MP4.make(seconds: 4, label: "a cartoon cat").write(to: URL(fileURLWithPath: clip))
        try Self.withUnreadableProvider(cli) { _ in
            let upload = try cli.run("character", "upload", clip, "--clip", "0,3", "--name", "hero", "--provider", "murky")
            #expect(upload.status == 4, "\(upload.stderr)")
            #expect(upload.stderr.contains("troupe task reconcile"))
            try cli.run("video", "add", "s_0a0b0c", "--prompt", "an owl")
            let extract = try cli.run("character", "extract", "s_0a0b0c", "--clip", "1,3", "--name", "owl", "--provider", "murky")
            #expect(extract.status == 4, "\(extract.stderr)")

            try SimulatorProcess.serving(["--latency", "0.1", "--seed", "4"]) { simulator in
                try cli.addProvider("here", kind: "grsai", at: simulator)
                let ready = try cli.run("character", "upload", clip, "--clip", "0,3", "--name", "cat", "--provider", "here", "--poll-interval", "0")
                #expect(ready.status == 0, "\(ready.stderr)")
                let later = try cli.run("character", "upload", clip, "--clip", "0,3", "--name", "kit", "--provider", "here", "--no-wait")
                #expect(later.status == 0, "--no-wait leaves it open as asked: \(later.stderr)")
                #expect(later.stderr.contains("`troupe task resume` finishes it"))
            }
        }
    }

    @Test func noWaitExits0AndResumeExitsByWhatItFinished() throws {
        try SimulatorProcess.serving(["--latency", "0.2", "--moderation-rate", "1", "--seed", "6"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("here", kind: "grsai", at: simulator)
            let sent = try cli.run("video", "generate", "a fox in the snow", "--provider", "here", "--no-wait")
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stderr.contains("`troupe task resume` finishes it"))
            let resumed = try cli.run("task", "resume")
            #expect(resumed.status == 3, "the call ended failed (moderated): \(resumed.stdout) \(resumed.stderr)")
            #expect(try cli.run("task", "resume").status == 0, "nothing left to resume")
        }
    }

    @Test func aBatchExitsByItsRows() throws {
        try SimulatorProcess.serving(["--latency", "0.1", "--moderation-rate", "1", "--seed", "8"]) { moderated in
            let cli = CLIRunner()
            try cli.addProvider("here", kind: "grsai", at: moderated)
            let csv = cli.home + "/scenes.csv"
            try FileManager.default.createDirectory(atPath: cli.home, withIntermediateDirectories: true)
            try "place\nParis\nRome\n".write(toFile: csv, atomically: true, encoding: .utf8)
            let failed = try cli.run("batch", csv, "--prompt", "a cat in {{place}}", "--provider", "here", "--yes", "--poll-interval", "0")
            #expect(failed.status == 3, "\(failed.stdout) \(failed.stderr)")
            #expect(failed.stderr.contains("in flight"), "the progress shows rows in flight: \(failed.stderr)")

            try Self.withUnreadableProvider(cli) { _ in
                let unknown = try cli.run("batch", csv, "--prompt", "a dog in {{place}}", "--provider", "murky", "--yes")
                #expect(unknown.status == 4, "\(unknown.stdout) \(unknown.stderr)")
                #expect(unknown.stderr.contains("troupe task reconcile"))

                try SimulatorProcess.serving(["--latency", "0.1", "--seed", "9"]) { fine in
                    try cli.addProvider("ok", kind: "grsai", at: fine)
                    let done = try cli.run("batch", csv, "--prompt", "an owl in {{place}}", "--provider", "ok", "--yes", "--poll-interval", "0")
                    #expect(done.status == 0, "\(done.stderr)")
                }
            }
        }
    }

    @Test func aBatchWithAMissingKeyIsRefusedOnceBeforeThePlan() throws {
        try SimulatorProcess.serving(["--latency", "0.1"]) { simulator in
            let cli = CLIRunner()
            let added = try cli.run("provider", "add", "keyed", "--kind", "grsai", "--base-url", simulator.baseURL, "--key-env", "TROUPE_TEST_ABSENT_KEY")
            #expect(added.status == 0, "\(added.stderr)")
            let csv = cli.home + "/scenes.csv"
            try "place\nParis\nRome\nLima\n".write(toFile: csv, atomically: true, encoding: .utf8)
            let result = try cli.run(["batch", csv, "--prompt", "a cat in {{place}}", "--provider", "keyed", "--yes"],
                                     environment: ["TROUPE_TEST_ABSENT_KEY": "", "TROUPE_TEST_ABSENT_KEY_FILE": ""])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.components(separatedBy: "TROUPE_TEST_ABSENT_KEY is not set").count == 2, "said once: \(result.stderr)")
            #expect(!result.stderr.contains("row(s)"), "before the plan: \(result.stderr)")
            #expect(try cli.jsonArray("task", "list").isEmpty)
        }
    }

    @Test func aBatchNotInUTF8IsRefusedWithItsLine() async throws {
        try await SimulatorProcess.serving(["--latency", "0.1"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("here", kind: "grsai", at: simulator)
            let csv = cli.home + "/scenes.csv"
            try (Data("place\nParis\n".utf8) + Data([0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68, 0x0A])).write(to: URL(fileURLWithPath: csv))
            let result = try cli.run("batch", csv, "--prompt", "a cat in {{place}}", "--provider", "here", "--yes")
            #expect(result.status == 1)
            #expect(result.stderr.contains("line 3: the CSV is not valid UTF-8"), "\(result.stderr)")
            #expect(try await simulator.tasks().isEmpty, "nothing was sent")
        }
    }

    @Test func videoFetchExits4WhenTheDownloadFails() throws {
        let cli = CLIRunner()
        // The simulator is gone once the video is made, so that the fetch cannot download it again.
        let pid = try SimulatorProcess.serving(["--latency", "0.1", "--seed", "10"]) { simulator in
            try cli.addProvider("here", kind: "grsai", at: simulator)
            let video = try cli.jsonObject("video", "generate", "a crow on a wire", "--provider", "here", "--poll-interval", "0")
            let pid = try #require(video["pid"] as? String)
            let path = try #require((video["asset"] as? [String: Any])?["path"] as? String)
            try FileManager.default.removeItem(atPath: path)
            return pid
        }
        let fetched = try cli.run("video", "fetch", pid)
        #expect(fetched.status == 4, "\(fetched.stderr)")
        #expect(fetched.stderr.contains("troupe video fetch \(pid)"))
    }
}

@Suite struct CLIRunnerTests {
    @Test(.timeLimit(.minutes(1))) func aChildFillingStderrDoesNotHang() async throws {
        // 200 KiB on stderr before anything on stdout: more than a pipe holds.
        let finished = LockedText()
        let thread = Thread {
            let result = try? CLIRunner().run(["-c", "head -c 204800 /dev/zero >&2; echo done"], executable: "/bin/sh")
            finished.append(Data("\(result?.status ?? -1) \(result?.stdout ?? "") \(result?.stderr.count ?? -1)".utf8))
        }
        thread.start()
        let deadline = Date().addingTimeInterval(20)
        while finished.text.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(finished.text == "0 done\n 204800", "the runner blocked on a full stderr pipe")
    }
}

@Suite struct ConcurrentBatchTests {
    @Test func twoBatchProcessesAtOnceOnOneHomeSendEachRowOnceAndBothExit0() async throws {
        try await SimulatorProcess.serving(["--latency", "0.3", "--seed", "12"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("here", kind: "grsai", at: simulator)
            let csv = cli.home + "/scenes.csv"
            try ("n\n" + (1...12).map(String.init).joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
            let batch: @Sendable () throws -> CLIRunner.Result = {
                try cli.run("batch", csv, "--prompt", "scene {{n}} at dawn", "--provider", "here", "--yes", "--poll-interval", "0.1")
            }
            let results = await CLIRunner.atOnce([batch, batch], timeout: 60)
            let text = results.map { "<exit \($0?.status ?? -1)>\n\($0?.stderr ?? "")\n" }.joined()
            #expect(text.components(separatedBy: "<exit 0>").count == 3, "both runs succeed: \(text)")
            #expect(!text.contains("SQLite") && !text.contains("UNIQUE"), "\(text)")
            #expect(try await simulator.tasks().count == 12, "each row sent once")
        }
    }
}
