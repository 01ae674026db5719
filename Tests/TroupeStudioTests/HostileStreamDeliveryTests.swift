import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct HostileStreamDeliveryTests {
    @Test func aStreamFrameThatNeverEndsLeavesTheCallUnknownAndSaysWhy() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 11)) { harness in
            // The provider answers with one frame that never ends, past the 8 MiB bound.
            let hostile = Data(#"data: {"id":""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 9 << 20)
            try await RangeFileServer.serving(content: hostile) { server in
                try harness.studio.catalog.setBaseURL("http://127.0.0.1:\(server.port)", ofProvider: "sim")
                var options = GenerateOptions(prompt: .text("a cat, streamed"))
                options.delivery = .stream
                await #expect {
                    _ = try await harness.studio.generate(options)
                } throws: { error in
                    "\(error)".contains("without ending: the answer is unreadable") && "\(error)".contains("marked unknown")
                }
                let task = try #require(try harness.studio.catalog.tasks().first)
                #expect(task.state == .unknown, "sent, no task id back: never resent silently")
                #expect(task.errorText?.contains("the answer is unreadable") == true, "\(task.errorText ?? "")")
            }
        }
    }
}
