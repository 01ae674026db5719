import Testing
@testable import TroupePrompt

@Suite struct ResolutionErrorTests {
    @Test func unknownHandleSuggestsTheNearestKnownOnes() throws {
        let error = try #require(Fixtures.error("@hero argues with @vilain."))
        #expect(error.problems.count == 1)
        let problem = error.problems[0]
        #expect(problem.kind == .unknownCharacter)
        #expect(problem.subject == "vilain")
        #expect(problem.suggestions == ["villain"])
        #expect(problem.range == 18..<25)
        #expect(error.description == "unknown character @vilain (did you mean @villain?)")
    }

    @Test func unknownHandleFarFromAnythingHasNoSuggestion() throws {
        let error = try #require(Fixtures.error("@xyzzyplugh waves"))
        #expect(error.problems[0].suggestions.isEmpty)
        #expect(error.description == "unknown character @xyzzyplugh")
    }

    @Test func charactersNotReadyAreRefused() throws {
        let error = try #require(Fixtures.error("@ghost, @zombie and @broken"))
        #expect(error.problems.map(\.kind) == [.characterNotReady, .characterNotReady, .characterNotReady])
        #expect(error.problems.map(\.subject) == ["ghost", "zombie", "broken"])
        #expect(error.problems[0].message == "character @ghost is still pending: wait until it is ready")
        #expect(error.problems[1].message == "character @zombie is retired")
    }

    @Test func foreignCharactersThatCannotTravelAreRefused() throws {
        let onOpenAI = try #require(Fixtures.error("@hero and @alice", Fixtures.openai))
        #expect(onOpenAI.problems.map(\.kind) == [.foreignCharacter])
        #expect(onOpenAI.problems[0].message.contains("belongs to provider grsai"))
        let onAceData = try #require(Fixtures.error("@alice", Fixtures.acedata))
        #expect(onAceData.problems.map(\.kind) == [.foreignCharacter])
        let onGrsAI = try #require(Fixtures.error("@alice"))
        #expect(onGrsAI.problems.map(\.kind) == [.foreignCharacter])
        #expect(onGrsAI.problems[0].message.contains("no clip"))
    }

    @Test func tooManyCharactersForTheDialect() throws {
        let openAI = try #require(Fixtures.error("@alice, @bob and @carol", Fixtures.openai))
        #expect(openAI.problems.map(\.kind) == [.tooManyCharacters])
        #expect(openAI.problems[0].range == 17..<23)
        #expect(
            openAI.description
                == "OpenAI-style provider oai takes at most 2 characters, this prompt uses 3: @alice, @bob, @carol")
        let aceData = try #require(Fixtures.error("@dog and @cat", Fixtures.acedata))
        #expect(aceData.problems.map(\.kind) == [.tooManyCharacters])
        // The same character twice is one character.
        #expect(Fixtures.error("@alice, @alice", Fixtures.openai) == nil)
    }

    @Test func emptyPromptIsRefused() throws {
        #expect(Fixtures.error("")?.problems.map(\.kind) == [.emptyPrompt])
        #expect(Fixtures.error(" \n\t　")?.problems.map(\.kind) == [.emptyPrompt])
        #expect(Fixtures.error("{{x}}", variables: ["x": " "])?.problems.map(\.kind) == [.emptyPrompt])
    }

    @Test func everyProblemIsListedInOneMessageInSourceOrder() throws {
        let source = "@vilain meets @ghost in {{place}} at {{time}} {{ }} with @alice"
        let error = try #require(Fixtures.error(source))
        #expect(error.problems.map(\.kind) == [
            .unknownCharacter, .characterNotReady, .missingVariable, .missingVariable, .syntax, .foreignCharacter,
        ])
        #expect(error.description.hasPrefix("6 problems in the prompt: unknown character @vilain"))
        #expect(error.description.contains("; missing variable {{place}}"))
    }

    @Test func caretPointsAtTheOffendingMention() throws {
        let error = try #require(Fixtures.error("@hero argues with @vilain."))
        #expect(
            error.formatted() == """
                1:19: unknown character @vilain (did you mean @villain?)
                    @hero argues with @vilain.
                                      ^~~~~~~
                """)
    }

    @Test func caretAccountsForWideCharactersAndLines() {
        let chinese = PromptError.caret(source: "镜头：@vilain走", range: 9..<16, message: "m")
        #expect(chinese == "1:4: m\n    镜头：@vilain走\n          ^~~~~~~")
        let multiline = PromptError.caret(source: "one\r\n  {{two\nthree", range: 7..<9, message: "m")
        #expect(multiline == "2:3: m\n      {{two\n      ^~")
        let empty = PromptError.caret(source: "", range: 0..<0, message: "the prompt is empty")
        #expect(empty == "1:1: the prompt is empty\n    \n    ^")
    }
}
