import Foundation
import Testing

@Suite struct CatalogCommandTests {
    @Test func pathPrintsTheCatalogueAndTheVault() throws {
        let cli = CLIRunner()
        let paths = try #require(try cli.json("path") as? [String: String])
        #expect(paths["catalog"] == cli.home + "/catalog.sqlite")
        #expect(paths["vault"] == cli.home + "/vault")
        let other = try cli.run("path", "--home", "/tmp/elsewhere")
        #expect(other.stdout.contains("/tmp/elsewhere/catalog.sqlite"))
        let before = try cli.run("--home", "/tmp/elsewhere", "--json", "path")
        #expect(before.status == 0 && before.stdout.contains("\"catalog\" : \"/tmp/elsewhere/catalog.sqlite\""))
    }

    @Test func providersListWithTheDefaultMarked() throws {
        let cli = CLIRunner()
        try cli.run("provider", "use", "sim")
        let providers = try #require(try cli.json("provider", "list") as? [[String: Any]])
        #expect(providers.map { $0["name"] as? String } == ["acedata", "grsai", "grsai-cn", "sim"])
        #expect(providers.first { $0["name"] as? String == "sim" }?["default"] as? Bool == true)
        #expect(providers.first { $0["name"] as? String == "grsai" }?["key_env"] as? String == "GRSAI_API_KEY")
        let added = try cli.run("provider", "add", "gate", "--kind", "openai", "--base-url", "https://gate.example.com/v1", "--key-env", "GATE_KEY")
        #expect(added.status == 0)
        let bad = try cli.run("provider", "add", "x", "--kind", "sora", "--base-url", "https://x.example")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown provider kind 'sora': use one of grsai, acedata, openai"))
    }

    @Test func videosRegisteredElsewhereShowAsDesignedJSON() throws {
        let cli = CLIRunner()
        #expect(try cli.run("video", "add", "s_68f1", "--prompt", "a cat on a skateboard").status == 0)
        #expect(try cli.run("video", "add", "s_77aa", "--remix-of", "s_68f1", "--prompt", "now at night", "--url", "https://cdn.example.com/x.mp4").status == 0)
        let video = try #require(try cli.json("video", "show", "s_77aa") as? [String: Any])
        for key in ["pid", "task_id", "provider", "status", "parent_pid", "prompt", "compiled_prompt", "model", "aspect",
                    "duration", "size", "url", "failure_reason", "error", "asset"] {
            #expect(video.keys.contains(key), "video JSON lacks \(key)")
        }
        #expect(video["parent_pid"] as? String == "s_68f1")
        #expect(video["status"] as? String == "succeeded")
        #expect(video["asset"] is NSNull)
        let list = try #require(try cli.json("video", "list") as? [[String: Any]])
        #expect(list.compactMap { $0["pid"] as? String } == ["s_77aa", "s_68f1"])
        let table = try cli.run("video")
        #expect(table.stdout.contains("s_77aa") && table.stdout.contains("now at night"))
    }

    @Test func charactersRegisterRenameAndRetire() throws {
        let cli = CLIRunner()
        try cli.run("video", "add", "s_a1")
        #expect(try cli.run("character", "add", "hero", "--id", "cartoon_cat_001", "--from", "s_a1", "--clip", "1,3", "--tags", "cat,lead").status == 0)
        let hero = try #require(try cli.json("character", "show", "hero") as? [String: Any])
        #expect(hero["handle"] as? String == "hero")
        #expect(hero["character_id"] as? String == "cartoon_cat_001")
        let source = try #require(hero["source"] as? [String: Any])
        #expect(source["kind"] as? String == "extract" && source["pid"] as? String == "s_a1")
        #expect(source["clip"] as? [Double] == [1, 3])
        #expect(try cli.run("character", "rename", "hero", "captain").status == 0)
        let missing = try cli.run("character", "show", "hero")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no character @hero in the catalogue"))
        let tooLong = try cli.run("character", "add", "long", "--id", "x1", "--from", "s_a1", "--clip", "0,4")
        #expect(tooLong.status != 0 && tooLong.stderr.contains("grsai accepts at most 3 s"))
        #expect(try cli.run("character", "remove", "captain").stdout.contains("removed @captain"))
    }

    @Test func lineageDrawsTreesAndJSON() throws {
        let cli = CLIRunner()
        try cli.run("video", "add", "s_a1", "--prompt", "root")
        try cli.run("video", "add", "s_a2", "--remix-of", "s_a1")
        try cli.run("video", "add", "s_a3", "--remix-of", "s_a2")
        try cli.run("character", "add", "hero", "--id", "cat_1", "--from", "s_a2", "--clip", "0,3")
        let tree = try cli.run("lineage", "s_a3")
        #expect(tree.status == 0)
        #expect(tree.stdout.hasPrefix("s_a1 “root”\n└── remix s_a2\n"))
        let graph = try #require(try cli.json("lineage", "@hero", "--up") as? [String: Any])
        let edges = try #require(graph["edges"] as? [[String: String]])
        #expect(edges == [["from": "@hero", "to": "s_a2", "kind": "extract"], ["from": "s_a2", "to": "s_a1", "kind": "remix"]])
        #expect(try cli.run("lineage", "s_a1", "--down", "--format", "dot").stdout.contains("\"s_a3\" -> \"s_a2\""))
        #expect(try cli.run("lineage", "s_a1", "--format", "mermaid").stdout.hasPrefix("graph BT"))
        try cli.run("character", "add", "villain", "--id", "owl.1")
        #expect(try cli.run("video", "add", "s_a4", "--remix-of", "s_a3", "--features", "hero", "--features", "@villain").status == 0)
        let featuring = try #require(try cli.json("lineage", "@villain", "--down") as? [String: Any])
        #expect(featuring["edges"] as? [[String: String]] == [["from": "s_a4", "to": "@villain", "kind": "features"]])
        #expect(try #require(try cli.json("video", "show", "s_a4") as? [String: Any])["features"] as? [String] == ["@hero", "@villain"])
        let cycle = try cli.run("video", "add", "s_a1", "--remix-of", "s_a3")
        #expect(cycle.status != 0 && cycle.stderr.contains("would make the lineage a cycle"))
    }

    @Test func badInputFailsWithOneClearLine() throws {
        let cli = CLIRunner()
        for (arguments, message) in [
            (["video", "add", "12345"], "invalid pid '12345'"),
            (["lineage", "hero"], "invalid node 'hero': give a video (a pid such as s_68f1a2 or video_abc123, a unique start of one, or video#ID) or a character handle (@name)"),
            (["lineage", "s_ff", "--format", "png"], "unknown format 'png': use tree, json, dot or mermaid"),
            (["video", "show", "s_ff"], "no video s_ff in the catalogue"),
            (["provider", "use", "nope"], "unknown provider 'nope'"),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments) should fail")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
