import Foundation
import Testing
import TroupeDomain
@testable import TroupePrompt

/// The compiler on a target that names its model: the model's character forms and limit decide.
@Suite struct ModelTargetTests {
    static func model(_ name: String, kind: ProviderKind, family: RequestFamily, forms: [CharacterForm], maxCharacters: Int?,
                      maxReferenceImages: Int = 3) -> ModelSpec {
        ModelSpec(name: VideoModel(rawValue: name)!, providerKind: kind, family: family, durations: [8], aspects: [.landscape],
                  maxCharacters: maxCharacters, characterForms: forms, imageInputs: [.reference],
                  maxReferenceImages: maxReferenceImages, price: ModelPrice(0.4), currency: "CNY")
    }

    static let veo = model("veo3.1-fast", kind: .grsai, family: .grsaiVeo, forms: [.image], maxCharacters: 3)
    static let onVeo = PromptTarget(provider: "sim", dialect: .grsai, model: veo)

    static let heroImage = PromptImage.url("https://img.test/hero.png")
    static let owlImage = PromptImage.file("/home/u/.troupe/vault/ab/ab12.png")
    static let table = CharacterTable([
        PromptCharacter(handle: "hero", provider: "sim", dialect: .grsai, characterID: "hero_001", displayName: "Hero",
                        image: heroImage),
        PromptCharacter(handle: "owl", provider: "sim", dialect: .grsai, displayName: "Owl", image: owlImage),
        PromptCharacter(handle: "bob", provider: "sim", dialect: .grsai, characterID: "bob_1"),
        PromptCharacter(handle: "cat", provider: "sim", dialect: .grsai, clip: PromptClip(url: "https://clips.test/cat.mp4", start: 0, end: 3)),
        PromptCharacter(handle: "ann", provider: "sim", dialect: .grsai, image: .url("https://img.test/ann.png")),
        PromptCharacter(handle: "ivy", provider: "sim", dialect: .grsai, image: .url("https://img.test/ivy.png")),
    ])

    static func compile(_ source: String, _ target: PromptTarget = onVeo) throws(PromptError) -> CompiledPrompt {
        try PromptCompiler.compile(source, for: target, lookup: table)
    }

    /// The error a compile throws, or `nil` when it succeeds.
    static func error(_ source: String, _ target: PromptTarget = onVeo) -> PromptError? {
        do {
            _ = try compile(source, target)
            return nil
        } catch {
            return error
        }
    }

