import Foundation
import Testing
import TroupeSimulator

/// Models as data, end to end: Veo on GrsAI and Seedance on AceData with characters as reference
/// images, and a model added by the user for an OpenAI-style aggregator, all against
/// `troupe sim serve`.
@Suite struct ModelsEndToEndTests {
    static let png = CharacterImageCommandTests.png

    static func file(_ cli: CLIRunner, _ name: String, _ data: Data) throws -> String {
        try CharacterImageCommandTests.file(cli, name, data)
    }

    /// The first line of a refusal, for messages that must fit on one.
    static func firstLine(_ text: String) -> String { text.split(separator: "\n").first.map(String.init) ?? "" }

    @Test func aVeoGenerationCarriesItsCharactersAsImagesAndRefusesASoraOnlyOne() async throws {
        try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "15"]) { simulator in
            let cli = CLIRunner()
            defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            try cli.run("provider", "use", "s2")
            let clip = try Self.file(cli, "cat.mp4", MP4.make(seconds: 4, label: "a cartoon cat"))

            // @hero: a Sora character made on s2, given an image afterwards; @pilot: an image alone.
            let hero = try cli.jsonObject("character", "upload", clip, "--clip", "0,3", "--name", "hero")
            let heroID = try #require(hero["character_id"] as? String)
            try cli.run("character", "image", "hero", "https://img.test/hero.png")
            try cli.run("character", "add", "pilot", "--image", try Self.file(cli, "pilot.png", Self.png))
            // @owl: a clip-only character, and @bob: a Sora id only.
            try cli.run("character", "add", "owl", "--url", "https://cdn.test/owl.mp4", "--clip", "0,3")
            try cli.run("character", "add", "bob", "--id", "grumpy.bob")

            // Sora on the same provider takes @owl as a clip, as the model allows.
            let sora = try cli.jsonObject("video", "generate", "@owl naps", "--dry-run")
            #expect((sora["request"] as? String)?.contains(#""characters":[{"url":"https://cdn.test/owl.mp4","timestamps":"0,3"}]"#) == true)
            let soraVideo = try cli.jsonObject("video", "generate", "a dune at dusk")
            let soraPid = try #require(soraVideo["pid"] as? String)
            let sent = try await simulator.tasks().count

            // Veo: each character as its image, its name in the text.
            let video = try cli.jsonObject("video", "generate", "@hero races @pilot across the dunes", "--model", "veo3.1-fast")
            #expect(video["status"] as? String == "succeeded" && video["model"] as? String == "veo3.1-fast")
            #expect(video["pid"] is NSNull, "Veo gives no pid: the video is video#ID")
            #expect(Set(video["features"] as? [String] ?? []) == ["@hero", "@pilot"])
            #expect(video["compiled_prompt"] as? String == "hero races pilot across the dunes")
            #expect(video["aspect"] as? String == "16:9" && video["duration"] as? Int == 8 && video["size"] is NSNull)
            let asset = try #require(video["asset"] as? [String: Any])
            let path = try #require(asset["path"] as? String)
            #expect(MP4.duration(of: try Data(contentsOf: URL(fileURLWithPath: path))) != nil, "the file is in the vault")

            let simulated = try await simulator.tasks()
            #expect(simulated.count == sent + 1)
            let veo = try #require(simulated.last)
            #expect(veo["family"] as? String == "veo" && veo["model"] as? String == "veo3.1-fast")
            #expect(veo["reference_images"] as? [String] == ["url", "base64"], "hero's URL, then pilot's vault file, in mention order")
            #expect((veo["prompt"] as? String)?.contains(heroID) == false, "no Sora id reaches Veo")

            // The model is recorded: show, lineage and costs say so.
            let id = try #require(video["id"] as? Int)
            #expect(try cli.jsonObject("video", "show", "video#\(id)")["model"] as? String == "veo3.1-fast")
            let lineage = try cli.jsonObject("lineage", "@pilot")
            let nodes = try #require(lineage["nodes"] as? [[String: Any]])
            #expect(nodes.contains { $0["model"] as? String == "veo3.1-fast" })
            let costs = try cli.jsonArray("costs")
            #expect(costs.contains { ($0["charged"] as? Double).map { abs($0 - 0.49) < 1e-9 } == true && $0["currency"] as? String == "CNY" },
                    "a Veo video at 0.40, a Sora one at 0.08 and the character at 0.01: \(costs)")

            // A Sora-only character and a clip-only one cannot travel to Veo: refused, nothing sent.
            let bob = try cli.run("video", "generate", "@bob waves", "--model", "veo3.1-fast")
            #expect(bob.status == 1)
            #expect(Self.firstLine(bob.stderr).contains(
                "character @bob has only a Sora character id, and veo3.1-fast on s2 takes characters only as reference images: give it one with `troupe character image bob FILE|URL`"),
                "\(bob.stderr)")
            let owl = try cli.run("video", "generate", "@owl naps", "--model", "veo3.1-fast")
            #expect(owl.status == 1 && owl.stderr.contains("troupe character image owl --from-clip"), "\(owl.stderr)")
            let remix = try cli.run("video", "remix", soraPid, "again", "--model", "veo3.1-fast")
            #expect(remix.status == 1 && remix.stderr.contains("veo3.1-fast on grsai cannot remix"), "\(remix.stderr)")
            let pidless = try cli.run("video", "remix", "video#\(id)", "again")
            #expect(pidless.status == 1 && pidless.stderr.contains("its model veo3.1-fast gives no pid, so it cannot be remixed"), "\(pidless.stderr)")
            #expect(try await simulator.tasks().count == sent + 1, "nothing more was sent")
        }
    }

    @Test func aSeedanceGenerationCarriesAReferenceImageCharacter() async throws {
        try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "16"]) { simulator in
            let cli = CLIRunner()
            defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
            try cli.addProvider("ace", kind: "acedata", at: simulator)
            try cli.run("character", "add", "pilot", "--image", try Self.file(cli, "pilot.png", Self.png))
            let model = "doubao-seedance-1-0-pro-250528"

            // Sent without waiting, then finished by `task resume`: polled on /seedance/tasks.
            let submitted = try cli.run("video", "generate", "@pilot lands on the moon", "--provider", "ace", "--model", model,
                                        "--aspect", "21:9", "--size", "1080p", "--duration", "10", "--no-wait")
            #expect(submitted.status == 0, "\(submitted.stderr)")
            let resumed = try cli.run("task", "resume")
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let videos = try cli.jsonArray("video", "list")
            let video = try #require(videos.first)
            #expect(video["status"] as? String == "succeeded" && video["model"] as? String == model)
            #expect(video["aspect"] as? String == "21:9" && video["size"] as? String == "1080p" && video["duration"] as? Int == 10)
            #expect(video["compiled_prompt"] as? String == "pilot lands on the moon")
            let id = try #require(video["id"] as? Int)
            let shown = try cli.jsonObject("video", "show", "video#\(id)")
            #expect((shown["asset"] as? [String: Any])?["sha256"] is String, "the file is in the vault")

            let sent = try #require(try await simulator.tasks().last)
            #expect(sent["family"] as? String == "seedance")
            #expect(sent["content_parts"] as? [String] == ["text", "reference_image"])
            let costs = try cli.jsonArray("costs")
            #expect(costs.contains { ($0["charged"] as? Double).map { abs($0 - 0.30) < 1e-9 } == true && $0["currency"] as? String == "USD" }, "\(costs)")

            // What the model does not take is refused before anything is sent, saying what it takes.
            let count = try await simulator.tasks().count
            let ratio = try cli.run("video", "generate", "a quiet sea", "--provider", "ace", "--model", model, "--aspect", "2:1")
            #expect(ratio.status == 1 && ratio.stderr.contains("aspect ratio 2:1 is not available for \(model) on acedata: use 16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive"),
                    "\(ratio.stderr)")
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            try cli.run("character", "add", "bob", "--id", "grumpy.bob", "--provider", "s2")
            let bob = try cli.run("video", "generate", "@bob waves", "--provider", "ace", "--model", model)
            #expect(bob.status == 1 && bob.stderr.contains("give it one with `troupe character image bob FILE|URL`"), "\(bob.stderr)")
            #expect(try await simulator.tasks().count == count)
        }
    }

    @Test func aModelAddedForAnOpenAIStyleAggregatorGenerates() async throws {
        try await SimulatorProcess.serving(["--latency", "0.2", "--seed", "17", "--openai-model", "kling-v2-master"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("gate", kind: "openai", at: simulator)
            let unknown = try cli.run("video", "generate", "a lantern festival", "--provider", "gate", "--model", "kling-v2-master")
            #expect(unknown.status == 1 && unknown.stderr.contains("unknown model 'kling-v2-master' on provider gate (openai)"), "\(unknown.stderr)")

            let added = try cli.jsonObject("model", "add", "kling-v2-master", "--provider", "gate", "--durations", "5,10",
                                           "--aspects", "16:9,9:16", "--sizes", "1280x720,720x1280", "--max-characters", "0",
                                           "--price", "0.28", "--per", "video", "--currency", "USD")
            #expect(added["name"] as? String == "kling-v2-master" && added["provider_kind"] as? String == "openai" && added["provider"] as? String == "gate")
            #expect(added["durations"] as? [Int] == [5, 10] && added["price"] as? Double == 0.28 && added["currency"] as? String == "USD")

            let video = try cli.jsonObject("video", "generate", "a lantern festival", "--provider", "gate", "--model", "kling-v2-master",
                                           "--duration", "10")
            #expect(video["status"] as? String == "succeeded" && video["model"] as? String == "kling-v2-master")
            #expect(video["duration"] as? Int == 10 && video["size"] as? String == "1280x720" && video["aspect"] as? String == "16:9")
            #expect((video["asset"] as? [String: Any])?["sha256"] is String)
            let sent = try #require(try await simulator.tasks().last)
            #expect(sent["model"] as? String == "kling-v2-master")
            let costs = try cli.jsonArray("costs")
            #expect(costs.contains { ($0["charged"] as? Double).map { abs($0 - 0.28) < 1e-9 } == true }, "\(costs)")

            // The row belongs to gate: another OpenAI-style provider does not have it.
            try cli.addProvider("other", kind: "openai", at: simulator)
            let elsewhere = try cli.run("video", "generate", "a lantern festival", "--provider", "other", "--model", "kling-v2-master")
            #expect(elsewhere.status == 1 && elsewhere.stderr.contains("unknown model 'kling-v2-master' on provider other"))
            #expect(try cli.run("model", "remove", "kling-v2-master", "--provider", "gate").status == 0)
        }
    }
}

