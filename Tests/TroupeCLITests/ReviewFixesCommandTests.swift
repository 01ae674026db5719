import Foundation
import Testing

/// Fixes from the newcomer review, as a user meets them on the command line.
@Suite struct ReviewFixesCommandTests {
    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func theModelIsNamedInDryRunsAndRenders() throws {
        let cli = CLIRunner()
        let json = try cli.jsonObject("video", "generate", "a heron", "--model", "veo3.1-fast", "--dry-run")
        #expect(json["model"] as? String == "veo3.1-fast")
        #expect(json["price"] as? Double == 0.4 && json["currency"] as? String == "CNY", "the price is a number, as elsewhere")
        let text = try cli.run("video", "generate", "a heron", "--model", "veo3.1-fast", "--dry-run")
        #expect(text.stdout.hasPrefix("would send to grsai (generate, model veo3.1-fast), price 0.40 CNY:"), "\(text.stdout)")
        let rendered = try cli.jsonObject("prompt", "render", "a heron", "--model", "veo3.1-fast")
        #expect(rendered["model"] as? String == "veo3.1-fast" && rendered["prompt"] as? String == "a heron")
        let renderedText = try cli.run("prompt", "render", "a heron")
        #expect(renderedText.stderr.contains("model: sora-2"))
    }

    @Test func badImageInputsAreRefusedInOneLineBeforeAnythingIsJournaled() throws {
        let cli = CLIRunner()
        let fake = cli.home + "-fake.png"
        try Data("a text file\n".utf8).write(to: URL(fileURLWithPath: fake))
        defer { try? FileManager.default.removeItem(atPath: fake) }
        let frame = try cli.run("video", "generate", "a heron", "--model", "veo3.1-fast", "--first-frame", fake, "--dry-run")
        #expect(frame.status == 1)
        #expect(frame.stderr == "Error: first frame file '\(fake)' is not a PNG, JPEG or WebP image (it is text): give an image file or an http(s) URL\n")
        let ftp = try cli.run("video", "generate", "a heron", "--model", "veo3.1-fast", "--first-frame", "ftp://x/y.png")
        #expect(ftp.status == 1 && ftp.stderr.contains("only http(s) URLs or a local PNG, JPEG or WebP file are taken"))
        let spaced = try cli.run("video", "generate", "a heron", "--image", "https://x.example/a b.png")
        #expect(spaced.status == 1 && spaced.stderr.contains("is not usable: give an http(s) URL with a host and no spaces"))
        #expect(try cli.jsonArray("task", "list").isEmpty, "nothing was journaled")

        try cli.run("character", "add", "pilot", "--image", "https://img.test/pilot.png")
        for url in ["http://", "https://x.example/a b.png"] {
            let image = try cli.run("character", "image", "pilot", url)
            #expect(image.status == 1 && image.stderr.contains("with a host and no spaces"), "\(url): \(image.stderr)")
        }
    }

    @Test func imageIsRepeatable() throws {
        let cli = CLIRunner()
        let json = try cli.jsonObject("video", "generate", "a heron", "--model", "veo3.1-fast", "--dry-run",
                                      "--image", "https://img.test/1.png", "--image", "https://img.test/2.png")
        #expect((json["request"] as? String)?.contains(#""urls":["https://img.test/1.png","https://img.test/2.png"]"#) == true)
        let help = try cli.run("video", "generate", "--help")
        #expect(help.stdout.contains("repeatable, up to the model's limit"))
        let batch = try cli.run("batch", "--help")
        #expect(batch.stdout.contains("separated by `;`") && batch.stdout.contains("place,model,duration,image"))
    }

    @Test func lineageTakesVideoIDsAndVideoAddRecordsTheModel() throws {
        let cli = CLIRunner()
        let parent = try cli.jsonObject("video", "add", "s_0a1b2c", "--model", "sora-2-pro", "--prompt", "a fox")
        #expect(parent["model"] as? String == "sora-2-pro")
        try cli.run("video", "add", "s_0a1b2d", "--remix-of", "s_0a1b2c")
        for node in ["video#2", "#2", "s_0a1b2d"] {
            let graph = try cli.run("lineage", node, "--up", "--format", "json")
            #expect(graph.status == 0, "\(node): \(graph.stderr)")
            #expect(graph.stdout.contains("s_0a1b2c") && graph.stdout.contains("sora-2-pro"), "\(node): \(graph.stdout)")
        }
        let bad = try cli.run("lineage", "hero")
        #expect(bad.stderr.contains("video#ID") && bad.stderr.contains("video_abc123"))
        let shown = try cli.run("video", "show", "s_0a1b2c")
        #expect(shown.stdout.contains("sora-2-pro"))
    }