    @Test func onAnImageModelAMentionIsTheNameInTheTextAndTheImageOnTheSide() throws {
        let compiled = try Self.compile("@owl meets @hero, and @owl waves")
        #expect(compiled.prompt == "Owl meets Hero, and Owl waves")
        #expect(compiled.referenceImages == [
            CompiledReferenceImage(handle: "owl", image: Self.owlImage),
            CompiledReferenceImage(handle: "hero", image: Self.heroImage),
        ])
        #expect(compiled.referenced == ["owl", "hero"])
        #expect(compiled.characters == nil, "an image model sends no character ids or clips")
    }

    @Test func referenceImagesEncodeAsReferenceImagesNextToTheExistingKeys() throws {
        let compiled = try Self.compile("@owl meets @hero")
        let data = try JSONEncoder().encode(compiled)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["prompt", "provider", "referenced", "reference_images"])
        let images = try #require(object["reference_images"] as? [[String: String]])
        #expect(images == [["handle": "owl", "file": "/home/u/.troupe/vault/ab/ab12.png"],
                           ["handle": "hero", "url": "https://img.test/hero.png"]])
        #expect(try JSONDecoder().decode(CompiledPrompt.self, from: data) == compiled)
        let plain = try JSONEncoder().encode(try Self.compile("a quiet night"))
        #expect(String(decoding: plain, as: UTF8.self).contains("reference_images") == false)
    }

    @Test func theFirstFormTheModelPrefersThatTheCharacterHasIsUsed() throws {
        let imageFirst = PromptTarget(provider: "sim", dialect: .grsai,
                                      model: Self.model("mixed", kind: .grsai, family: .grsaiSora, forms: [.image, .id], maxCharacters: nil))
        let first = try Self.compile("@hero and @bob", imageFirst)
        #expect(first.prompt == "Hero and @bob_1")
        #expect(first.referenceImages?.map(\.handle) == ["hero"])
        let idFirst = PromptTarget(provider: "sim", dialect: .grsai,
                                   model: Self.model("mixed", kind: .grsai, family: .grsaiSora, forms: [.id, .image], maxCharacters: nil))
        let second = try Self.compile("@hero and @owl", idFirst)
        #expect(second.prompt == "@hero_001 and Owl")
        #expect(second.referenceImages?.map(\.handle) == ["owl"])
    }

    @Test func aCharacterWithNoFormTheModelTakesIsRefusedSayingHowToGiveItAnImage() throws {
        let error = try #require(Self.error("@hero meets @bob"))
        #expect(error.problems.map(\.kind) == [.foreignCharacter])
        #expect(error.problems[0].subject == "bob")
        #expect(error.description
            == "character @bob has only a Sora character id, and veo3.1-fast on sim takes characters only as reference images: "
            + "give it one with `troupe character image bob FILE|URL`")
        let clipOnly = try #require(Self.error("@cat"))
        #expect(clipOnly.description
            == "character @cat has only a clip, and veo3.1-fast on sim takes characters only as reference images: "
            + "give it one with `troupe character image cat FILE|URL` or `troupe character image cat --from-clip`")
    }

    @Test func theModelsCharacterLimitReplacesTheDialects() throws {
        let error = try #require(Self.error("@hero, @owl, @ann and @ivy"))
        #expect(error.problems.map(\.kind) == [.tooManyCharacters])
        #expect(error.description == "veo3.1-fast on sim takes at most 3 characters, this prompt uses 4: @hero, @owl, @ann, @ivy")
        // OpenAI-style takes two characters by its dialect's rule; a model there without a limit takes three.
        let people = CharacterTable(["alice", "bob", "carol"].map {
            PromptCharacter(handle: $0, provider: "oai", dialect: .openai, characterID: "char_\($0)", displayName: $0.capitalized)
        })
        let open = PromptTarget(provider: "oai", dialect: .openai,
                                model: Self.model("wide", kind: .openai, family: .openaiVideos, forms: [.id], maxCharacters: nil))
        let compiled = try PromptCompiler.compile("@alice, @bob and @carol", for: open, lookup: people)
        #expect(compiled.characters?.compactMap(\.id) == ["char_alice", "char_bob", "char_carol"])
        let byDialect = PromptTarget(provider: "oai", dialect: .openai)
        #expect(throws: PromptError.self) { try PromptCompiler.compile("@alice, @bob and @carol", for: byDialect, lookup: people) }
    }

    @Test func withoutAModelTheDialectsRulesStandAndImagesAreNotSent() throws {
        let byDialect = PromptTarget(provider: "sim", dialect: .grsai)
        let compiled = try Self.compile("@hero and @cat", byDialect)
        #expect(compiled.prompt == "@hero_001 and @character1")
        #expect(compiled.referenceImages == nil)
        let owl = try #require(Self.error("@owl", byDialect))
        #expect(owl.description == "character @owl belongs to provider sim and has no clip, so it cannot travel to GrsAI provider sim")
        // A model whose forms are the dialect's own compiles exactly as without one.
        let sora = PromptTarget(provider: "sim", dialect: .grsai,
                                model: Self.model("sora-2", kind: .grsai, family: .grsaiSora, forms: [.id, .clip], maxCharacters: nil))
        #expect(try Self.compile("@hero and @cat", sora) == compiled)
        #expect(try #require(Self.error("@owl", sora)) == owl)
    }
}
