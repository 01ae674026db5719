import Foundation
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct CommitQueueTests {
    @Test(arguments: TestEngine.all) func manyConcurrentWritesAreAllCommittedEachWithItsOwnResult(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<300 {
                group.addTask {
                    var entry = try await catalog.journalGrouped(TaskEntry(providerName: "sim", kind: .generate, request: "r\(index)"), producing: pending("p\(index)"))
                    entry.task.attempts = index % 3
                    try await catalog.saveGrouped(entry, durably: index % 2 == 0)
                    return entry.task.id!
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 300)
        let tasks = try catalog.tasks()
        #expect(tasks.count == 300)
        #expect(Set(tasks.map(\.request)) == Set((0..<300).map { "r\($0)" }))
        for task in tasks { #expect(task.attempts == Int(task.request.dropFirst())! % 3) }
        #expect(try catalog.integrityCheck() == "ok")
    }

    @Test(arguments: TestEngine.all) func updateReadsChangesAndSavesAnEntryInOneWrite(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let entry = try await catalog.journalGrouped(TaskEntry(providerName: "sim", kind: .generate, request: "r"), producing: pending("p"))
        let id = try #require(entry.task.id)
        // Concurrent updates of one row, each read-modify-write in the group commit: none is lost.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { _ = try await catalog.update(taskId: id) { $0.task.attempts += 1 } }
            }
            try await group.waitForAll()
        }
        let updated = try await catalog.update(taskId: id) { entry in
            entry.task.state = .succeeded
            entry.video?.status = .succeeded
            entry.video?.remoteURL = "http://127.0.0.1/v.mp4"
        }
        #expect(updated.task.attempts == 20)
        let stored = try catalog.journalEntry(taskId: id)
        #expect(stored.task.attempts == 20)
        #expect(stored.task.state == .succeeded)
        #expect(stored.video?.status == .succeeded)
        #expect(stored.video?.remoteURL == "http://127.0.0.1/v.mp4")
        await #expect(throws: CatalogError.self) { try await catalog.update(taskId: 999) { $0.task.attempts = 1 } }
    }

    @Test(arguments: TestEngine.all) func batchKeysAreFoundInOneRead(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        var task = TaskEntry(providerName: "sim", kind: .generate, request: "r")
        task.batchKey = "batch:abc:0"
        let entry = try await catalog.journalGrouped(task, producing: pending("p"))
        let found = try catalog.taskIds(batchKeys: ["batch:abc:0", "batch:abc:1", "batch:zzz:0"])
        #expect(found == ["batch:abc:0": entry.task.id!])
        #expect(try catalog.taskIds(batchKeys: []).isEmpty)
    }

    @Test(arguments: TestEngine.all) func aFailingWriteFailsAloneAndTheOthersInItsGroupAreKept(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    // Every fifth one features a character nobody catalogued: refused.
                    let features = index % 5 == 0 ? [try! Handle("nobody")] : []
                    let subject = JournalSubject.video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending, prompt: "p\(index)"),
                                                       features: features)
                    return (try? await catalog.journalGrouped(TaskEntry(providerName: "sim", kind: .generate, request: "r\(index)"), producing: subject)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 40)
        #expect(try catalog.tasks().count == 40, "the refused writes left nothing behind, the others all landed")
        #expect(try catalog.videos().count == 40)
    }
}
