import Testing
@testable import TroupePrompt

@Suite struct VariableTests {
    @Test func valuesAreFilledInAsText() throws {
        let compiled = try Fixtures.compile("@hero in {{place}} at {{ time }}", variables: ["place": "巴黎", "time": "dusk"])
        #expect(compiled.prompt == "@hero_001 in 巴黎 at dusk")
    }

    @Test func everyMissingVariableIsReportedOnce() throws {
        let error = try #require(Fixtures.error("{{a}} {{b}} {{a}} {{c}}", variables: ["c": "x"]))
        #expect(error.missingVariables == ["a", "b"])
        #expect(error.problems.map(\.range) == [0..<5, 6..<11])
        #expect(error.description == "2 problems in the prompt: missing variable {{a}}: pass --var a=VALUE; "
            + "missing variable {{b}}: pass --var b=VALUE")
    }

    @Test func unusedValuesAreIgnored() throws {
        #expect(try Fixtures.compile("plain", variables: ["extra": "column"]).prompt == "plain")
    }

    @Test func aValueMayNameACharacter() throws {
        let compiled = try Fixtures.compile("{{who}} waves at @bob", Fixtures.openai, variables: ["who": "@alice"])
        #expect(compiled.prompt == "Alice waves at Bob")
        #expect(compiled.characters == [.id("char_alice"), .id("char_bob")])
        #expect(compiled.referenced == ["alice", "bob"])
    }

    @Test func aProblemInAValuePointsAtTheVariable() throws {
        let error = try #require(Fixtures.error("say hi, {{who}}", variables: ["who": "@vilain"]))
        #expect(error.problems.map(\.range) == [8..<15])
        #expect(error.description == "unknown character @vilain (from {{who}}) (did you mean @villain?)")
    }

    @Test func bracesAndDoubleAtInAValueAreText() throws {
        let compiled = try Fixtures.compile("{{v}}", variables: ["v": "{{x}} @@ me@example.com"])
        #expect(compiled.prompt == "{{x}} @ me@example.com")
    }
}
