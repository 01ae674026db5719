import Foundation
import Testing

/// What is printed cannot drive the terminal: provider- and user-supplied text is shown with its
/// control characters escaped in every human-readable output; `--json` keeps the exact value.
@Suite struct TerminalEscapeTests {
    static let escape = "\u{1b}"

    /// No raw control character but the line breaks (and tabs) troupe lays out itself.
    static func expectNoControls(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202e}" }
        #expect(raw.isEmpty, "\(what) printed raw control characters: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func catalogueTextIsPrintedEscapedAndKeptExactInJSON() throws {
        let cli = CLIRunner()
        let prompt = "a cat \u{1b}[2J\u{1b}]0;owned\u{07} on\na skateboard \u{202e}txet"
        let shown = #"a cat \e[2J\e]0;owned\x07 on\na skateboard \u{202e}txet"#
        let notes = "likes \u{1b}[31mred\u{1b}[0m\r"
        for arguments in [
            ["video", "add", "s_68f1a2", "--prompt", prompt],
            ["video", "add", "s_7a03bc", "--remix-of", "s_68f1a2", "--prompt", "at night \u{1b}[1A"],
            ["character", "add", "hero", "--id", "cartoon_cat_001", "--from", "s_7a03bc", "--clip", "1,3", "--notes", notes],
            ["character", "add", "dancer", "--url", "https://cdn.example.com/d\u{1b}[8m.mp4", "--clip", "0,3"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }

        let list = try cli.run("video", "list")
        Self.expectNoControls(list.stdout, "video list")
        #expect(list.stdout.contains(#"a cat \e[2J\e]0;owned\x07 on\na"#))
        #expect(list.stdout.contains(#"at night \e[1A"#))

        let show = try cli.run("video", "show", "s_68f1a2")
        Self.expectNoControls(show.stdout, "video show")
        #expect(show.stdout.contains("prompt      " + shown))
        #expect(try cli.jsonObject("video", "show", "s_68f1a2")["prompt"] as? String == prompt)
        #expect(try cli.jsonArray("video", "list").contains { $0["prompt"] as? String == prompt })

        let characters = try cli.run("character", "list")
        Self.expectNoControls(characters.stdout, "character list")
        #expect(characters.stdout.contains(#"https://cdn.example.com/d\e[8m.mp4"#))
        let hero = try cli.run("character", "show", "hero")
        Self.expectNoControls(hero.stdout, "character show")
        #expect(hero.stdout.contains(#"notes     likes \e[31mred\e[0m\r"#))
        #expect(try cli.jsonObject("character", "show", "hero")["notes"] as? String == notes)

        for format in ["tree", "dot", "mermaid"] {
            let lineage = try cli.run("lineage", "@hero", "--format", format)
            #expect(lineage.status == 0, "\(lineage.stderr)")
            Self.expectNoControls(lineage.stdout, "lineage --format \(format)")
            #expect(lineage.stdout.contains(#"\e[2J"#), "lineage --format \(format): \(lineage.stdout)")
        }
        let graph = try cli.jsonObject("lineage", "@hero")
        let labels = (graph["nodes"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        #expect(labels.contains { $0.contains("\u{1b}[2J\u{1b}]0;owned\u{07}") }, "lineage JSON keeps the exact label: \(labels)")
    }

    @Test func errorLinesAreEscaped() throws {
        let cli = CLIRunner()
        // A failure of troupe's own (the bad value echoed in the message).
        let bad = try cli.run("character", "add", "hero", "--id", "bad\u{1b}[31mid")
        #expect(bad.status == 1)
        Self.expectNoControls(bad.stderr, "an error line")
        #expect(bad.stderr.hasPrefix(#"Error: invalid character id 'bad\e[31mid'"#), "\(bad.stderr)")
        #expect(bad.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "one line: \(bad.stderr)")
        // A usage error ArgumentParser prints with the usage.
        let usage = try cli.run("lineage", "s_68f1a2", "--format", "\u{1b}[2Jtree")
        #expect(usage.status == 64)
        Self.expectNoControls(usage.stderr, "a usage error")
        #expect(usage.stderr.contains(#"unknown format '\e[2Jtree'"#), "\(usage.stderr)")
        #expect(usage.stderr.contains("Usage: "), "\(usage.stderr)")
    }

    @Test func whatAProviderSaysIsPrintedEscaped() async throws {
        let cli = CLIRunner()
        let environment = ["HOSTILE_KEY": KeyLeakTests.key]
        let generated = try await HostileProvider.serving(.pollThenFail) { provider in
            try await cli.runAside("provider", "add", "hostile", "--kind", "grsai", "--base-url", provider.baseURL, "--key-env", "HOSTILE_KEY")
            return try await cli.runAside(["video", "generate", "a cat", "--provider", "hostile", "--poll-interval", "0"], environment: environment)
        }
        let task = try cli.run("task", "show", "1")
        let tasks = try cli.run("task", "list")
        let json = try cli.jsonObject("task", "show", "1")
        let videos = try cli.jsonArray("video", "list")

        // The progress lines (the provider's task id, a failed poll) and the outcome.
        Self.expectNoControls(generated.stderr, "video generate (stderr)")
        Self.expectNoControls(generated.stdout, "video generate (stdout)")
        #expect(generated.stderr.contains("submitted (provider task task-7)"), "\(generated.stderr)")
        #expect(generated.stderr.contains(#"poll failed ("#) && generated.stderr.contains(#"\e[5m"#), "\(generated.stderr)")
        #expect((generated.stdout + generated.stderr).contains(#"output_moderation\e]0;owned\x07"#), "\(generated)")

        Self.expectNoControls(task.stdout, "task show")
        #expect(task.stdout.contains("remote id task-7"), "\(task.stdout)")
        #expect(task.stdout.contains(#"failure   output_moderation\e]0;owned\x07"#), "\(task.stdout)")
        #expect(task.stdout.contains(#"\e[31m\u{202e}desrever"#), "\(task.stdout)")
        Self.expectNoControls(tasks.stdout, "task list")
        #expect(tasks.stdout.contains("task-7"), "\(tasks.stdout)")

        #expect(json["remote_id"] as? String == HostileProvider.taskID)
        #expect(json["failure_reason"] as? String == HostileProvider.failureReason)
        #expect((json["error"] as? String)?.hasSuffix("\u{1b}[31m\u{202e}desrever") == true, "\(json)")
        #expect(videos.first?["failure_reason"] as? String == HostileProvider.failureReason)
    }
}
