import Foundation
import Testing

/// Every command taking a PID takes a unique start of one, as git takes a commit.
@Suite struct PidPrefixTests {
    static func catalogue() throws -> CLIRunner {
        let cli = CLIRunner()
        for pid in ["s_68f1a2", "s_68aa01", "s_77bb00"] { try cli.run("video", "add", pid, "--prompt", "made as \(pid)") }
        return cli
    }

    @Test func aUniquePrefixNamesTheVideoEverywhere() throws {
        let cli = try Self.catalogue()
        #expect(try #require(try cli.json("video", "show", "s_68f") as? [String: Any])["pid"] as? String == "s_68f1a2")
        let tree = try cli.run("lineage", "s_77")
        #expect(tree.status == 0 && tree.stdout.hasPrefix("s_77bb00"))
        #expect(try cli.run("video", "add", "s_99cc", "--remix-of", "s_77").status == 0)
        #expect(try #require(try cli.json("video", "show", "s_99") as? [String: Any])["parent_pid"] as? String == "s_77bb00")
        #expect(try cli.run("character", "add", "hero", "--id", "cat_1", "--from", "s_68a").status == 0)
        let hero = try #require(try cli.json("character", "show", "hero") as? [String: Any])
        #expect((hero["source"] as? [String: Any])?["pid"] as? String == "s_68aa01")
        let remix = try cli.run("video", "remix", "s_68f", "the same at night", "--dry-run")
        #expect(remix.status == 0, "\(remix.stderr)")
        #expect(remix.stdout.contains("s_68f1a2"))
    }

    @Test func anAmbiguousPrefixSaysHowManyVideosStartWithIt() throws {
        let cli = try Self.catalogue()
        for arguments in [["video", "show", "s_68"], ["video", "fetch", "s_68"], ["lineage", "s_68"],
                          ["video", "remix", "s_68", "again", "--dry-run"], ["character", "extract", "s_68", "--clip", "0,3", "--name", "owl"],
                          ["video", "add", "s_1234", "--remix-of", "s_68"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("ambiguous: 2 videos start with s_68: s_68aa01, s_68f1a2"), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func anUnknownPidGetsTheClosestKnownOnes() throws {
        let cli = try Self.catalogue()
        for arguments in [["video", "show", "s_68f1b2"], ["video", "remix", "s_77bb01", "again", "--dry-run"], ["lineage", "s_68aa02"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("in the catalogue: closest s_"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("video add"), "a typo is not to be registered: \(result.stderr)")
        }
    }

    @Test func renamingACharacterRewritesTheTemplatesThatMentionIt() throws {
        let cli = CLIRunner()
        try cli.run("character", "add", "hero", "--id", "cat_1")
        try cli.run("character", "add", "villain", "--id", "owl_1")
        try cli.run("template", "add", "duel", "@hero meets @villain. @hero wins, @@hero cheers")
        try cli.run("template", "add", "calm", "@villain sleeps")
        let renamed = try cli.run("character", "rename", "hero", "captain")
        #expect(renamed.status == 0)
        #expect(renamed.stdout.contains("renamed @hero to @captain; templates now mentioning @captain: duel"))
        #expect(try cli.run("template", "show", "duel").stdout == "@captain meets @villain. @captain wins, @@hero cheers\n")
        #expect(try cli.run("template", "show", "calm").stdout == "@villain sleeps\n")
        let render = try cli.run("prompt", "render", "--template", "duel")
        #expect(render.status == 0 && render.stdout.contains("@cat_1 meets @owl_1. @cat_1 wins"), "the template still compiles: \(render.stderr)")
    }
}
