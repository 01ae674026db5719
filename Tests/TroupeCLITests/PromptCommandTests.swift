import Foundation
import Testing

@Suite struct PromptCommandTests {
    func castedCLI() throws -> CLIRunner {
        let cli = CLIRunner()
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001")
        try cli.run("character", "add", "villain", "--id", "grumpy.owl")
        try cli.run("character", "add", "dancer", "--url", "https://cdn.example.com/d.mp4", "--clip", "0,3")
        return cli
    }

    @Test func grsaiPromptsCarryCharacterIdsAndClipCharacters() throws {
        let cli = try castedCLI()
        let plain = try cli.run("prompt", "render", "@hero argues with @villain in {{place}}.", "--var", "place=Paris")
        #expect(plain.status == 0)
        #expect(plain.stdout == "@cartoon_cat_001 argues with @grumpy.owl in Paris.\n")
        let rendered = try #require(try cli.json("prompt", "render", "@dancer 跳舞, then @hero bows") as? [String: Any])
        #expect(rendered["prompt"] as? String == "@character1 跳舞, then @cartoon_cat_001 bows")
        #expect(rendered["referenced"] as? [String] == ["dancer", "hero"])
        let characters = try #require(rendered["characters"] as? [[String: String]])
        #expect(characters == [["url": "https://cdn.example.com/d.mp4", "timestamps": "0,3"]])
    }

    @Test func aceDataTakesOneClipCharacter() throws {
        let cli = try castedCLI()
        let rendered = try #require(try cli.json("prompt", "render", "@dancer dances", "--provider", "acedata") as? [String: Any])
        #expect(rendered["character_url"] as? String == "https://cdn.example.com/d.mp4")
        #expect(rendered["character_start"] as? Double == 0 && rendered["character_end"] as? Double == 3)
    }

    @Test func everyProblemIsReportedAtOnceBeforeAnythingIsSpent() throws {
        let cli = try castedCLI()
        let result = try cli.run("prompt", "render", "@hero meets @vilain in {{place}} at {{time}}")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown character @vilain (did you mean @villain?)"))
        #expect(result.stderr.contains("missing variable {{place}}"))
        #expect(result.stderr.contains("missing variable {{time}}"))
        #expect(result.stderr.contains("^~~~~~~"))
        let foreign = try cli.run("prompt", "render", "@hero waves", "--provider", "sim")
        #expect(foreign.status == 1 && foreign.stderr.contains("cannot travel"))
    }

    @Test func templatesAreSavedAndRendered() throws {
        let cli = try castedCLI()
        #expect(try cli.run("template", "add", "duel", "@hero argues with @villain in {{place}}").stdout.contains("variables: place"))
        let bad = try cli.run("template", "add", "broken", "@hero in {{place")
        #expect(bad.status != 0)
        let rendered = try cli.run("prompt", "render", "--template", "duel", "--var", "place=Rome")
        #expect(rendered.stdout == "@cartoon_cat_001 argues with @grumpy.owl in Rome\n")
        let list = try #require(try cli.json("template", "list") as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["duel"])
        #expect(try cli.run("template", "show", "duel").stdout == "@hero argues with @villain in {{place}}\n")
        #expect(try cli.run("template", "remove", "duel").status == 0)
        #expect(try cli.run("prompt", "render", "--template", "duel").stderr.contains("no template 'duel'"))
    }
}
