import Testing
import TroupeDomain
@testable import TroupePrompt

/// A character known by its image alone belongs to no provider: a refusal says what it has.
@Suite struct ImageOnlyCharacterMessageTests {
    static let pilot = CharacterTable([
        PromptCharacter(handle: "pilot", provider: "", dialect: .grsai, image: .url("https://img.test/pilot.png")),
    ])

    static func message(_ target: PromptTarget) -> String? {
        do {
            _ = try PromptCompiler.compile("@pilot lands", for: target, lookup: pilot)
            return nil
        } catch {
            return error.problems.first?.message
        }
    }

    @Test func onASoraModelTheMessageSaysItHasOnlyAnImageAndNamesNoEmptyProvider() {
        let sora = ModelTargetTests.model("sora-2", kind: .grsai, family: .grsaiSora, forms: [.id, .clip], maxCharacters: nil)
        let onGrsAI = Self.message(PromptTarget(provider: "s", dialect: .grsai, model: sora))
        #expect(onGrsAI == "character @pilot has only a reference image, and sora-2 on s takes characters only as character ids made on s or clips")
        let pro = ModelTargetTests.model("sora-2-pro", kind: .openai, family: .openaiVideos, forms: [.id], maxCharacters: 2)
        let onOpenAI = Self.message(PromptTarget(provider: "o", dialect: .openai, model: pro))
        #expect(onOpenAI == "character @pilot has only a reference image, and sora-2-pro on o takes characters only as character ids made on o")
        #expect(onGrsAI?.contains("provider ,") == false && onGrsAI?.contains("provider  ") == false)
    }
}
