import Foundation
import Testing
import TroupeSimulator

@Suite struct FindCommandTests {
    /// Three registered videos (two on sim, one featuring @hero) and a character.
    func seeded() throws -> CLIRunner {
        let cli = CLIRunner()
        for arguments in [["character", "add", "hero", "--id", "cartoon_cat_001"],
                          ["video", "add", "s_68f1", "--prompt", "a cat on a skateboard", "--features", "hero", "--provider", "sim"],
                          ["video", "add", "s_77aa", "--remix-of", "s_68f1", "--prompt", "the same ride at night", "--provider", "sim"],
                          ["video", "add", "s_99bb", "--prompt", "rain on a tin roof"]] {
            let result = try cli.run(arguments)
            guard result.status == 0 else { throw CLIFailure(result: result) }
        }
        return cli
    }

    func pids(_ cli: CLIRunner, _ arguments: String...) throws -> [String] {
        let result = try cli.run(["video", "list"] + arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return list.compactMap { $0["pid"] as? String }
    }

    @Test func listFiltersSearchAndPages() throws {
        let cli = try seeded()
        #expect(try pids(cli) == ["s_99bb", "s_77aa", "s_68f1"])
        #expect(try pids(cli, "--search", "skate*") == ["s_68f1"])
        #expect(try pids(cli, "--search", "\"at night\"") == ["s_77aa"])
        #expect(try pids(cli, "--search", "NEAR(\"cat\" -ride:*") == [], "FTS5 syntax is only text")
        #expect(try pids(cli, "--character", "@hero") == ["s_68f1"])
        #expect(try pids(cli, "--provider", "sim") == ["s_77aa", "s_68f1"])
        #expect(try pids(cli, "--status", "succeeded", "--since", "2020-01-01", "--provider", "sim", "--search", "ride") == ["s_77aa"])
        #expect(try pids(cli, "--since", "2999-01-01T00:00:00Z").isEmpty)

        let page = try cli.run("video", "list", "--limit", "2")
        #expect(page.status == 0 && page.stdout.contains("s_99bb") && !page.stdout.contains("a cat on a skateboard"))
        #expect(page.stdout.contains("showing 1–2 of 3: --offset 2 for more"))
        let rest = try cli.run("video", "list", "--limit", "2", "--offset", "2")
        #expect(rest.stdout.contains("s_68f1") && rest.stdout.contains("showing 3–3 of 3") && !rest.stdout.contains("for more"))
        #expect(!(try cli.run("video", "list")).stdout.contains("showing"), "no footer when nothing is left out")
        let none = try cli.run("video", "list", "--search", "volcano")
        #expect(none.status == 0 && none.stderr.contains("no videos match"))

        let first = try #require(try cli.jsonArray("video", "list", "--search", "tin").first)
        #expect(first["tags"] as? [String] == [] && first["notes"] as? String == "")
    }

    @Test func badFiltersSayWhatIsAllowed() throws {
        let cli = try seeded()
        let status = try cli.run("video", "list", "--status", "done")
        #expect(status.status == 64 && status.stderr.contains("use one of pending, running, succeeded, failed, unknown"))
        let date = try cli.run("video", "list", "--since", "last week")
        #expect(date.status == 64 && date.stderr.contains("give YYYY-MM-DD or an ISO 8601 time"))
        let tag = try cli.run("video", "list", "--tag", "two words")
        #expect(tag.status == 64 && tag.stderr.contains("use 1–40 letters, digits, '-', '_' or '.'"))
        let limit = try cli.run("video", "list", "--limit", "0")
        #expect(limit.status == 64)
        let character = try cli.run("video", "list", "--character", "hera")
        #expect(character.status == 1 && character.stderr.contains("did you mean @hero?"))
        let provider = try cli.run("video", "list", "--provider", "nowhere")
        #expect(provider.status == 1 && provider.stderr.contains("unknown provider 'nowhere'"))
        let empty = try cli.run("video", "list", "--search", "* - \"\"")
        #expect(empty.status == 1 && empty.stderr.contains("nothing to search for"))
        let characterStatus = try cli.run("character", "list", "--status", "gone")
        #expect(characterStatus.status == 64 && characterStatus.stderr.contains("use one of pending, ready, failed, retired"))
    }

    @Test func tagsAndNotesOnVideos() throws {
        let cli = try seeded()
        let tagged = try cli.run("video", "tag", "s_68", "+Keeper", "night", "-draft")
        #expect(tagged.status == 0 && tagged.stdout.contains("s_68f1: keeper, night"))
        let report = try cli.jsonObject("video", "tag", "s_68f1", "-night")
        #expect(report["tags"] as? [String] == ["keeper"])
        #expect(try pids(cli, "--tag", "keeper") == ["s_68f1"])
        #expect(try cli.run("video", "list").stdout.contains("TAGS"))
        let bad = try cli.run("video", "tag", "s_68f1", "+no/slash")
        #expect(bad.status == 64 && bad.stderr.contains("invalid tag 'no/slash'"))
        let option = try cli.run("video", "tag", "s_68f1", "+x", "--bogus")
        #expect(option.status == 64 && option.stderr.contains("unknown option '--bogus'"))
        #expect(try cli.run("video", "tag", "s_68f1", "--", "-keeper").stdout.contains("s_68f1: no tags"))
        #expect(try cli.run("video", "tag", "s_68f1", "+keeper").status == 0)
        let unknown = try cli.run("video", "tag", "s_00", "+x")
        #expect(unknown.status == 1)

        #expect(try cli.run("video", "note", "s_99", "the one with the owl").status == 0)
        #expect(try pids(cli, "--search", "owl") == ["s_99bb"], "notes are searched")
        #expect(try cli.jsonObject("video", "show", "s_99bb")["notes"] as? String == "the one with the owl")
        let shown = try cli.run("video", "show", "s_99bb")
        #expect(shown.stdout.contains("notes       the one with the owl"))
        let cleared = try cli.run("video", "note", "s_99bb", "")
        #expect(cleared.status == 0 && cleared.stdout.contains("cleared"))
        #expect(try pids(cli, "--search", "owl").isEmpty)
    }

    @Test func tagsAndNotesOnCharacters() throws {
        let cli = try seeded()
        let badTags = try cli.run("character", "add", "owl", "--id", "grumpy.owl", "--tags", "bird,two words")
        #expect(badTags.status == 64 && badTags.stderr.contains("invalid tag 'two words'"))
        #expect(try cli.run("character", "add", "owl", "--id", "grumpy.owl", "--tags", "Bird").status == 0)
        let hero = try cli.jsonObject("character", "tag", "hero", "+lead", "+cat")
        #expect(hero["tags"] as? [String] == ["lead", "cat"])
        #expect(try cli.run("character", "tag", "hero", "-cat").stdout.contains("@hero: lead"))
        let leads = try cli.jsonArray("character", "list", "--tag", "lead")
        #expect(leads.compactMap { $0["handle"] as? String } == ["hero"])
        #expect(try cli.run("character", "note", "owl", "grumpy in the mornings").status == 0)
        #expect(try cli.jsonObject("character", "show", "owl")["notes"] as? String == "grumpy in the mornings")
        #expect(try cli.run("character", "remove", "hero").status == 0, "retired: a video features it")
        #expect(try cli.jsonArray("character", "list", "--status", "retired").compactMap { $0["handle"] as? String } == ["hero"])
        #expect(try cli.jsonArray("character", "list", "--status", "ready", "--tag", "bird").compactMap { $0["handle"] as? String } == ["owl"])
        let none = try cli.run("character", "list", "--tag", "fish")
        #expect(none.status == 0 && none.stderr.contains("no characters match"))
    }

    @Test func exportCopiesFilesAndWritesTheManifests() throws {
        try SimulatorProcess.serving(["--latency", "0.05", "--seed", "3"]) { simulator in
            let cli = CLIRunner()
            try cli.addProvider("s2", kind: "grsai", at: simulator)
            let made = try cli.jsonObject("video", "generate", "=HYPERLINK(\"http://x\") a lighthouse, at dusk", "--provider", "s2")
            let pid = try #require(made["pid"] as? String)
            let sha = try #require((made["asset"] as? [String: Any])?["sha256"] as? String)
            #expect(try cli.run("video", "add", "s_0bad", "--prompt", "made elsewhere").status == 0)
            let out = cli.home + "/export"

            let result = try cli.run("video", "export", out)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("exported 1 of 2 video(s)"))
            #expect(result.stderr.contains("s_0bad: no file in the vault"))
            let day = String((made["created_at"] as? String ?? "").prefix(10))
            let file = "\(day)_\(pid)_hyperlink-http-x-a-lighthouse-at-dusk.mp4"
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [file, "manifest.csv", "manifest.json"])
            #expect(try sha256Hex(ofFileAt: out + "/" + file) == sha)
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [[String: Any]])
            #expect(manifest.map { $0["pid"] as? String } == ["s_0bad", pid])
            #expect(manifest[1]["file"] as? String == file && manifest[1]["provider"] as? String == "s2" && manifest[1]["sha256"] as? String == sha)
            #expect(manifest[0]["file"] as? String == "")
            let csv = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
            #expect(csv.hasPrefix("file,pid,prompt,compiled_prompt,model,provider,characters,parent,sha256,created_at\r\n"))
            #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\") a lighthouse, at dusk\","), "a formula is defused and quoted")

            let again = try cli.run("video", "export", out)
            #expect(again.status == 1 && again.stderr.contains("--force"))
            let forced = try cli.run("video", "export", out, "--force", "--search", "lighthouse", "--json")
            #expect(forced.status == 0)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as? [[String: Any]])
            #expect(entries.compactMap { $0["pid"] as? String } == [pid])
        }
    }
}
