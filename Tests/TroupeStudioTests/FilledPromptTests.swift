import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
@testable import TroupeStudio

/// A video made from a template shows the prompt its row rendered, not the template body.
@Suite struct FilledPromptTests {
    @Test func aBatchRowsVideoShowsItsRenderedPromptInTheListAndTheLineage() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.05, seed: 7)) { harness in
            let catalog = harness.studio.catalog
            let source = try #require(try await harness.generate("a cat").entry?.video?.pid)
            let hero = try await harness.studio.createCharacter(CharacterOptions(source: .video(source), clip: try ClipRange(parsing: "0,3"), handle: try Handle("hero")))
            #expect(hero.entry?.character?.status == .ready)
            try catalog.saveTemplate(name: "ride", body: "@hero rides through {{place}} at {{hour}}")
            let plan = try harness.studio.planBatch(csv: "place,hour\nParis,dawn\nRome,night\n", prompt: .template(name: "ride"), providerName: nil)
            let results = await harness.studio.runBatch(plan, concurrency: 2)
            #expect(results.allSatisfy { $0.state == "succeeded" })
            let reports = try catalog.reports(for: catalog.videos(), vaultPath: harness.studio.home.vaultPath)
            #expect(Set(reports.compactMap(\.prompt)) == ["a cat", "@hero rides through Paris at dawn", "@hero rides through Rome at night"])
            let paris = try #require(reports.first { $0.prompt?.contains("Paris") == true }?.pid)
            let graph = try catalog.lineage(of: .video(try Pid(paris)), direction: .up)
            #expect(graph.nodes.first?.label.contains("Paris at dawn") == true, "\(graph.nodes)")
        }
    }

    @Test func aGenerationWithVariablesShowsThemFilledIn() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.05, seed: 8)) { harness in
            var options = GenerateOptions(prompt: .text("a {{animal}} on a skateboard"))
            options.variables = ["animal=cat"]
            let entry = try #require(try await harness.studio.generate(options).entry)
            #expect(entry.video?.prompt == "a cat on a skateboard")
            #expect(entry.video?.compiledPrompt == "a cat on a skateboard")
        }
    }
}