    @Test func aRefusedGenerationPrintsItsRecordWithJSONAndTaskShowNamesModelAndCurrency() async throws {
        try await HostileProvider.serving(.submit400Text) { provider in
            let cli = CLIRunner()
            let added = try await cli.runAside("provider", "add", "p9", "--kind", "grsai", "--base-url", provider.baseURL, "--key-env", "P9_KEY")
            #expect(added.status == 0, "\(added.stderr)")
            let failed = try await cli.runAside(["video", "generate", "a cat", "--provider", "p9", "--poll-interval", "0", "--json"],
                                                environment: ["P9_KEY": "sk-test"])
            #expect(failed.status == 3, "\(failed.stderr)")
            let video = Self.object(failed.stdout)
            #expect(video["status"] as? String == "failed" && video["model"] as? String == "sora-2", "\(failed.stdout)")
            let task = try cli.jsonObject("task", "show", "1")
            #expect(task["model"] as? String == "sora-2" && task["currency"] as? String == "CNY")
            let text = try cli.run("task", "show", "1")
            #expect(text.stdout.contains("model     sora-2") && text.stdout.contains("video     video#1"), "\(text.stdout)")
            #expect(!text.stderr.contains("`troupe task retry 1` sends it again") || text.stderr.contains("If the error says the request is at fault"))
        }
    }

    @Test func removingAProviderSaysWhichModelRowsWentWithIt() throws {
        let cli = CLIRunner()
        try cli.run("provider", "add", "p9", "--kind", "openai", "--base-url", "https://p9.example.com")
        let model = try cli.run("model", "add", "wan-3", "--provider", "p9", "--durations", "5", "--price", "0.20")
        #expect(model.status == 0, "\(model.stderr)")
        let removed = try cli.run("provider", "remove", "p9")
        #expect(removed.stdout == "removed provider p9 and its own model row(s): wan-3\n")
    }

    @Test func characterMessagesSayWhatAnImageOnlyCharacterIs() throws {
        let cli = CLIRunner()
        try cli.run("character", "add", "pilot", "--image", "https://img.test/pilot.png")
        let shown = try cli.run("character", "show", "pilot")
        #expect(shown.stdout.contains("(none: reference image only)") && !shown.stdout.contains("clip-only"))
        let taken = try cli.run("character", "add", "pilot", "--image", "https://img.test/other.png")
        #expect(taken.stderr.contains("(an image-only character)"), "\(taken.stderr)")
        let sora = try cli.run("video", "generate", "@pilot lands", "--dry-run")
        #expect(sora.status == 1)
        #expect(sora.stderr.contains("character @pilot has only a reference image, and sora-2 on grsai takes characters only as"), "\(sora.stderr)")
        let help = try cli.run("character", "add", "--help")
        #expect(help.stdout.contains("(registered too when\nit is not catalogued yet)"), "one paragraph wrapped at 80 columns, not hard line breaks")
    }

    @Test func aVideoWithoutAPidIsNamedVideoIDInEveryLine() throws {
        try SimulatorProcess.serving(["--latency", "0.1", "--seed", "21"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s", kind: "grsai", at: simulator)
            let made = try cli.run("video", "generate", "a fox", "--model", "veo3.1-fast", "--provider", "s", "--poll-interval", "0")
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.hasPrefix("video#1  succeeded"), "\(made.stdout)")
            let shown = try cli.run("video", "show", "video#1")
            #expect(shown.stdout.contains("video       video#1"), "\(shown.stdout)")

            let open = try cli.run("video", "generate", "a hare", "--model", "veo3.1-fast", "--provider", "s", "--no-wait")
            #expect(open.status == 0, "\(open.stderr)")
            let resumed = try cli.run("task", "resume")
            #expect(resumed.stdout.contains("task 2: done: video#2 in the vault"), "\(resumed.stdout) \(resumed.stderr)")
        }
    }

    @Test func aBatchOverTwoCurrenciesEstimatesEachApartAndRefusesOneMaxCost() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-scenes.csv") }
        let usd = try cli.run("model", "add", "veo3.1-fast-1080p", "--kind", "grsai", "--family", "grsai-veo", "--durations", "8",
                              "--aspects", "16:9,9:16", "--max-characters", "3", "--character-forms", "image",
                              "--image-inputs", "reference,first_frame,last_frame", "--max-reference-images", "3",
                              "--price", "0.60", "--currency", "USD")
        #expect(usd.status == 0, "\(usd.stderr)")
        let csv = cli.home + "-scenes.csv"
        try Data("place,model\nParis,sora-2\nRome,veo3.1-fast-1080p\n".utf8).write(to: URL(fileURLWithPath: csv))
        // A stand-in key: nothing is sent, the refusals come first.
        let key = ["GRSAI_API_KEY": "sk-test-not-sent"]
        let capped = try cli.run("batch", csv, "--prompt", "a cat in {{place}}", "--max-cost", "5", environment: key)
        #expect(capped.status == 1)
        #expect(capped.stderr.contains("estimated cost 0.08 CNY and 0.60 USD"), "\(capped.stderr)")
        #expect(capped.stderr.contains("--max-cost is one amount, but the rows to send price in 0.08 CNY and 0.60 USD"), "\(capped.stderr)")
        let unasked = try cli.run("batch", csv, "--prompt", "a cat in {{place}}", environment: key)
        #expect(unasked.stderr.contains("add --yes to send 2 paid call(s) (estimated 0.08 CNY and 0.60 USD)"), "\(unasked.stderr)")
        #expect(try cli.jsonArray("task", "list").isEmpty, "nothing was sent")
    }
}
