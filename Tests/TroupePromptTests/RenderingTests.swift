import Foundation
import Testing
@testable import TroupePrompt

@Suite struct RenderingTests {
    @Test func grsaiWritesCharacterIDs() throws {
        let compiled = try Fixtures.compile("@hero argues with @villain. @hero wins.")
        #expect(compiled.prompt == "@hero_001 argues with @villain.v2. @hero_001 wins.")
        #expect(compiled.provider == "grsai")
        #expect(compiled.referenced == ["hero", "villain"])
        #expect(compiled.characters == nil)
    }

    @Test func grsaiUsesTheLongestKnownHandle() throws {
        #expect(try Fixtures.compile("@cat.name sleeps; @cat.").prompt == "@character.name sleeps; @cartoon_cat_001.")
    }

    @Test func grsaiKeepsChineseTextByteForByte() throws {
        // Handles are ASCII, so `@小明` is text (as in "@所有人"), and `走` ends `@hero`.
        let compiled = try Fixtures.compile("镜头：@hero走进房间，对@小明说“你好”。🎬")
        #expect(compiled.prompt == "镜头：@hero_001走进房间，对@小明说“你好”。🎬")
        #expect(compiled.referenced == ["hero"])
    }

    @Test func grsaiSendsAClipOnlyCharacterAsACharactersEntry() throws {
        // `dog` lives on AceData with no character id: its clip travels, numbered in order.
        let compiled = try Fixtures.compile("@hero chases @dog; @dog barks")
        #expect(compiled.prompt == "@hero_001 chases @character1; @character1 barks")
        #expect(compiled.characters == [CompiledCharacter(id: nil, url: "https://clips.test/dog.mp4", timestamps: "1.5,4")])
        #expect(compiled.referenced == ["hero", "dog"])
    }

    @Test func grsaiOtherHostUsesClipUnlessItSharesIDs() throws {
        let mainland = PromptTarget(provider: "grsai-cn", dialect: .grsai)
        let viaClip = try Fixtures.compile("@cat naps", mainland)
        #expect(viaClip.prompt == "@character1 naps")
        #expect(viaClip.characters == [.clip(Fixtures.catClip)])
        #expect(viaClip.characters?.first?.timestamps == "0,3")
        let sharing = PromptTarget(provider: "grsai-cn", dialect: .grsai, sharesCharacterIDsWith: ["grsai"])
        #expect(try Fixtures.compile("@cat naps", sharing).prompt == "@cartoon_cat_001 naps")
    }

    @Test func literalAtAndEmailSurviveRendering() throws {
        #expect(try Fixtures.compile("write to me@example.com, @@hero").prompt == "write to me@example.com, @hero")
    }

    @Test func aceDataSendsOneClipAndTheName() throws {
        let compiled = try Fixtures.compile("@dog runs; @dog sits", Fixtures.acedata)
        #expect(compiled.prompt == "Rex runs; Rex sits")
        #expect(compiled.characterURL == "https://clips.test/dog.mp4")
        #expect(compiled.characterStart == 1.5)
        #expect(compiled.characterEnd == 4)
        #expect(compiled.characters == nil)
        #expect(compiled.referenced == ["dog"])
    }

    @Test func openAIListsIDsAndWritesNames() throws {
        let compiled = try Fixtures.compile("@alice meets @bob. @alice smiles.", Fixtures.openai)
        #expect(compiled.prompt == "Alice meets Bob. Alice smiles.")
        #expect(compiled.characters == [.id("char_alice"), .id("char_bob")])
        #expect(compiled.referenced == ["alice", "bob"])
    }

    @Test func noMentionsMeansNoSideFields() throws {
        let compiled = try Fixtures.compile("a quiet beach at dawn", Fixtures.openai)
        #expect(compiled == CompiledPrompt(prompt: "a quiet beach at dawn", provider: "oai", referenced: []))
    }

    @Test func jsonMatchesTheRenderedPromptShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ compiled: CompiledPrompt) throws -> String {
            String(decoding: try encoder.encode(compiled), as: UTF8.self)
        }
        #expect(
            try json(Fixtures.compile("@hero and @dog", Fixtures.grsai))
                == #"{"characters":[{"timestamps":"1.5,4","url":"https:\/\/clips.test\/dog.mp4"}],"#
                + #""prompt":"@hero_001 and @character1","provider":"grsai","referenced":["hero","dog"]}"#)
        #expect(
            try json(Fixtures.compile("@dog", Fixtures.acedata))
                == #"{"character_end":4,"character_start":1.5,"character_url":"https:\/\/clips.test\/dog.mp4","#
                + #""prompt":"Rex","provider":"acedata","referenced":["dog"]}"#)
        #expect(
            try json(Fixtures.compile("@bob", Fixtures.openai))
                == #"{"characters":[{"id":"char_bob"}],"prompt":"Bob","provider":"oai","referenced":["bob"]}"#)
        let compiled = try Fixtures.compile("@hero and @dog")
        #expect(try JSONDecoder().decode(CompiledPrompt.self, from: encoder.encode(compiled)) == compiled)
    }

    @Test func compilingAPreparsedTemplateGivesTheSameResult() throws {
        let template = PromptTemplate(parsing: "@cat.name and @hero", knownHandles: Fixtures.table.knownHandles)
        let compiled = try PromptCompiler.compile(template, for: Fixtures.grsai, lookup: Fixtures.table)
        #expect(compiled == (try Fixtures.compile("@cat.name and @hero")))
    }
}
