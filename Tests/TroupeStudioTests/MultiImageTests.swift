import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeProviders
import TroupeSimulator
@testable import TroupeStudio

/// Two characters whose reference images are vault files travel in one request, each as Base64.
@Suite struct MultiImageTests {
    static let png = ImageHome.png
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9]

    /// Gives `hero` a PNG and `villain` a JPEG (files outside the home, copied into its vault);
    /// returns the two vault paths in that order.
    static func twoImageCharacters(_ harness: StudioHarness) throws -> [String] {
        var paths: [String] = []
        for (handle, bytes, name) in [("hero", png, "hero.png"), ("villain", jpeg, "villain.jpg")] {
            let original = harness.directory + "-" + name
            try Data(bytes).write(to: URL(fileURLWithPath: original))
            defer { try? FileManager.default.removeItem(atPath: original) }
            let change = try harness.studio.addImageCharacter(try Handle(handle), image: original)
            paths.append(try #require(try harness.studio.catalog.imageFile(of: change.character, vaultPath: harness.studio.home.vaultPath)))
        }
        return paths
    }

    static func veoOptions() -> GenerateOptions {
        var options = GenerateOptions(prompt: .text("@hero meets @villain on the bridge"))
        options.model = VideoModel(rawValue: "veo3.1-fast")
        return options
    }

    /// The file placeholders of a preview, in order.
    static func placeholders(_ preview: String) -> [String] {
        preview.components(separatedBy: "\"<base64 of ").dropFirst().map { String($0.prefix { $0 != ">" }) }
    }

    @Test func aVeoGenerationWithTwoImageCharactersSendsBothVaultImages() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1)) { harness in
            let vault = try Self.twoImageCharacters(harness)
            var dry = Self.veoOptions()
            dry.dryRun = true
            guard case .dryRun(let report) = try await harness.studio.generate(dry) else {
                Issue.record("expected a dry run")
                return
            }
            #expect(Self.placeholders(report.request) == vault)
            #expect(!report.request.contains(Data(Self.png).base64EncodedString()))
            #expect(try await harness.simulatorTasks().isEmpty)

            let exchanges = ExchangeLog()
            let entry = try #require(try await harness.studio.generate(Self.veoOptions(), events: { event in
                if case .exchange(let request, _) = event { exchanges.add(request) }
            }).entry)
            #expect(entry.task.state == .succeeded)
            #expect(Self.placeholders(entry.task.request) == vault)
            let tasks = try await harness.simulatorTasks()
            #expect(tasks.count == 1)
            #expect(tasks.first?["reference_images"] as? [String] == ["base64", "base64"])
            let sent = try #require(exchanges.values.first { $0.contains("/v1/video/veo") })
            #expect(sent.contains("base64(\(vault[0]))") && sent.contains("base64(\(vault[1]))"))
            #expect(!sent.contains(Data(Self.png).base64EncodedString()) && !sent.contains("troupe-local"))
        }
    }

    @Test func aRefusedCallWithTwoVaultImagesIsSentAgainFromItsJournaledRequest() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1)) { harness in
            let studio = harness.studio
            let vault = try Self.twoImageCharacters(harness)
            let taskId = try Self.refusedTask(studio)
            let entry = try await studio.retry(taskId: taskId)
            #expect(entry.task.state == .succeeded && entry.task.attempts == 2)
            #expect(Self.placeholders(entry.task.request) == vault)
            let tasks = try await harness.simulatorTasks()
            #expect(tasks.count == 1)
            #expect(tasks.first?["reference_images"] as? [String] == ["base64", "base64"])
        }
    }

    @Test func aVaultImageGoneBeforeTheSendIsRefusedWithNothingSent() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1)) { harness in
            let studio = harness.studio
            let vault = try Self.twoImageCharacters(harness)
            let taskId = try Self.refusedTask(studio)
            try FileManager.default.removeItem(atPath: vault[1])
            do {
                _ = try await studio.retry(taskId: taskId)
                Issue.record("a request whose file is gone must not be sent")
            } catch let error as PaidCallError {
                #expect(error.message.contains(vault[1]))
            }
            let entry = try studio.catalog.journalEntry(taskId: taskId)
            #expect(entry.task.state == .failed && entry.task.isRefused)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    /// A journaled Veo generation of both characters that the provider refused (nothing sent yet).
    static func refusedTask(_ studio: Studio) throws -> Int64 {
        let prepared = try studio.prepareGeneration(veoOptions())
        var task = TaskEntry(providerName: prepared.provider.name, kind: prepared.kind, request: prepared.preview)
        task.attempts = 1
        var entry = try studio.catalog.journalNow(task, producing: .video(prepared.video, features: prepared.features))
        entry.task.state = .unknown
        entry.video?.status = .unknown
        try studio.catalog.saveNow(entry)
        return try studio.reconcileNotTaken(taskId: entry.task.id!).task.id!
    }
}
