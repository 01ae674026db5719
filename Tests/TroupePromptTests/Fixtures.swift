@testable import TroupePrompt

/// A small catalogue shared by the tests: GrsAI, AceData and OpenAI-style characters in every state.
enum Fixtures {
    static let grsai = PromptTarget(provider: "grsai", dialect: .grsai)
    static let acedata = PromptTarget(provider: "acedata", dialect: .acedata)
    static let openai = PromptTarget(provider: "oai", dialect: .openai)

    static let catClip = PromptClip(url: "https://clips.test/cat.mp4", start: 0, end: 3)
    static let dogClip = PromptClip(url: "https://clips.test/dog.mp4", start: 1.5, end: 4)

    static let table = CharacterTable([
        PromptCharacter(handle: "hero", provider: "grsai", dialect: .grsai, characterID: "hero_001"),
        PromptCharacter(handle: "villain", provider: "grsai", dialect: .grsai, characterID: "villain.v2"),
        PromptCharacter(handle: "cat", provider: "grsai", dialect: .grsai, characterID: "cartoon_cat_001", clip: catClip),
        PromptCharacter(handle: "cat.name", provider: "grsai", dialect: .grsai, characterID: "character.name"),
        PromptCharacter(handle: "dog", provider: "acedata", dialect: .acedata, clip: dogClip, displayName: "Rex"),
        PromptCharacter(handle: "ghost", provider: "grsai", dialect: .grsai, characterID: "ghost_1", status: .pending),
        PromptCharacter(handle: "zombie", provider: "grsai", dialect: .grsai, characterID: "zombie_1", status: .retired),
        PromptCharacter(handle: "broken", provider: "grsai", dialect: .grsai, status: .failed),
        PromptCharacter(handle: "alice", provider: "oai", dialect: .openai, characterID: "char_alice", displayName: "Alice"),
        PromptCharacter(handle: "bob", provider: "oai", dialect: .openai, characterID: "char_bob", displayName: "Bob"),
        PromptCharacter(handle: "carol", provider: "oai", dialect: .openai, characterID: "char_carol", displayName: "Carol"),
    ])

    static func compile(
        _ source: String, _ target: PromptTarget = grsai, variables: [String: String] = [:]
    ) throws(PromptError) -> CompiledPrompt {
        try PromptCompiler.compile(source, for: target, lookup: table, variables: variables)
    }

    /// The error a compile throws, or `nil` when it succeeds.
    static func error(
        _ source: String, _ target: PromptTarget = grsai, variables: [String: String] = [:]
    ) -> PromptError? {
        do {
            _ = try compile(source, target, variables: variables)
            return nil
        } catch {
            return error
        }
    }
}
