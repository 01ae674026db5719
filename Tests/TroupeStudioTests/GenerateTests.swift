import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
@testable import TroupeStudio

@Suite struct GenerateTests {
    @Test func aGeneratedVideoIsJournaledRecordedAndKeptInTheVault() async throws {
        try await StudioHarness.with { harness in
            let entry = try #require(try await harness.generate("a cat on a skateboard").entry)
            #expect(entry.task.state == .succeeded && entry.task.attempts == 1 && entry.task.remoteId != nil)
            let video = try #require(entry.video)
            #expect(video.status == .succeeded && video.pid != nil)
            let report = try harness.studio.catalog.report(for: video, vaultPath: harness.studio.home.vaultPath)
            let asset = try #require(report.asset)
            #expect(FileManager.default.fileExists(atPath: asset.path))
            #expect(asset.path.hasSuffix("/\(asset.sha256).mp4"))
            #expect(try harness.studio.catalog.asset(sha256: asset.sha256)?.durationSeconds == 10)
            #expect(report.urlExpiresAt != nil)
            #expect(try await harness.simulatorTasks().count == 1)
        }
    }

    @Test func aRemixRecordsItsParentAndFeaturesEdges() async throws {
        try await StudioHarness.with { harness in
            let first = try #require(try await harness.generate("a cat").entry?.video?.pid)
            let hero = try await harness.studio.createCharacter(CharacterOptions(source: .video(first), clip: try ClipRange(parsing: "0,3"), handle: try Handle("hero")))
            #expect(hero.entry?.character?.status == .ready)
            let remix = try #require(try await harness.generate("@hero at night", remixOf: first.rawValue).entry?.video)
            #expect(try harness.studio.catalog.parentPid(of: remix) == first)
            #expect(try harness.studio.catalog.featuredCharacters(videoId: remix.id!).map(\.handle.rawValue) == ["hero"])
            #expect(remix.compiledPrompt?.hasPrefix("@sim.cast_") == true)
        }
    }

    @Test func aDryRunSendsNothing() async throws {
        try await StudioHarness.with { (harness) async throws in
            guard case .dryRun(let report) = try await harness.generate("a cat", dryRun: true) else {
                Issue.record("expected a dry run")
                return
            }
            #expect(report.request.contains("sora-video") && report.price == Decimal(string: "0.08"))
            #expect(try harness.studio.catalog.tasks().isEmpty)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func aBadPromptFailsBeforeAnythingIsJournaled() async throws {
        try await StudioHarness.with { (harness) async throws in
            await #expect(throws: (any Error).self) { try await harness.generate("@nobody waves") }
            #expect(try harness.studio.catalog.tasks().isEmpty)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func aMissingKeyIsReportedBeforeJournaling() async throws {
        try await StudioHarness.with { (harness) async throws in
            var options = GenerateOptions(prompt: .text("a cat"))
            options.providerName = "grsai"
            await #expect(throws: StudioError("GRSAI_API_KEY is not set: export your grsai API key in it, or name a file holding it in GRSAI_API_KEY_FILE (troupe never stores keys)")) {
                try await harness.studio.generate(options, environment: [:])
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
        }
    }
}

@Suite struct StreamDeliveryTests {
    @Test func aStreamedGenerationShowsProgressAndEndsInTheVault() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.5, seed: 2)) { harness in
            var options = GenerateOptions(prompt: .text("a cat, streamed"))
            options.delivery = .stream
            let progress = ProgressLog()
            let entry = try #require(try await harness.studio.generate(options) { event in
                if case .progress(_, let percent) = event { progress.add(percent) }
            }.entry)
            #expect(entry.task.state == .succeeded && entry.task.remoteId != nil && entry.task.attempts == 1)
            #expect(entry.video?.assetSha256 != nil && entry.video?.pid != nil)
            #expect(progress.values.last == 100 && progress.values.count >= 2)
            #expect(try await harness.simulatorTasks().count == 1)
        }
    }

    /// A delivery is a `DeliveryMode`, so an unknown one is refused where it is read (the CLI
    /// option, at parse time), before anything can be journaled.
    @Test func anUnknownDeliveryIsRefusedBeforeJournaling() throws {
        #expect(throws: DomainError("unknown delivery 'carrier-pigeon': use poll (the default), stream or webhook")) {
            _ = try DeliveryMode(parsing: "carrier-pigeon")
        }
        #expect(try DeliveryMode(parsing: "Stream") == .stream)
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func add(_ value: Int) { lock.lock(); list.append(value); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return list }
}
