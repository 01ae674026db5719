import Foundation
import Testing

/// A provider handing out a pid the catalogue already holds never costs the paid file.
@Suite struct PidConflictCommandTests {
    @Test func aPidAnotherVideoHoldsStillGivesAFileAndEveryViewSaysSo() throws {
        // Two simulators with one seed hand out the same pid for their first video.
        try SimulatorProcess.serving(["--latency", "0.1", "--seed", "11"]) { one in
            try SimulatorProcess.serving(["--latency", "0.1", "--seed", "11"]) { two in
                let cli = CLIRunner()
                try cli.addProvider("one", kind: "grsai", at: one)
                try cli.addProvider("two", kind: "grsai", at: two)
                let first = try cli.jsonObject("video", "generate", "a cat", "--provider", "one")
                let pid = try #require(first["pid"] as? String)
                let holder = try #require(first["id"] as? Int)
                let second = try cli.jsonObject("video", "generate", "a cat", "--provider", "two")
                #expect(second["pid"] is NSNull)
                #expect(second["status"] as? String == "succeeded")
                #expect(second["pid_conflict"] as? String == "the provider gave pid \(pid), which video #\(holder) already holds")
                let path = try #require((second["asset"] as? [String: Any])?["path"] as? String, "the paid file is in the vault")
                #expect(FileManager.default.fileExists(atPath: path))
                #expect(second["url"] is String)

                let id = try #require(second["id"] as? Int)
                let shown = try cli.run("video", "show", "video#\(id)")
                #expect(shown.stdout.contains("conflict    the provider gave pid \(pid), which video #\(holder) already holds"), "\(shown.stdout)")
                let task = try #require(second["task_id"] as? Int)
                let taskShown = try cli.run("task", "show", String(task))
                #expect(taskShown.stdout.contains("which video #\(holder) already holds; this video is kept as video#\(id)"), "\(taskShown.stdout)")
                #expect(try cli.run("video", "list").stdout.contains("video#\(id)"))
                let holderShown = try cli.jsonObject("video", "show", pid)
                #expect(holderShown["pid_conflict"] as? String == "the provider gave this pid to video #\(id) (task \(task)) too")
            }
        }
    }
}
