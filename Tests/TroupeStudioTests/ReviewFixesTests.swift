import Foundation
import Testing
@testable import TroupeCatalog
import TroupeDomain
import TroupeProviders
import TroupeSimulator
@testable import TroupeStudio

/// Fixes from the newcomer review of "Models as data": currencies kept per call, remixes on the
/// parent's model, images checked before journaling, several reference images, batch messages.
@Suite struct ReviewFixesTests {
    static let usdVeo = ModelSpec(name: VideoModel(rawValue: "veo3.1-fast-1080p")!, providerKind: .grsai, family: .grsaiVeo, durations: [8],
                                  aspects: [.landscape, .portrait], maxCharacters: 3, characterForms: [.image],
                                  imageInputs: [.reference, .firstFrame, .lastFrame], maxReferenceImages: 3,
                                  price: ModelPrice(0.6), currency: "USD")

    @Test func aCallOnAUSDModelOfACNYProviderIsJournaledAndCostedInUSD() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 3)) { harness in
            let studio = harness.studio
            _ = try studio.catalog.addModel(Self.usdVeo)
            var veo = GenerateOptions(prompt: .text("a fox at dawn"))
            veo.model = Self.usdVeo.name
            let usd = try #require(try await studio.generate(veo).entry)
            #expect(usd.task.state == .succeeded && usd.task.currency == "USD" && usd.task.cost == 0.6)
            let cny = try #require(try await harness.generate("a dune at dusk").entry)
            #expect(cny.task.currency == "CNY")
            let lines = try studio.catalog.costs()
            #expect(lines.map(\.currency) == ["CNY", "USD"], "one line per currency, never one sum")
            #expect(lines.map(\.charged) == [Decimal(string: "0.08")!, Decimal(string: "0.6")!])
        }
    }

    @Test func aBatchEstimatesEachCurrencyApart() async throws {
        try await StudioHarness.with { harness in
            _ = try harness.studio.catalog.addModel(Self.usdVeo)
            let csv = "place,model\nParis,sora-2\nRome,veo3.1-fast-1080p\nLima,sora-2\n"
            let plan = try harness.studio.planBatch(csv: Data(csv.utf8), prompt: .text("a cat in {{place}}"), providerName: nil)
            #expect(plan.estimates == [PriceTable.Price(amount: Decimal(string: "0.16")!, currency: "CNY"),
                                       PriceTable.Price(amount: Decimal(string: "0.6")!, currency: "USD")])
            #expect(plan.estimateText == "0.16 CNY and 0.60 USD")
        }
    }

    @Test func aRemixWithoutModelUsesTheParentsModelShapeAndPrice() async throws {
        try await StudioHarness.with { harness in
            let catalog = harness.studio.catalog
            _ = try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com", keyEnv: nil)
            var parent = try catalog.registerVideo(pid: try Pid("video_abc123"), prompt: "a fox", providerName: "gate", model: "sora-2-pro")
            parent.duration = 12
            parent.size = "large"
            parent.aspect = "16:9"
            try catalog.update(parent)

            var remix = GenerateOptions(prompt: .text("at night"))
            remix.providerName = "gate"
            remix.remixOf = "video_abc123"
            let prepared = try harness.studio.prepareGeneration(remix)
            #expect(prepared.preview.contains("/v1/videos/video_abc123/remix") && prepared.preview.contains(#"{"prompt":"at night"}"#))
            #expect(prepared.video.model == "sora-2-pro")
            #expect(prepared.video.duration == 12 && prepared.video.size == "large" && prepared.video.aspect == "16:9",
                    "an OpenAI-style remix sends only a prompt: the provider keeps the parent's shape")
            #expect(prepared.price == PriceTable.Price(amount: Decimal(string: "6.00")!, currency: "USD"), "12 s at sora-2-pro's large price")
            #expect(prepared.dryRunReport.model == "sora-2-pro")

            // A parent whose model this provider does not serve: the provider's default.
            var other = try catalog.registerVideo(pid: try Pid("video_def456"), providerName: "gate", model: "wan-2")
            other.duration = 8
            try catalog.update(other)
            remix.remixOf = "video_def456"
            let fallback = try harness.studio.prepareGeneration(remix)
            #expect(fallback.video.model == "sora-2" && fallback.video.duration == 8)
            #expect(fallback.price == PriceTable.Price(amount: Decimal(string: "0.80")!, currency: "USD"))
        }
    }

    @Test func aRemixOfAVideoWhoseModelCannotRemixIsRefusedBeforeSending() async throws {
        try await StudioHarness.with { harness in
            _ = try harness.studio.catalog.registerVideo(pid: try Pid("s_0a1b2c"), providerName: "sim", model: "veo3.1-fast")
            var remix = GenerateOptions(prompt: .text("at night"))
            remix.remixOf = "s_0a1b2c"
            #expect(throws: (any Error).self) { try harness.studio.prepareGeneration(remix) }
            do {
                _ = try harness.studio.prepareGeneration(remix)
            } catch {
                #expect("\(error)".contains("veo3.1-fast"), "\(error)")
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
        }
    }

    @Test func imagesAreCheckedByTheirFirstBytesAndURLsByTheirShapeBeforeJournaling() async throws {
        try await StudioHarness.with { harness in
            let fake = harness.directory + "-fake.png"
            try Data("not an image\n".utf8).write(to: URL(fileURLWithPath: fake))
            defer { try? FileManager.default.removeItem(atPath: fake) }
            func refusal(_ change: (inout GenerateOptions) -> Void) -> String {
                var options = GenerateOptions(prompt: .text("a heron"))
                options.model = VideoModel(rawValue: "veo3.1-fast")
                change(&options)
                do {
                    _ = try harness.studio.prepareGeneration(options)
                    return "accepted"
                } catch {
                    return "\(error)"
                }
            }
            #expect(refusal { $0.firstFrame = fake }
                    == "first frame file '\(fake)' is not a PNG, JPEG or WebP image (it is text): give an image file or an http(s) URL")
            #expect(refusal { $0.firstFrame = "ftp://x/y.png" } == "first frame 'ftp://x/y.png': only http(s) URLs or a local PNG, JPEG or WebP file are taken")
            #expect(refusal { $0.image = "https://x.example/a b.png" }
                    == "reference image URL 'https://x.example/a b.png' is not usable: give an http(s) URL with a host and no spaces")
            #expect(refusal { $0.lastFrame = "http://" } == "last frame URL 'http://' is not usable: give an http(s) URL with a host and no spaces")
            #expect(refusal { $0.images = ["./missing.png"] }
                    == "reference image file './missing.png' does not exist: give a PNG, JPEG or WebP file or an http(s) URL")
            #expect(try harness.studio.catalog.tasks().isEmpty, "nothing is journaled")
        }
    }

    @Test func severalReferenceImagesTravelInOrderUpToTheModelsLimit() async throws {
        try await StudioHarness.with { harness in
            var options = GenerateOptions(prompt: .text("a heron"))
            options.model = VideoModel(rawValue: "veo3.1-fast")
            options.images = ["https://img.example.com/1.png", "https://img.example.com/2.png"]
            let prepared = try harness.studio.prepareGeneration(options)
            #expect(prepared.preview.contains(#""urls":["https://img.example.com/1.png","https://img.example.com/2.png"]"#))
            options.images = (1...4).map { "https://img.example.com/\($0).png" }
            #expect(throws: (any Error).self) { try harness.studio.prepareGeneration(options) }

            let csv = "place,model,image\nParis,veo3.1-fast,https://img.example.com/a.png; https://img.example.com/b.png\n"
            let plan = try harness.studio.planBatch(csv: Data(csv.utf8), prompt: .text("a heron in {{place}}"), providerName: nil)
            #expect(try plan.rows[0].prepared().preview.contains(#""urls":["https://img.example.com/a.png","https://img.example.com/b.png"]"#))
        }
    }

    @Test func aBatchRowWithALastFrameAloneNamesTheFirstFrameColumn() async throws {
        try await StudioHarness.with { harness in
            let csv = "place,model,last_frame\nParis,veo3.1-fast,https://img.example.com/end.png\n"
            do {
                _ = try harness.studio.planBatch(csv: Data(csv.utf8), prompt: .text("a heron in {{place}}"), providerName: nil)
                Issue.record("a last frame alone was accepted")
            } catch let error as BatchError {
                #expect(error.problems == ["line 2: a last frame needs a first frame: fill the row's first_frame column"])
            }
        }
    }
}
