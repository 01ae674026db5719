import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct DurabilityTests {
    @Test func noWaitThenResumeFinishesAndDownloads() async throws {
        try await StudioHarness.with { harness in
            let entry = try #require(try await harness.generate("a cat", wait: false).entry)
            #expect(entry.task.state == .submitted || entry.task.state == .running)
            #expect(try harness.studio.catalog.tasks(open: true).map(\.id) == [entry.task.id])
            let results = try await harness.studio.resume()
            #expect(results.count == 1 && results[0].after == .succeeded)
            let video = try #require(try harness.studio.catalog.journalEntry(taskId: entry.task.id!).video)
            #expect(video.assetSha256 != nil)
            #expect(try harness.studio.catalog.tasks(open: true).isEmpty)
        }
    }

    @Test func aCallInterruptedWhileSendingBecomesUnknownAndIsNeverResent() async throws {
        try await StudioHarness.with { harness in
            // A journal row whose send was attempted but never answered (the process died mid-send).
            var task = TaskEntry(providerName: "sim", kind: .generate, request: "{}")
            task.attempts = 1
            let entry = try await harness.studio.catalog.journalGrouped(task, producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending), features: []))
            #expect(entry.task.state == .prepared && entry.task.attempts == 1)
            let results = try await harness.studio.resume()
            #expect(results.first?.after == .unknown)
            #expect(try await harness.simulatorTasks().isEmpty, "resume must not send it again")
            // A second resume leaves it alone too.
            _ = try await harness.studio.resume()
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func faultsNeverLeadToPayingTwice() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, failRate: 0.5, seed: 3)) { harness in
            for index in 0..<12 {
                _ = try? await harness.generate("take \(index)")
            }
            _ = try await harness.studio.resume()
            let journal = try harness.studio.catalog.tasks()
            #expect(journal.count == 12)
            let simulated = try await harness.simulatorTasks()
            // Every task the simulator created (and charged) is known to the journal at most once.
            let remoteIds = journal.compactMap(\.remoteId)
            #expect(Set(remoteIds).count == remoteIds.count)
            #expect(simulated.count <= journal.count, "the simulator has more tasks than were journaled: something was sent twice: \(simulated.map { "\($0["id"] ?? "") \($0["faults"] ?? "")" }) journal: \(journal.map { "\($0.remoteId ?? "-") \($0.state) \($0.errorText ?? "")" })")
            for task in journal {
                #expect([.succeeded, .failed, .unknown].contains(task.state), "task \(task.id!) ended \(task.state)")
            }
        }
    }

    @Test func fetchSaysClearlyWhenTheURLHasExpired() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, urlTTL: 600, seed: 1)) { harness in
            var video = try #require(try await harness.generate("a cat").entry?.video)
            let pid = try #require(video.pid)
            // The file is in the vault: fetch is a no-op.
            #expect(try await harness.studio.fetch(pid: pid).assetSha256 == video.assetSha256)
            // Lose the vault copy and let the URL expire.
            let asset = try #require(try harness.studio.catalog.asset(sha256: video.assetSha256!))
            try FileManager.default.removeItem(atPath: Vault.path(forSHA256: asset.sha256, in: harness.studio.home.vaultPath, mediaType: asset.mediaType))
            video.remoteURLExpiresAt = Date(timeIntervalSinceNow: -60).formatted(.iso8601)
            try harness.studio.catalog.update(video)
            await #expect(throws: StudioError.self) { try await harness.studio.fetch(pid: pid) }
            do {
                _ = try await harness.studio.fetch(pid: pid)
            } catch let error as StudioError {
                #expect(error.message.contains("expired"))
            }
        }
    }
}

@Suite struct VaultTests {
    @Test func downloadingBytesTheVaultHoldsKeepsOneGoodCopy() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 5)) { harness in
            let video = try #require(try await harness.generate("twice").entry?.video)
            let sha = try #require(video.assetSha256)
            let path = Vault.path(forSHA256: sha, in: harness.studio.home.vaultPath, mediaType: "video/mp4")
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            // The same file again: it lands on the same path, recorded once, nothing left behind.
            var entry = try harness.studio.catalog.journalEntry(taskId: try #require(video.taskId))
            entry.video?.assetSha256 = nil
            let downloaded = try await harness.studio.downloadResult(entry, events: { _ in })
            let downloadedSha = try #require(downloaded.video?.assetSha256)
            let again = try #require(try harness.studio.catalog.asset(sha256: downloadedSha))
            #expect(again.sha256 == sha)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
            #expect(try harness.studio.catalog.assets().map(\.sha256) == [sha])
            let incoming = harness.studio.home.vaultPath + "/incoming"
            #expect(try FileManager.default.contentsOfDirectory(atPath: incoming).isEmpty)
            #expect(try harness.studio.verifyAssets().map(\.result) == [.ok])
        }
    }

    @Test func verifyFindsMissingAndCorruptFiles() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 4)) { harness in
            _ = try await harness.generate("one")
            _ = try await harness.generate("two")
            var checks = try harness.studio.verifyAssets()
            #expect(checks.count == 2 && checks.allSatisfy { $0.result == .ok })
            try Data("tampered".utf8).write(to: URL(fileURLWithPath: checks[0].path))
            try FileManager.default.removeItem(atPath: checks[1].path)
            checks = try harness.studio.verifyAssets()
            #expect(checks.map(\.result) == [.corrupt, .missing])
        }
    }
}

@Suite struct MP4ReaderTests {
    func file(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/troupe-mp4-" + UUID().uuidString
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsTheDurationOfAnMP4AndNothingFromOtherFiles() throws {
        var paths: [String] = []
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        func duration(_ data: Data) throws -> Double? {
            paths.append(try file(data))
            return MP4Reader.duration(atPath: paths.last!)
        }
        #expect(try duration(MP4.make(seconds: 10, label: "ten")) == 10)
        #expect(try duration(MP4.make(seconds: 3.5, label: "clip")) == 3.5)
        #expect(try duration(Data("not a video at all".utf8)) == nil)
        #expect(try duration(Data()) == nil)
        // A box claiming a 64-bit size that runs past every limit: refused, no crash.
        #expect(try duration(Data([0, 0, 0, 1] + Array("moov".utf8) + [UInt8](repeating: 0xFF, count: 8))) == nil)
        #expect(try duration(Data([0, 0, 0, 1] + Array("free".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0])) == nil)
        #expect(try duration(Data([0, 0, 0, 1] + Array("free".utf8) + [UInt8](repeating: 0xFF, count: 8) + [0, 0, 0, 8] + Array("moov".utf8))) == nil)
        #expect(MP4Reader.duration(atPath: "/nonexistent/troupe.mp4") == nil)
    }
}
