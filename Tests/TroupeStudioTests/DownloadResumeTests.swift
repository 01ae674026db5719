import Foundation
import Testing
import TroupeCatalog
import TroupeProviders
import TroupeSimulator
@testable import TroupeStudio

/// Result downloads: resumed from the task's one partial file, cleaned up once the task is done,
/// checked again by `video fetch`, and never attempted from a URL that is not http(s).
@Suite struct DownloadResumeTests {
    static let content = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) })

    func incoming(_ harness: StudioHarness) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: harness.studio.home.vaultPath + "/incoming")) ?? []).sorted()
    }

    /// A finished task whose file is not in the vault yet and comes from `url`.
    func finishedTaskWithoutFile(_ harness: StudioHarness, url: String) async throws -> Int64 {
        var entry = try #require(try await harness.generate("a cat").entry)
        entry.video?.assetSha256 = nil
        entry.video?.remoteURL = url
        try await harness.studio.catalog.saveGrouped(entry)
        return entry.task.id!
    }

    @Test func anInterruptedDownloadResumesWithRangeOnTheNextResumeAndLeavesNothingBehind() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 7)) { harness in
            try await RangeFileServer.serving(content: Self.content, stallAfter: 100_000) { server in
                let taskId = try await finishedTaskWithoutFile(harness, url: server.url)
                let partial = harness.studio.home.vaultPath + "/incoming/task-\(taskId).part"

                // The first try hangs after 100 kB and is interrupted (Ctrl-C).
                let interrupted = Task { try await harness.studio.resume() }
                for _ in 0..<500 where (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) != 100_000 {
                    try await Task.sleep(for: .milliseconds(20))
                }
                interrupted.cancel()
                server.release()
                _ = await interrupted.result
                #expect(incoming(harness) == ["task-\(taskId).part"])
                #expect(try harness.studio.verifyAssets().contains { $0.result == .partial && $0.taskId == taskId })

                // The next `task resume` asks for the rest only.
                let results = try await harness.studio.resume()
                #expect(results.map(\.after) == [.succeeded])
                #expect(server.requestedRanges == [nil, "bytes=100000-"])
                let video = try #require(try harness.studio.catalog.journalEntry(taskId: taskId).video)
                let sha = try #require(video.assetSha256)
                let asset = try #require(try harness.studio.catalog.asset(sha256: sha))
                #expect(FileManager.default.contents(atPath: Vault.path(forSHA256: asset.sha256, in: harness.studio.home.vaultPath, mediaType: asset.mediaType)) == Self.content)
                #expect(incoming(harness).isEmpty)
                #expect(try harness.studio.verifyAssets().allSatisfy { $0.result == .ok })
            }
        }
    }

    @Test func partialFilesOfDoneTasksAreRemovedAndVerifyReportsThemUntilThen() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 8)) { harness in
            let done = try #require(try await harness.generate("done").entry?.task.id)
            let folder = harness.studio.home.vaultPath + "/incoming"
            let legacy = UUID().uuidString + ".part"  // an older version's name: never resumed
            for name in ["task-\(done).part", legacy, "url-0123456789ab.part"] {
                try Data("partial".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            let longAgo = Date(timeIntervalSinceNow: -4 * 3600)
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: folder + "/" + legacy)

            let partials = try harness.studio.verifyAssets().filter { $0.result == .partial }
            #expect(partials.count == 3)
            #expect(partials.contains { $0.taskId == done })

            _ = try await harness.studio.resume()
            // The done task's file and the stale one go; a recent `video fetch` partial stays to be resumed.
            #expect(incoming(harness) == ["url-0123456789ab.part"])
        }
    }

    @Test func fetchDownloadsACorruptFileAgainWhileItsURLIsValid() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, urlTTL: 600, seed: 9)) { harness in
            var video = try #require(try await harness.generate("a cat").entry?.video)
            let pid = try #require(video.pid)
            let sha = try #require(video.assetSha256)
            let asset = try #require(try harness.studio.catalog.asset(sha256: sha))
            let path = Vault.path(forSHA256: asset.sha256, in: harness.studio.home.vaultPath, mediaType: asset.mediaType)
            let original = try #require(FileManager.default.contents(atPath: path))

            try Data("bit rot".utf8).write(to: URL(fileURLWithPath: path))
            let log = NoteLog()
            _ = try await harness.studio.fetch(pid: pid, events: log.events)
            #expect(FileManager.default.contents(atPath: path) == original)
            #expect(log.lines.contains { $0.contains("corrupt") })
            #expect(try harness.studio.verifyAssets().map(\.result) == [.ok])

            // Corrupt again, and the URL has expired: say so, do not pretend.
            try Data("bit rot".utf8).write(to: URL(fileURLWithPath: path))
            video.remoteURLExpiresAt = Date(timeIntervalSinceNow: -60).formatted(.iso8601)
            try harness.studio.catalog.update(video)
            await #expect {
                _ = try await harness.studio.fetch(pid: pid)
            } throws: { error in
                let message = (error as? StudioError)?.message ?? ""
                return message.contains("corrupt") && message.contains("expired")
            }
        }
    }

    @Test func aResultURLThatIsNotHTTPLeavesTheTaskSucceededWithoutAFileAndSaysSo() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 10)) { harness in
            var entry = try #require(try await harness.generate("a cat").entry)
            entry.video?.assetSha256 = nil
            let frame = Data(#"{"id":"\#(entry.task.remoteId!)","progress":100,"status":"succeeded","results":[{"url":"file:///etc/passwd","pid":"s_1"}]}"#.utf8)
            let snapshot = try GrsAIDialect().decodeStreamFrame(frame, receivedAt: Date())
            #expect(snapshot.resultURL == nil && snapshot.refusedURLScheme == "file")
            Studio.record(snapshot, in: &entry)
            try await harness.studio.catalog.saveGrouped(entry)

            let log = NoteLog()
            let results = try await harness.studio.resume(events: log.events)
            #expect(results.map(\.after) == [.succeeded])
            #expect(results.map(\.ending) == [.failed], "nothing will fetch it: the exit status says it failed, not that resume finishes it")
            #expect(results.first?.summary.contains("succeeded without a file") == true)
            #expect(results.first?.summary.contains("`file:`") == true)
            #expect(log.lines.contains { $0.contains("no file was downloaded") })
            let video = try #require(try harness.studio.catalog.journalEntry(taskId: entry.task.id!).video)
            #expect(video.status == .succeeded && video.assetSha256 == nil)
            #expect(video.errorText?.contains("not http(s)") == true)
        }
    }
}
