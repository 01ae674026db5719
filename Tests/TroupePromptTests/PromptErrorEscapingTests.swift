import Testing
@testable import TroupePrompt

/// Prompt errors show the source line with its control characters escaped.
@Suite struct PromptErrorEscapingTests {
    @Test func aPromptErrorShowsTheLineEscapedWithTheCaretUnderTheMention() throws {
        let error = try #require(Fixtures.error("\u{1b}[2J\t@vilain waves"))
        #expect(error.formatted() == """
            1:6: unknown character @vilain (did you mean @villain?)
                \\e[2J\\t@vilain waves
                       ^~~~~~~
            """)
    }
}