extension ModelsEndToEndTests {
    /// `prompt render --model`: the same prompt compiles to a character id for Sora and to the
    /// character's name and image for Veo, spending nothing.
    @Test func promptRenderCompilesForTheModel() throws {
        let cli = CLIRunner()
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001", "--provider", "grsai")
        try cli.run("character", "image", "hero", "https://img.test/hero.png")
        let sora = try cli.jsonObject("prompt", "render", "@hero waves", "--provider", "grsai")
        #expect(sora["prompt"] as? String == "@cartoon_cat_001 waves")
        let veo = try cli.jsonObject("prompt", "render", "@hero waves", "--provider", "grsai", "--model", "veo3.1-fast")
        #expect(veo["prompt"] as? String == "hero waves")
        let images = try #require(veo["reference_images"] as? [[String: Any]])
        #expect(images.count == 1 && images.first?["handle"] as? String == "hero" && images.first?["url"] as? String == "https://img.test/hero.png")
        let text = try cli.run("prompt", "render", "@hero waves", "--provider", "grsai", "--model", "veo3.1-fast")
        #expect(text.stdout == "hero waves\n" && text.stderr.contains("reference images: @hero https://img.test/hero.png"))
        let unknown = try cli.run("prompt", "render", "@hero waves", "--provider", "grsai", "--model", "veo9")
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown model 'veo9' on provider grsai (grsai)"))
    }
}
