import Foundation
import Testing

@Suite struct ModelCommandTests {
    /// The keys every model's JSON carries.
    static let keys: Set<String> = [
        "name", "provider_kind", "durations", "aspects", "sizes", "max_characters", "character_forms", "remix", "image_inputs",
        "price", "currency", "provider", "family", "service", "price_per", "price_overrides", "max_reference_images", "default",
    ]

    @Test func listShowsThePresetsWithTheDesignedJSON() throws {
        let cli = CLIRunner()
        let all = try #require(try cli.json("model", "list") as? [[String: Any]])
        #expect(all.count == 10)
        for model in all { #expect(Set(model.keys) == Self.keys, "\(model)") }
        let sim = try #require(try cli.json("model", "list", "--provider", "sim") as? [[String: Any]])
        #expect(sim.compactMap { $0["name"] as? String } == ["sora-2", "veo3.1-fast", "veo3.1-pro"])
        #expect(sim.first?["default"] as? Bool == true && sim.first?["max_characters"] is NSNull)
        let veo = try #require(sim.first { $0["name"] as? String == "veo3.1-fast" })
        #expect(veo["image_inputs"] as? [String] == ["reference", "first_frame", "last_frame"])
        #expect(veo["sizes"] as? [String] == [] && veo["currency"] as? String == "CNY" && veo["provider_kind"] as? String == "grsai")
        let openai = try #require(try cli.json("model", "list", "--kind", "openai") as? [[String: Any]])
        #expect(openai.compactMap { $0["name"] as? String } == ["sora-2", "sora-2-pro"])
        #expect(openai.last?["price_per"] as? String == "second")
        #expect((openai.last?["price_overrides"] as? [[String: Any]])?.first?["size"] as? String == "large")

        // Prices are exact decimals in the JSON text, never 0.30000000000000004.
        let raw = try cli.run("model", "list", "--kind", "acedata", "--json")
        #expect(raw.stdout.contains("\"price\" : 0.3,") && raw.stdout.contains("\"price\" : 0.15,"), "\(raw.stdout)")
        #expect(!raw.stdout.contains("0000000"))

        let table = try cli.run("model", "list")
        #expect(table.status == 0)
        #expect(table.stdout.contains("veo3.1-pro") && table.stdout.contains("1.20 CNY/video"))
        #expect(table.stdout.contains("0.30 USD/second; size large: 0.50"))
        #expect(try cli.run("model").stdout.contains("doubao-seedance-2-0-260128"))
    }

    @Test func showNamesTheRowOrSaysHowToChoose() throws {
        let cli = CLIRunner()
        let ambiguous = try cli.run("model", "show", "sora-2")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr == "Error: model 'sora-2' is on grsai, acedata, openai: choose one with --kind KIND or --provider NAME\n")
        let acedata = try #require(try cli.json("model", "show", "sora-2", "--kind", "acedata") as? [String: Any])
        #expect(Set(acedata.keys) == Self.keys)
        #expect(acedata["service"] as? String == "sora" && acedata["character_forms"] as? [String] == ["clip"])
        let pro = try cli.run("model", "show", "sora-2-pro", "--provider", "acedata")
        #expect(pro.status == 0 && pro.stdout.contains("0.60 USD/video; from 25 s: 1.00"))
        let unknown = try cli.run("model", "show", "veo3.1-prp")
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown model 'veo3.1-prp': did you mean veo3.1-pro?"))
        #expect(try cli.run("model", "show", "sora 2").status == 64)
        #expect(try cli.run("model", "show", "sora-2", "--kind", "grsai", "--provider", "sim").status == 64)
    }

