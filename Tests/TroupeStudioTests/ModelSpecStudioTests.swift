import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeProviders
@testable import TroupeStudio

/// Generations resolve their model's row: what is sent, recorded and charged comes from it.
@Suite struct ModelSpecStudioTests {
    @Test func anUnknownModelIsRefusedWithTheProvidersModels() async throws {
        try await StudioHarness.with { (harness) async throws in
            var options = GenerateOptions(prompt: .text("a cat"))
            options.model = VideoModel(rawValue: "veo9")
            #expect(throws: CatalogError("unknown model 'veo9' on provider sim (grsai): use sora-2, veo3.1-fast, veo3.1-pro (`troupe model list --provider sim`)")) {
                try harness.studio.prepareGeneration(options)
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
        }
    }

    @Test func aVeoGenerationIsBuiltPricedAndRecordedFromItsRow() async throws {
        try await StudioHarness.with { (harness) async throws in
            var options = GenerateOptions(prompt: .text("a heron at dawn"))
            options.model = VideoModel(rawValue: "veo3.1-fast")
            options.image = "https://cdn.example.com/heron.png"
            let prepared = try harness.studio.prepareGeneration(options)
            #expect(prepared.preview.hasPrefix("POST /v1/video/veo\n"))
            #expect(prepared.preview.contains(#""urls":["https://cdn.example.com/heron.png"]"#))
            #expect(!prepared.preview.contains("firstFrameUrl"), "Veo takes reference images or frames, not both")
            #expect(prepared.price == PriceTable.Price(amount: Decimal(string: "0.40")!, currency: "CNY"))
            #expect(prepared.video.model == "veo3.1-fast")
            #expect(prepared.video.duration == 8 && prepared.video.aspect == "16:9" && prepared.video.size == nil)
        }
    }

    @Test func theSoraDefaultsAndPriceAreUnchanged() async throws {
        try await StudioHarness.with { (harness) async throws in
            let prepared = try harness.studio.prepareGeneration(GenerateOptions(prompt: .text("a cat")))
            #expect(prepared.preview.hasPrefix("POST /v1/video/sora-video\n"))
            #expect(prepared.price == PriceTable.Price(amount: Decimal(string: "0.08")!, currency: "CNY"))
            #expect(prepared.video.model == "sora-2" && prepared.video.duration == 10 && prepared.video.aspect == "9:16" && prepared.video.size == "small")
        }
    }

    @Test func anAceDataTaskIsPolledOnItsModelsService() async throws {
        try await StudioHarness.with { (harness) async throws in
            let studio = harness.studio
            let acedata = try studio.catalog.provider(named: "acedata")
            var options = GenerateOptions(prompt: .text("hero dances"))
            options.providerName = "acedata"
            options.model = VideoModel(rawValue: "doubao-seedance-1-0-pro-250528")
            let prepared = try studio.prepareGeneration(options)
            #expect(prepared.preview.hasPrefix("POST /seedance/videos\n"))
            #expect(prepared.price == PriceTable.Price(amount: Decimal(string: "0.30")!, currency: "USD"))
            #expect(prepared.video.size == "720p" && prepared.video.duration == 5 && prepared.video.aspect == "16:9")
            let entry = try studio.catalog.journalNow(TaskEntry(providerName: "acedata", kind: prepared.kind, request: prepared.preview),
                                                      producing: .video(prepared.video, features: []))
            #expect(studio.pollService(of: entry, provider: acedata) == "seedance")
            // Without a journaled path, the video's model says it.
            var bare = entry
            bare.task.request = "(not kept)"
            #expect(studio.pollService(of: bare, provider: acedata) == "seedance")
            bare.video?.model = "sora-2"
            #expect(studio.pollService(of: bare, provider: acedata) == "sora")
            #expect(try studio.price(of: entry, provider: acedata) == prepared.price)
        }
    }

    @Test func aBatchTakesModelAndFrameColumnsAndPricesEachRowByItsModel() async throws {
        try await StudioHarness.with { (harness) async throws in
            let csv = """
                place,model,first_frame,last_frame
                Paris,veo3.1-fast,https://cdn.example.com/a.png,https://cdn.example.com/b.png
                Rome,veo3.1-pro,https://cdn.example.com/c.png,
                Oslo,,,
                """
            let plan = try harness.studio.planBatch(csv: csv, prompt: .text("a cat in {{place}}"), providerName: nil)
            #expect(plan.rows.count == 3 && plan.currency == "CNY")
            #expect(plan.estimate == Decimal(string: "1.68"))
            let first = try plan.rows[0].options
            #expect(first.firstFrame == "https://cdn.example.com/a.png" && first.lastFrame == "https://cdn.example.com/b.png")
            do {
                _ = try harness.studio.planBatch(csv: "place,model,last_frame\nParis,veo3.1-fast,https://cdn.example.com/b.png\n",
                                                 prompt: .text("a cat in {{place}}"), providerName: nil)
                Issue.record("expected the row to be refused")
            } catch let error as BatchError {
                #expect(error.problems.count == 1 && error.problems[0].hasPrefix("line 2: ") && error.problems[0].contains("a last frame needs a first frame"))
            }
        }
    }
}
