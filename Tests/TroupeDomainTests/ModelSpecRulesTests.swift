import Foundation
import Testing
import TroupeDomain

/// A model row holds only what its request family can send: `model add` refuses the rest in one line.
@Suite struct ModelSpecRulesTests {
    static func size(_ text: String) -> VideoSize { VideoSize(rawValue: text)! }
    static func aspect(_ text: String) -> AspectRatio { AspectRatio(rawValue: text)! }

    /// A spec that passes, on `family`, with what the family sends.
    static func spec(_ family: RequestFamily) -> ModelSpec {
        ModelSpec(name: VideoModel(rawValue: "m1")!, providerKind: family.kind, family: family,
                  service: family.needsService ? "svc" : nil, durations: [5, 10],
                  aspects: family.aspects.filter { [.portrait, .landscape].contains($0) }, sizes: family.defaultSizes,
                  characterForms: [], imageInputs: [.reference], maxReferenceImages: 1, price: ModelPrice(1), currency: "USD")
    }

    static func refusal(_ spec: ModelSpec) -> String? {
        do { try spec.validate() } catch { return error.message }
        return nil
    }

    @Test func eachFamilyDefaultsToWhatItSendsAndPasses() throws {
        #expect(RequestFamily.openaiVideos.defaultSizes == [.small])
        #expect(RequestFamily.grsaiSora.defaultSizes == [.small, .large] && RequestFamily.acedataSora.defaultSizes == [.small, .large])
        #expect(RequestFamily.acedataSeedance.defaultSizes == [Self.size("720p")] && RequestFamily.grsaiVeo.defaultSizes.isEmpty)
        #expect(RequestFamily.acedataSeedance.aspects.map(\.rawValue) == ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"])
        #expect(RequestFamily.grsaiVeo.maxReferenceImages == 3 && RequestFamily.acedataSeedance.maxReferenceImages == 4)
        for family in RequestFamily.allCases {
            #expect(family.defaultSizes.allSatisfy(family.sizes.contains), "\(family)")
            #expect(Self.refusal(Self.spec(family)) == nil, "\(family)")
        }
    }

    @Test func valuesTheFamilyCannotSendAreRefusedNamingWhatItTakes() {
        var openai = Self.spec(.openaiVideos)
        openai.sizes = [Self.size("720p"), Self.size("1080p")]
        #expect(Self.refusal(openai) == "size 720p cannot be sent by openai-videos: it takes small, large, 720x1280, 1280x720, 1024x1792, 1792x1024")
        openai.sizes = [Self.size("1280x720")]
        #expect(Self.refusal(openai) == nil)
        openai.aspects = [Self.aspect("adaptive")]
        #expect(Self.refusal(openai) == "aspect ratio adaptive cannot be sent by openai-videos: it takes 9:16, 16:9")

        var veo = Self.spec(.grsaiVeo)
        veo.sizes = [Self.size("720p")]
        #expect(Self.refusal(veo)?.hasPrefix("grsai-veo requests have no size, so size 720p cannot be sent: leave --sizes out") == true)
        veo.sizes = []
        veo.maxReferenceImages = 9
        #expect(Self.refusal(veo) == "--max-reference-images 9 is more than grsai-veo carries: at most 3")
        veo.maxReferenceImages = 0
        #expect(Self.refusal(veo) == "--max-reference-images 0 contradicts reference in --image-inputs: give 1 or more, or leave reference out")

        var sora = Self.spec(.grsaiSora)
        sora.aspects = [.square]
        #expect(Self.refusal(sora) == "aspect ratio 1:1 cannot be sent by grsai-sora: it takes 9:16, 16:9")
        var seedance = Self.spec(.acedataSeedance)
        seedance.aspects = [Self.aspect("5:4")]
        #expect(Self.refusal(seedance) == "aspect ratio 5:4 cannot be sent by acedata-seedance: it takes 16:9, 4:3, 1:1, 3:4, 9:16, 21:9, adaptive")
        seedance.aspects = [Self.aspect("21:9")]
        seedance.sizes = [Self.size("4k")]
        #expect(Self.refusal(seedance) == nil)
    }

    @Test func repeatsOutOfRangeValuesAndUnreachablePricesAreRefused() {
        var spec = Self.spec(.openaiVideos)
        spec.durations = [5, 5]
        #expect(Self.refusal(spec) == "5 is listed twice in --durations: give each value once")
        spec.durations = [5, 5000]
        #expect(Self.refusal(spec) == "duration 5000 s is out of range: give durations of 1–600 s each (e.g. --durations 5,10)")
        spec.durations = [5]
        spec.aspects = [.landscape, .landscape]
        #expect(Self.refusal(spec) == "16:9 is listed twice in --aspects: give each value once")
        spec.aspects = [.landscape]
        spec.sizes = [.small, .small]
        #expect(Self.refusal(spec) == "small is listed twice in --sizes: give each value once")
        spec.sizes = [.small]

        spec.price = ModelPrice(1, overrides: [PriceOverride(size: .large, amount: 2)])
        #expect(Self.refusal(spec) == "price override size=large:2 can never apply: size large is not one of m1's (its sizes are small)")
        spec.price = ModelPrice(1, overrides: [PriceOverride(minDuration: 20, amount: 2)])
        #expect(Self.refusal(spec) == "price override from=20:2 can never apply: its longest duration is 5 s")
        spec.price = ModelPrice(Decimal(string: "99999999999999999999")!)
        #expect(Self.refusal(spec) == "price 99999999999999999999 is above the limit of 100000 per video: check the value")
        spec.price = ModelPrice(100_000)
        #expect(Self.refusal(spec) == nil)
    }

    @Test func pricesSayWhatIsWrongWithThem() throws {
        #expect(throws: DomainError("invalid price '-1': a price cannot be negative, give 0 or more such as 0.30")) {
            try ModelPrice.amount(parsing: "-1")
        }
        #expect(throws: DomainError("invalid price '0.12345678901234567891': use at most 8 decimal places, such as 0.005")) {
            try ModelPrice.amount(parsing: "0.12345678901234567891")
        }
        #expect(throws: DomainError("invalid price '99999999999999999999': the limit is 100000 per video or second")) {
            try ModelPrice.amount(parsing: "99999999999999999999")
        }
        #expect(try ModelPrice.amount(parsing: "0.00000001") == Decimal(string: "0.00000001"))
    }

    @Test func anOverrideTakesItsConditionsInEitherOrderBeforeOnePrice() throws {
        let sizeFirst = try PriceOverride(parsing: "size=large+from=10:0.7")
        let fromFirst = try PriceOverride(parsing: "from=10+size=large:0.7")
        #expect(sizeFirst == fromFirst && fromFirst.size == .large && fromFirst.minDuration == 10)
        #expect(throws: DomainError("invalid price override 'from=10:0.5+size=large:0.7': one --price-for takes one price, at the end: join the conditions with + before it (size=large+from=25:1.50), or give --price-for once per price")) {
            try PriceOverride(parsing: "from=10:0.5+size=large:0.7")
        }
        #expect(throws: DomainError("invalid price override 'from=ten:1': from= takes whole seconds, 1–600, not 'ten'")) {
            try PriceOverride(parsing: "from=ten:1")
        }
    }
}
