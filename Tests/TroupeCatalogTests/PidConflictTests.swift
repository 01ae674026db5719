import Foundation
import GRDB
import Testing
@testable import TroupeCatalog

/// A provider's ids never lose a paid result: a pid another video holds is recorded as a
/// conflict (the URL and file are kept), a task id another task holds is a clear error, and no
/// id is stored cut short at a NUL.
@Suite struct PidConflictTests {
    static func journaled(_ catalog: Catalog, prompt: String) throws -> JournalEntry {
        try catalog.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "{}"),
                            producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: prompt), features: []))
    }

    static func finish(_ entry: JournalEntry, remoteId: String, pid: String, url: String) -> JournalEntry {
        var entry = entry
        entry.task.remoteId = remoteId
        entry.task.state = .succeeded
        entry.video?.status = .succeeded
        entry.video?.pid = .test(pid)
        entry.video?.remoteURL = url
        return entry
    }

    @Test(arguments: TestEngine.all) func twoTasksFinishingWithOnePidKeepBothResults(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let first = try catalog.saveNow(Self.finish(try Self.journaled(catalog, prompt: "one"), remoteId: "t-1", pid: "s_aa11", url: "https://x.test/1.mp4"))
        let second = try catalog.saveNow(Self.finish(try Self.journaled(catalog, prompt: "two"), remoteId: "t-2", pid: "s_aa11", url: "https://x.test/2.mp4"))
        #expect(second.video?.pid == nil)
        #expect(second.video?.conflictingPid == "s_aa11")
        let stored = try #require(try catalog.journalEntry(taskId: second.task.id!).video)
        #expect(stored.remoteURL == "https://x.test/2.mp4", "the URL is kept, so the file can still be downloaded")
        #expect(stored.status == .succeeded && stored.conflictingPid == "s_aa11")
        let holder = try #require(first.video?.id)
        #expect(try catalog.journalEntry(taskId: second.task.id!).task.errorText
            == "the provider gave pid s_aa11, which video #\(holder) already holds; this video is kept as video#\(stored.id!) with its file (`troupe video show video#\(stored.id!)`)")

        // The file is recorded on a later save (the download), and both reports say what happened.
        let asset = Asset(sha256: String(repeating: "ab", count: 32), bytes: 3, mediaType: "video/mp4")
        var downloaded = second
        downloaded.video?.assetSha256 = asset.sha256
        try catalog.saveNow(downloaded, recording: asset)
        let report = try catalog.report(for: try #require(try catalog.video(id: stored.id!)), vaultPath: "/v")
        #expect(report.asset?.sha256 == asset.sha256)
        #expect(report.pidConflict == "the provider gave pid s_aa11, which video #\(holder) already holds")
        #expect(report.id == stored.id)
        let holderReport = try catalog.report(for: catalog.video(pid: .test("s_aa11")), vaultPath: "/v")
        #expect(holderReport.pidConflict == "the provider gave this pid to video #\(stored.id!) (task \(second.task.id!)) too")
        #expect(try catalog.resolveVideo("video#\(stored.id!)").id == stored.id, "a video without a pid is named video#ID")
    }

    @Test(arguments: TestEngine.all) func aGeneratedPidEqualToARegisteredOneIsAConflictNotAnSQLError(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let registered = try catalog.registerVideo(pid: .test("s_bb22"), prompt: "made elsewhere", providerName: "sim")
        let saved = try catalog.saveNow(Self.finish(try Self.journaled(catalog, prompt: "mine"), remoteId: "t-9", pid: "s_bb22", url: "https://x.test/9.mp4"))
        #expect(saved.video?.conflictingPid == "s_bb22")
        #expect(try catalog.journalEntry(taskId: saved.task.id!).video?.remoteURL == "https://x.test/9.mp4")
        #expect(try catalog.video(pid: .test("s_bb22")).id == registered.id, "the registered video keeps its pid")
    }

    @Test(arguments: TestEngine.all) func aTaskIdAnotherTaskHoldsThrowsAClashNamingBoth(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let first = try Self.journaled(catalog, prompt: "one")
        var entry = first
        entry.task.remoteId = "t-1"
        entry.task.state = .submitted
        try catalog.saveNow(entry)
        var second = try Self.journaled(catalog, prompt: "two")
        second.task.remoteId = "t-1"
        second.task.state = .submitted
        #expect(throws: RemoteIdClash(taskId: second.task.id!, remoteId: "t-1", heldBy: first.task.id!)) { try catalog.saveNow(second) }
        #expect(RemoteIdClash(taskId: 2, remoteId: "t-1", heldBy: 1).description.contains("which task 1 already holds"))
        #expect(try catalog.journalEntry(taskId: second.task.id!).task.remoteId == nil)
    }

    @Test(arguments: TestEngine.all) func aNULNeverCutsAStoredStringShort(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        var entry = try Self.journaled(catalog, prompt: "one")
        entry.task.remoteId = "t-1\0shard-1"
        do {
            try catalog.saveNow(entry)
            Issue.record("a remote id with a NUL must not be stored")
        } catch let error as CatalogError {
            #expect(error.message.contains(#""t-1\0shard-1" holds a NUL character"#))
        }
        #expect(try catalog.journalEntry(taskId: entry.task.id!).task.remoteId == nil, "never stored as t-1")
        entry.task.remoteId = nil
        entry.task.errorText = "bad\0tail"
        try catalog.saveNow(entry)
        #expect(try catalog.journalEntry(taskId: entry.task.id!).task.errorText == #"bad\0tail"#)
    }

    @Test(arguments: TestEngine.all) func aPromptWithANULIsRefusedBeforeItIsJournaled(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        #expect(throws: CatalogError(#"the prompt holds a NUL character (\0), which the catalogue cannot keep whole: remove it"#)) {
            _ = try Self.journaled(catalog, prompt: "a cat\0 on a skateboard")
        }
        #expect(try catalog.tasks().isEmpty, "nothing journaled, so nothing sent")
    }
}
