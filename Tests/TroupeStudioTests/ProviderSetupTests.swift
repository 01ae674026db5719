import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
@testable import TroupeStudio

@Suite struct ProviderSetupTests {
    /// The README's `provider add gate --kind openai --base-url https://…/v1`: the calls go to
    /// `/v1/videos`, not `/v1/v1/videos` (a 404).
    @Test func anOpenAIStyleProviderGivenWithItsV1Works() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 3)) { harness in
            let studio = harness.studio
            try studio.catalog.addProvider(name: "gate", kind: .openai, baseURL: harness.server.baseURL + "/v1/", keyEnv: nil)
            var options = GenerateOptions(prompt: .text("a heron at dawn"))
            options.providerName = "gate"
            let entry = try #require(try await studio.generate(options).entry)
            #expect(entry.task.state == .succeeded && entry.video?.assetSha256 != nil)
            // Edited to another base URL, with /v1 again: still the same endpoints.
            try studio.catalog.updateProvider(named: "gate", baseURL: harness.server.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/v1")
            options.prompt = .text("a heron at dusk")
            #expect(try await studio.generate(options).entry?.task.state == .succeeded)
        }
    }
}

@Suite struct UploadCheckTests {
    /// A file that is not an MP4 is refused before anything is journaled or sent.
    @Test func aFileThatIsNotAnMP4IsRefusedBeforeAnythingIsPaid() async throws {
        try await StudioHarness.with { harness in
            let studio = harness.studio
            let folder = harness.directory + "-clips"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let valid = MP4.make(seconds: 3, label: "cat")
            let cases: [(name: String, data: Data, found: String)] = [
                ("notes.mp4", Data("just some notes, not a video".utf8), "it does not begin with an MP4 box (its first bytes are 6a 75 73 74 20 73 6f 6d)"),
                ("empty.mp4", Data(), "it is empty"),
                // The first 40 bytes: ftyp, then a moov box cut short.
                ("cut.mp4", valid.prefix(40), "its boxes stop making sense after ftyp at byte 28 (cut short or damaged?)"),
                // ftyp and mdat, no moov (a recording never finished).
                ("unfinished.mp4", valid.prefix(28) + Data([0, 0, 0, 12]) + Data("mdat".utf8) + Data([1, 2, 3, 4]),
                 "it has no moov box (its boxes: ftyp, mdat); it may be cut short or still being written"),
                // A moov with a duration but no ftyp.
                ("noftyp.mp4", valid.dropFirst(28), "it has no ftyp box (its boxes: moov, mdat)"),
            ]
            for item in cases {
                let path = folder + "/" + item.name
                try item.data.write(to: URL(fileURLWithPath: path))
                let options = CharacterOptions(source: .clip(path), clip: try ClipRange(parsing: "0,3"), handle: try Handle("hero"))
                await #expect(throws: StudioError("\(path) is not an MP4 video: \(item.found); upload an MP4 clip")) {
                    try await studio.createCharacter(options)
                }
            }
            #expect(try studio.catalog.tasks().isEmpty, "nothing was journaled")
            #expect(try studio.catalog.assets().isEmpty, "nothing was imported into the vault")
            #expect(try await harness.simulatorTasks().isEmpty, "nothing was sent")
            #expect((try await harness.ledger()["charges"] as? Double ?? -1) == 0, "nothing was charged")

            // The real clip goes through.
            let path = folder + "/cat.mp4"
            try valid.write(to: URL(fileURLWithPath: path))
            let options = CharacterOptions(source: .clip(path), clip: try ClipRange(parsing: "0,3"), handle: try Handle("hero"))
            #expect(try await studio.createCharacter(options).entry?.character?.status == .ready)
        }
    }
}