    @Test func addMakesARowForOneProviderOrAKind() throws {
        let cli = CLIRunner()
        try cli.run("provider", "add", "gate", "--kind", "openai", "--base-url", "https://gate.example.com/v1", "--key-env", "GATE_KEY")
        let added = try #require(try cli.json(
            "model", "add", "wan-2", "--provider", "gate", "--durations", "5,10", "--sizes", "small,large", "--price", "0.05",
            "--per", "second", "--price-for", "size=large:0.08", "--price-for", "from=10:0.07", "--remix") as? [String: Any])
        #expect(Set(added.keys) == Self.keys)
        #expect(added["provider"] as? String == "gate" && added["provider_kind"] as? String == "openai")
        // Defaults: the kind's family, currency and character limit; the family's forms and inputs.
        #expect(added["family"] as? String == "openai-videos" && added["currency"] as? String == "USD")
        #expect(added["max_characters"] as? Int == 2 && added["character_forms"] as? [String] == ["id"])
        #expect(added["aspects"] as? [String] == ["9:16", "16:9"] && added["remix"] as? Bool == true)
        #expect(added["durations"] as? [Int] == [5, 10] && added["sizes"] as? [String] == ["small", "large"])
        let overrides = try #require(added["price_overrides"] as? [[String: Any]])
        #expect(overrides.count == 2 && overrides[0]["size"] as? String == "large" && overrides[1]["from"] as? Int == 10)
        let gate = try #require(try cli.json("model", "list", "--provider", "gate") as? [[String: Any]])
        #expect(gate.compactMap { $0["name"] as? String } == ["sora-2", "sora-2-pro", "wan-2"])
        // Only gate has it.
        #expect(try cli.run("model", "show", "wan-2", "--kind", "grsai").status == 1)

        let veo = try cli.run("model", "add", "veo3.1-fast-1080p", "--kind", "grsai", "--family", "grsai-veo", "--durations", "8",
                              "--aspects", "16:9,9:16", "--max-characters", "3", "--character-forms", "image",
                              "--image-inputs", "reference,first_frame,last_frame", "--max-reference-images", "3", "--price", "0.60",
                              "--default")
        #expect(veo.status == 0, "\(veo.stderr)")
        #expect(veo.stdout == "added model veo3.1-fast-1080p on grsai (grsai-veo, 0.60 CNY/video); it is now the default there in place of sora-2\n")
        let sim = try #require(try cli.json("model", "list", "--provider", "sim") as? [[String: Any]])
        #expect(sim.first?["name"] as? String == "veo3.1-fast-1080p" && sim.first?["default"] as? Bool == true)
        #expect(sim.filter { $0["default"] as? Bool == true }.count == 1)
    }

    @Test func addRefusesInOneLine() throws {
        let cli = CLIRunner()
        let refusals: [([String], Int32, String)] = [
            (["model", "add", "sora-2", "--kind", "grsai", "--durations", "10", "--price", "0.08"], 1,
             "Error: model 'sora-2' already exists on grsai: remove it first (`troupe model remove sora-2 --kind grsai`) or choose another name\n"),
            (["model", "add", "x1", "--provider", "nowhere", "--durations", "10", "--price", "1"], 1,
             "Error: unknown provider 'nowhere': known providers are acedata, grsai, grsai-cn, sim\n"),
            (["model", "add", "x1", "--kind", "openai", "--character-forms", "clip", "--durations", "10", "--price", "1"], 1,
             "Error: openai-videos cannot carry characters as clip: use id\n"),
            (["model", "add", "x1", "--kind", "acedata", "--family", "acedata-seedance", "--durations", "5", "--price", "1"], 1,
             "Error: acedata-seedance needs its service path (e.g. --service seedance)\n"),
            (["model", "add", "x1", "--kind", "grsai", "--currency", "yuan", "--durations", "5", "--price", "1"], 1,
             "Error: invalid currency 'YUAN': use a three-letter ISO code such as CNY or USD\n"),
        ]
        for (arguments, status, line) in refusals {
            let result = try cli.run(arguments)
            #expect(result.status == status && result.stderr == line, "\(arguments): \(result.status) \(result.stderr)")
        }
        let usage: [([String], String)] = [
            (["model", "add", "x1", "--durations", "10", "--price", "1"], "say whose model it is: --kind KIND (every provider of the kind) or --provider NAME (one provider)"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10,ten", "--price", "1"], "invalid duration 'ten': give whole seconds separated by commas, e.g. 5,10"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "0.1e3"], "invalid price '0.1e3': use a plain decimal number such as 0.30"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "1", "--per", "minute"], "unknown price unit 'minute': use video or second"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "1", "--family", "sora"], "unknown request family 'sora'"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "1", "--image-inputs", "mask"], "unknown image input 'mask'"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "1", "--price-for", "big:2"], "invalid price override 'big:2'"),
            (["model", "add", "x1", "--kind", "grsai", "--durations", "10", "--price", "1", "--aspects", "wide"], "unknown aspect ratio 'wide'"),
        ]
        for (arguments, message) in usage {
            let result = try cli.run(arguments)
            #expect(result.status == 64 && result.stderr.contains(message), "\(arguments): \(result.status) \(result.stderr)")
        }
        #expect((try cli.json("model", "list") as? [Any])?.count == 10, "nothing was added")
    }

    @Test func removeTakesARowAwayButNotTheDefault() throws {
        let cli = CLIRunner()
        let removed = try cli.run("model", "remove", "veo3.1-pro", "--kind", "grsai")
        #expect(removed.status == 0 && removed.stdout == "removed model veo3.1-pro on grsai\n")
        #expect(try cli.run("model", "show", "veo3.1-pro").status == 1)
        let again = try cli.run("model", "remove", "veo3.1-pro", "--kind", "grsai")
        #expect(again.status == 1 && again.stderr.contains("no model 'veo3.1-pro' on grsai"))
        let defaultRow = try cli.run("model", "remove", "sora-2", "--kind", "acedata")
        #expect(defaultRow.status == 1 && defaultRow.stderr.contains("model 'sora-2' is the default on acedata"))
        let several = try cli.run("model", "remove", "sora-2")
        #expect(several.status == 1)
        #expect(several.stderr == "Error: model 'sora-2' is on grsai, acedata, openai: say which with --kind KIND or --provider NAME\n")
        #expect(try cli.run("model", "remove", "sora-2", "--kind", "grsai", "--provider", "sim").status == 64)
        // A name with one row needs neither.
        #expect(try cli.run("model", "remove", "doubao-seedance-2-0-260128").stdout == "removed model doubao-seedance-2-0-260128 on acedata\n")
        // --provider names a provider's own row; acedata has none.
        let notOwn = try cli.run("model", "remove", "sora-2-pro", "--provider", "acedata")
        #expect(notOwn.status == 1 && notOwn.stderr.contains("model 'sora-2-pro' on provider acedata is the acedata row every acedata provider uses, not provider acedata's own: remove it with --kind acedata"))
        let json = try #require(try cli.json("model", "remove", "sora-2-pro", "--kind", "acedata") as? [String: Any])
        #expect(json["name"] as? String == "sora-2-pro" && json["provider"] is NSNull)
        #expect(try #require(try cli.json("model", "list", "--kind", "acedata") as? [[String: Any]]).count == 3)
    }

    @Test func everyVideoShowsTheModelThatMadeIt() throws {
        try SimulatorProcess.serving(["--latency", "0.05"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            let made = try cli.run("video", "generate", "a cat on a skateboard", "--provider", "s2")
            #expect(made.status == 0, "\(made.stderr)")
            let video = try #require(try cli.jsonArray("video", "list").first)
            let pid = try #require(video["pid"] as? String)
            #expect(video["model"] as? String == "sora-2", "the default model of grsai")
            #expect(try cli.jsonObject("video", "show", pid)["model"] as? String == "sora-2")
            #expect(try cli.run("video", "show", pid).stdout.contains("model       sora-2\n"))
            #expect(try cli.run("video", "list").stdout.contains("MODEL"))
            let nodes = try #require(try cli.jsonObject("lineage", pid)["nodes"] as? [[String: Any]])
            #expect(nodes.first?["model"] as? String == "sora-2")
            #expect(try cli.run("lineage", pid).stdout.contains("“a cat on a skateboard” · sora-2"))
        }
    }
}
