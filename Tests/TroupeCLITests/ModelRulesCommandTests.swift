import Foundation
import Testing

/// `troupe model add` keeps only rows the family can send, and says what is wrong in one line:
/// a malformed option value is a usage error (64), a value the family or the table cannot take
/// is refused (1).
@Suite struct ModelRulesCommandTests {
    static let add = ["model", "add", "x1", "--kind", "openai"]

    @Test func malformedValuesAreUsageErrorsNamingTheValue() throws {
        let cli = CLIRunner()
        let usage: [([String], String)] = [
            (["model", "add", "bad name", "--kind", "grsai", "--durations", "10", "--price", "1"], "invalid model name 'bad name': use 1–100 letters"),
            (Self.add + ["--durations", "5", "--price", "-1"], "invalid price '-1': a price cannot be negative, give 0 or more such as 0.30"),
            (Self.add + ["--durations", "5", "--price", "0.12345678901234567891"], "invalid price '0.12345678901234567891': use at most 8 decimal places"),
            (Self.add + ["--durations", "5", "--price", "99999999999999999999"], "the limit is 100000 per video or second"),
            (Self.add + ["--durations", "5", "--price", "1", "--max-characters", "-1"], "invalid --max-characters '-1': give a whole number, 0 or more"),
            (Self.add + ["--durations", "-5", "--price", "1"], "invalid duration '-5': give whole seconds separated by commas"),
            (Self.add + ["--durations", "5000", "--price", "1"], "invalid duration '5000': give 1–600 s each, e.g. 5,10"),
            (Self.add + ["--durations", "0", "--price", "1"], "invalid duration '0'"),
            (Self.add + ["--durations", "5,5", "--price", "1"], "5 is listed twice in --durations: give each value once"),
            (Self.add + ["--durations", "5", "--price", "1", "--aspects", "16:9,16:9"], "16:9 is listed twice in --aspects: give each value once"),
            (Self.add + ["--durations", "5", "--price", "1", "--sizes", "small,small"], "small is listed twice in --sizes: give each value once"),
            (Self.add + ["--durations", "5", "--price", "1", "--price-for", "from=10:0.5+size=large:0.7"],
             "one --price-for takes one price, at the end: join the conditions with + before it"),
            (["model", "add", "x1", "--kind", "openai", "--provider", "sim", "--durations", "5", "--price", "1"], "give --provider or --kind, not both"),
            (["video", "generate", "a fox", "--duration", "-5", "--dry-run"], "invalid duration '-5': give whole seconds, e.g. 8"),
            (["video", "generate", "a fox", "--duration", "abc", "--dry-run"], "invalid duration 'abc': give whole seconds, e.g. 8"),
        ]
        for (arguments, message) in usage {
            let result = try cli.run(arguments)
            #expect(result.status == 64 && result.stderr.contains(message), "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect((try cli.json("model", "list") as? [Any])?.count == 10, "nothing was added")
    }

    @Test func valuesTheFamilyCannotSendAreRefusedSayingWhatItTakes() throws {
        let cli = CLIRunner()
        let refusals: [([String], String)] = [
            (Self.add + ["--durations", "5", "--price", "1", "--sizes", "720p,1080p"],
             "Error: size 720p cannot be sent by openai-videos: it takes small, large, 720x1280, 1280x720, 1024x1792, 1792x1024\n"),
            (Self.add + ["--durations", "5", "--price", "1", "--aspects", "adaptive"],
             "Error: aspect ratio adaptive cannot be sent by openai-videos: it takes 9:16, 16:9\n"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "5", "--price", "1", "--aspects", "1:1"],
             "Error: aspect ratio 1:1 cannot be sent by grsai-sora: it takes 9:16, 16:9\n"),
            (["model", "add", "x1", "--kind", "grsai", "--family", "grsai-veo", "--durations", "8", "--price", "1", "--max-reference-images", "9"],
             "Error: --max-reference-images 9 is more than grsai-veo carries: at most 3\n"),
            (["model", "add", "x1", "--kind", "grsai", "--family", "grsai-veo", "--durations", "8", "--price", "1",
              "--max-reference-images", "0", "--image-inputs", "reference"],
             "Error: --max-reference-images 0 contradicts reference in --image-inputs: give 1 or more, or leave reference out\n"),
            (Self.add + ["--durations", "5", "--price", "1", "--price-for", "size=large:2"],
             "Error: price override size=large:2 can never apply: size large is not one of x1's (its sizes are small)\n"),
            (Self.add + ["--durations", "5", "--price", "1", "--price-for", "from=20:2"],
             "Error: price override from=20:2 can never apply: its longest duration is 5 s\n"),
            (["model", "add", "SORA-2", "--kind", "grsai", "--durations", "10", "--price", "1"],
             "Error: model 'SORA-2' already exists on grsai as 'sora-2' (names match regardless of case): remove it first (`troupe model remove sora-2 --kind grsai`) or choose another name\n"),
            (["model", "remove", "veo3.1-pro", "--provider", "sim"],
             "Error: model 'veo3.1-pro' on provider sim is the grsai row every grsai provider uses, not provider sim's own: remove it with --kind grsai (`troupe model remove veo3.1-pro --kind grsai`)\n"),
        ]
        for (arguments, line) in refusals {
            let result = try cli.run(arguments)
            #expect(result.status == 1 && result.stderr == line, "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect((try cli.json("model", "list") as? [Any])?.count == 10, "nothing was added or removed")
    }

    @Test func omittedSizesAreWhatTheFamilySends() throws {
        let cli = CLIRunner()
        let wan = try #require(try cli.json("model", "add", "wan-2", "--kind", "openai", "--durations", "5", "--price", "0.05") as? [String: Any])
        #expect(wan["sizes"] as? [String] == ["small"] && wan["aspects"] as? [String] == ["9:16", "16:9"])
        let shown = try cli.run("model", "show", "wan-2")
        #expect(shown.status == 0 && shown.stdout.contains("sizes       small\n"), "\(shown.stdout)")
        let seedance = try #require(try cli.json("model", "add", "seed-x", "--kind", "acedata", "--family", "acedata-seedance",
                                                 "--service", "seedance", "--durations", "5", "--price", "0.3") as? [String: Any])
        #expect(seedance["sizes"] as? [String] == ["720p"] && (seedance["max_reference_images"] as? Int).map { (1...4).contains($0) } == true)
        let veo = try cli.run("model", "add", "veo-x", "--kind", "grsai", "--family", "grsai-veo", "--durations", "8", "--price", "0.4",
                              "--sizes", "small")
        #expect(veo.status == 1 && veo.stderr.hasPrefix("Error: grsai-veo requests have no size, so size small cannot be sent: leave --sizes out"))
        // Either order of the conditions is one override.
        let both = try #require(try cli.json("model", "add", "sora-x", "--kind", "grsai", "--durations", "10,15", "--price", "0.08",
                                             "--price-for", "from=15+size=large:0.2") as? [String: Any])
        let override = try #require((both["price_overrides"] as? [[String: Any]])?.first)
        #expect(override["size"] as? String == "large" && override["from"] as? Int == 15)
    }

    @Test func theProviderOptionOfModelCommandsClaimsNoDefault() throws {
        let cli = CLIRunner()
        for command in ["list", "show", "add", "remove"] {
            let help = try cli.run("model", command, "--help")
            #expect(help.status == 0 && help.stdout.contains("--provider <name>"), "\(command)")
            #expect(!help.stdout.contains("troupe provider use"), "\(command): \(help.stdout)")
        }
        let listed = try cli.run("--provider", "sim", "model", "list")
        #expect(listed.status == 0 && listed.stdout.contains("veo3.1-fast"))
    }

    @Test func veoReferenceImagesWithAFrameAreRefusedBeforeSending() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        let both = try cli.run("video", "generate", "a fox 2", "--model", "veo3.1-fast", "--provider", "sim",
                               "--image", "https://x.example/1.png", "--first-frame", "https://x.example/a.png", "--dry-run")
        #expect(both.status == 1 && both.stderr.contains("takes either reference images (urls) or frames, not both"), "\(both.stderr)")
        #expect(both.stderr.contains("drop --image"))
        let pilot = try CharacterImageCommandTests.file(cli, "pilot.png", CharacterImageCommandTests.png)
        #expect(try cli.run("character", "add", "pilot", "--image", pilot).status == 0)
        let character = try cli.run("video", "generate", "@pilot flies", "--model", "veo3.1-fast", "--provider", "sim",
                                    "--first-frame", "https://x.example/a.png", "--dry-run")
        #expect(character.status == 1 && character.stderr.contains("or frames, not both"), "\(character.stderr)")
        #expect((try cli.json("task", "list") as? [Any])?.isEmpty == true, "nothing was journaled")
        let frameOnly = try cli.run("video", "generate", "a fox 2", "--model", "veo3.1-fast", "--provider", "sim",
                                    "--first-frame", "https://x.example/a.png", "--dry-run")
        #expect(frameOnly.status == 0, "\(frameOnly.stderr)")
    }
}
