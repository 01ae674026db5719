import Foundation
import Testing
@testable import TroupeDomain

@Suite struct DomainTests {
    @Test func pidsAreSPrefixedHexOrOpenAIVideoIds() throws {
        #expect(try Pid("s_68f1a2b3").rawValue == "s_68f1a2b3")
        #expect(try Pid("video_68d7abc").rawValue == "video_68d7abc")
        for bad in ["", "s_", "s_xyz", "68f1", "S_68f1", "s_68f1 ", "video_", "video_a-b"] {
            #expect(throws: DomainError.self) { try Pid(bad) }
        }
        #expect(throws: DomainError("invalid pid 's_xyz': expected 's_' followed by hex digits (e.g. s_68f1a2b3) or 'video_' followed by letters and digits")) {
            try Pid("s_xyz")
        }
    }

    @Test func characterIdsMayHoldDotsAndUnderscores() throws {
        for good in ["character.name", "cartoon_cat_001", "cat_character", "char_abc-1"] {
            #expect(try CharacterID(good).rawValue == good)
        }
        for bad in ["", "has space", "@hero", "emoji😀", String(repeating: "a", count: 129)] {
            #expect(throws: DomainError.self) { try CharacterID(bad) }
        }
    }

    @Test func handlesDoNotEndWithSentencePunctuation() throws {
        #expect(try Handle("hero").rawValue == "hero")
        #expect(try Handle("@hero").rawValue == "hero")
        #expect(try Handle("cat.name").rawValue == "cat.name")
        for bad in ["", "hero.", "hero-", ".hero", "-hero", "he ro", "héro"] {
            #expect(throws: DomainError.self) { try Handle(bad) }
        }
    }

    @Test func clipRangesParseAndCheckTheirLengthPerProvider() throws {
        let clip = try ClipRange(parsing: "0.5, 3")
        #expect(clip.start == 0.5 && clip.end == 3)
        #expect(clip.description == "0.5,3")
        try clip.validate(for: .grsai)
        #expect(throws: DomainError("clip 0,5 is 5 s long: grsai accepts at most 3 s")) {
            try ClipRange(parsing: "0,5").validate(for: .grsai)
        }
        #expect(throws: DomainError("clip 0,1 is 1 s long: openai accepts 2–4 s")) {
            try ClipRange(parsing: "0,1").validate(for: .openai)
        }
        #expect(throws: DomainError("invalid clip 3,1: the end must be after the start")) { try ClipRange(parsing: "3,1") }
        #expect(throws: DomainError("invalid clip -1,2: the start must be a number of seconds ≥ 0")) { try ClipRange(parsing: "-1,2") }
        #expect(throws: DomainError("invalid clip 'abc': use START,END in seconds, e.g. 0,3")) { try ClipRange(parsing: "abc") }
        #expect(throws: DomainError("clip 8,10 ends after the video, which is 9 s long")) {
            try ClipRange(parsing: "8,10").validate(within: 9)
        }
    }

    @Test func aModelSaysWhatItAllows() throws {
        let model = ModelSpec(name: try VideoModel(parsing: "sora-2-pro"), providerKind: .acedata, family: .acedataSora, service: "sora",
                              durations: [10, 15, 25], aspects: [.portrait, .landscape, .square], sizes: [.small, .large],
                              maxCharacters: 1, characterForms: [.clip], imageInputs: [.reference], maxReferenceImages: 1,
                              price: ModelPrice(Decimal(string: "0.60")!, overrides: [PriceOverride(minDuration: 25, amount: 1)]),
                              currency: "USD")
        try model.validate()
        try model.validate(duration: 25)
        #expect(throws: DomainError("duration 5 s is not available for sora-2-pro on acedata: use 10, 15, 25")) {
            try model.validate(duration: 5)
        }
        #expect(throws: DomainError("aspect ratio 21:9 is not available for sora-2-pro on acedata: use 9:16, 16:9, 1:1")) {
            try model.validate(aspect: AspectRatio(parsing: "21:9"))
        }
        #expect(throws: DomainError("size 4k is not available for sora-2-pro on acedata: use small, large")) {
            try model.validate(size: VideoSize(parsing: "4K"))
        }
        #expect(throws: DomainError("sora-2-pro on acedata cannot remix: use a model that can (`troupe model list` shows them)")) {
            try model.validateRemix()
        }
        #expect(model.price.total(duration: 15, size: .small) == Decimal(string: "0.60")!)
        #expect(model.price.total(duration: 25, size: .small) == 1)
        var wrong = model
        wrong.characterForms = [.id]
        #expect(throws: DomainError("acedata-sora cannot carry characters as id: use clip, image")) { try wrong.validate() }
        #expect(try AspectRatio(parsing: "portrait") == .portrait)
        #expect(try AspectRatio(parsing: "16:9") == .landscape)
        #expect(try AspectRatio(parsing: "04:3").rawValue == "4:3")
        #expect(throws: DomainError("unknown aspect ratio '4x3': use W:H such as 9:16 (portrait), 16:9 (landscape) or 1:1 (square), or adaptive")) {
            try AspectRatio(parsing: "4x3")
        }
        #expect(throws: DomainError("unknown size 'huge!': use a size word (small, large) or a resolution (480p, 720p, 1080p, 4k)")) {
            try VideoSize(parsing: "huge!")
        }
        #expect(throws: DomainError.self) { try VideoModel(parsing: "-sora") }
    }

    @Test func aPerSecondPriceCountsTheSeconds() {
        let price = ModelPrice(Decimal(string: "0.30")!, per: .second, overrides: [PriceOverride(size: .large, amount: Decimal(string: "0.50")!)])
        #expect(price.total(duration: 8, size: .small) == Decimal(string: "2.4")!)
        #expect(price.total(duration: 8, size: .large) == 4)
    }
}

@Suite struct IdentifierCodingTests {
    @Test func identifiersEncodeAsBareStringsAndValidateWhenDecoded() throws {
        let data = try JSONEncoder().encode([try Pid("s_ab12")])
        #expect(String(decoding: data, as: UTF8.self) == #"["s_ab12"]"#)
        #expect(try JSONDecoder().decode([Handle].self, from: Data(#"["hero"]"#.utf8)) == [try Handle("hero")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CharacterID].self, from: Data(#"["bad id"]"#.utf8)) }
    }
}
