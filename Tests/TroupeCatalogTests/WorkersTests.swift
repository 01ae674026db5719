import Foundation
import Testing
import TroupeDomain
@testable import TroupeCatalog

/// Several workers on one catalogue (each its own `Catalog`, as each process has): a batch row
/// is journaled once, and only one of them counts the send.
@Suite struct WorkersTests {
    @Test(arguments: TestEngine.all) func fourWorkersRacingForEachBatchRowJournalItOnceAndSendItOnce(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let workers = try (0..<4).map { _ in try home.catalog() }
        let rows = 40
        // Each worker tries to journal every row, then to count a send of each row it journaled or found.
        let sends = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in workers {
                group.addTask {
                    var sent: [Int64] = []
                    for row in (0..<rows).shuffled() {
                        var task = TaskEntry(providerName: "sim", kind: .generate, request: "row \(row)")
                        task.batchKey = "batch:test:\(row)"
                        let id: Int64
                        do {
                            id = try await worker.journalGrouped(task, producing: pending("scene \(row)")).task.id!
                        } catch {
                            // Another worker holds the key: it is found, never journaled twice.
                            id = try #require(try worker.journalEntry(batchKey: "batch:test:\(row)")).task.id!
                        }
                        if try await worker.recordAttempt(taskId: id, attempts: 0) { sent.append(id) }
                    }
                    return sent
                }
            }
            var all: [Int64] = []
            for try await sent in group { all += sent }
            return all
        }
        #expect(sends.count == rows, "each row's send counted once, not \(sends.count) times")
        #expect(Set(sends).count == rows)
        let tasks = try workers[0].tasks()
        #expect(tasks.count == rows && tasks.allSatisfy { $0.attempts == 1 })
        #expect(try workers[1].videos().count == rows)
    }

    @Test(arguments: TestEngine.all) func aRemoteIdIsNeverAttachedToTwoRowsWhoeverSavesIt(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let first = try home.catalog()
        let second = try home.catalog()
        var a = try first.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "a"), producing: pending("a"))
        var b = try second.journalNow(TaskEntry(providerName: "sim", kind: .generate, request: "b"), producing: pending("b"))
        a.task.remoteId = "remote-1"
        a.move(.submitted)
        try await first.saveGrouped(a)
        b.task.remoteId = "remote-1"
        b.move(.submitted)
        await #expect(throws: RemoteIdClash.self) { try await second.saveGrouped(b) }
        // The partial unique index held, and the clash left the other rows' writes whole.
        #expect(try second.journalEntry(taskId: b.task.id!).task.remoteId == nil)
        #expect(try first.journalEntry(taskId: a.task.id!).task.state == .submitted)
    }

    @Test(arguments: TestEngine.all) func twoWorkersAddingTheSameHandleAtOnceGetOneAndAPlainRefusal(engine: TestEngine) async throws {
        let home = TemporaryHome(engine)
        let workers = try (0..<2).map { _ in try home.catalog() }
        let outcomes = await withTaskGroup(of: String.self) { group in
            for worker in workers {
                for attempt in 0..<4 {
                    group.addTask {
                        do {
                            _ = try worker.registerCharacter(handle: .test("racer"), id: try CharacterID("cat_\(attempt)_\(UUID().uuidString.prefix(6))"), providerName: "sim")
                            return "ok"
                        } catch let error as CatalogError {
                            return error.message
                        } catch {
                            return "raw: \(error)"
                        }
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == "ok" }.count == 1)
        #expect(outcomes.filter { $0 != "ok" }.allSatisfy { $0.contains("handle @racer is taken") }, "\(outcomes)")
    }
}
