import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
@testable import TroupeStudio

/// A batch's `remix_of` column takes a unique start of a pid, like every PID argument.
@Suite struct PidPrefixBatchTests {
    @Test func aRemixOfColumnTakesAUniquePrefixAndRefusesAnAmbiguousOne() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.05, seed: 9)) { harness in
            let parent = try #require(try await harness.generate("a cat").entry?.video?.pid)
            let prefix = String(parent.rawValue.prefix(8))
            let plan = try harness.studio.planBatch(csv: "remix_of\n\(prefix)\n", prompt: .text("at night"), providerName: nil)
            #expect((try plan.rows.first?.prepared())?.video.parentId == (try harness.studio.catalog.video(pid: parent).id))
            #expect((try plan.rows.first?.prepared())?.preview.contains(parent.rawValue) == true, "the full pid is sent")

            try harness.studio.catalog.registerVideo(pid: try Pid("s_" + String(parent.rawValue.dropFirst(2).prefix(6)) + "00"), providerName: "sim")
            let ambiguous = "s_" + String(parent.rawValue.dropFirst(2).prefix(6))
            #expect {
                _ = try harness.studio.planBatch(csv: "remix_of\n\(ambiguous)\n", prompt: .text("at night"), providerName: nil)
            } throws: { error in
                "\(error)".contains("line 2: ambiguous: 2 videos start with \(ambiguous)")
            }
        }
    }
}
