import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct ResendTests {
    /// A simulator that takes only the key "right", and a provider whose key comes from SIM_KEY:
    /// a run with another key is refused (401) row by row, and nothing is charged.
    static func withKeyedHarness<T>(_ body: (StudioHarness) async throws -> T) async throws -> T {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 2, key: "right")) { harness in
            try harness.studio.catalog.addProvider(name: "keyed", kind: .grsai, baseURL: harness.server.baseURL, keyEnv: "SIM_KEY")
            return try await body(harness)
        }
    }

    static let csv = "place\nParis\nRome\nLima\n"

    @Test func aBatchReRunSendsRefusedRowsAgainOnTheirJournalRows() async throws {
        try await Self.withKeyedHarness { harness in
            let studio = harness.studio
            func plan() throws -> BatchPlan { try studio.planBatch(csv: Self.csv, prompt: .text("a cat in {{place}}"), providerName: "keyed", environment: ["SIM_KEY": "set"]) }
            let first = await studio.runBatch(try plan(), concurrency: 2, environment: ["SIM_KEY": "wrong"])
            #expect(first.allSatisfy { $0.state == "failed" && $0.sentNow })
            #expect(try studio.catalog.tasks().allSatisfy { $0.isRefused && $0.failureReason?.rawValue == "not_accepted" && $0.attempts == 1 })

            let again = try plan()
            #expect(again.toSend == 3 && again.toResend == 3 && again.estimate == Decimal(string: "0.24"))
            #expect(again.rows.map(\.resendTaskId) == first.map(\.taskId))
            let log = NoteLog()
            let rerun = await studio.runBatch(again, concurrency: 2, environment: ["SIM_KEY": "right"], events: log.events)
            #expect(rerun.allSatisfy { $0.state == "succeeded" && $0.sentNow && $0.pid != nil })
            #expect(rerun.map(\.taskId) == first.map(\.taskId), "the same journal rows are reused")
            #expect(log.lines.filter { $0.contains("sending it again") }.count == 3)
            let journal = try studio.catalog.tasks()
            #expect(journal.count == 3 && journal.allSatisfy { $0.attempts == 2 && $0.failureReason == nil && $0.errorText == nil })
            #expect(try journal.allSatisfy { try studio.catalog.journalEntry(taskId: $0.id!).video?.assetSha256 != nil })
            #expect(try await harness.simulatorTasks().count == 3)

            let third = try plan()
            #expect(third.toSend == 0 && third.toResend == 0 && third.estimate == 0)
        }
    }

    @Test func twoReRunsAtOnceSendEachRefusedRowOnce() async throws {
        try await Self.withKeyedHarness { harness in
            let studio = harness.studio
            let plan = try studio.planBatch(csv: Self.csv, prompt: .text("a dog in {{place}}"), providerName: "keyed", environment: ["SIM_KEY": "set"])
            _ = await studio.runBatch(plan, concurrency: 3, environment: ["SIM_KEY": "wrong"])
            // Two processes planned the re-run before either sent anything.
            let again = try studio.planBatch(csv: Self.csv, prompt: .text("a dog in {{place}}"), providerName: "keyed", environment: ["SIM_KEY": "set"])
            async let one = studio.runBatch(again, concurrency: 3, environment: ["SIM_KEY": "right"])
            async let two = studio.runBatch(again, concurrency: 3, environment: ["SIM_KEY": "right"])
            let results = await one + two
            #expect(results.filter { $0.state == "succeeded" }.count >= 3)
            #expect(try await harness.simulatorTasks().count == 3, "a refused row is sent again once, not once per process")
            #expect(try studio.catalog.tasks().count == 3)
        }
    }

    @Test func theCatalogReJournalsOnlyRefusedTasks() async throws {
        try await Self.withKeyedHarness { harness in
            let plan = try harness.studio.planBatch(csv: "place\nOslo\n", prompt: .text("a cat in {{place}}"), providerName: "keyed", environment: ["SIM_KEY": "set"])
            let result = try #require(await harness.studio.runBatch(plan, concurrency: 1, environment: ["SIM_KEY": "wrong"]).first)
            let taskId = try #require(result.taskId)
            let entry = try harness.studio.catalog.rejournal(taskId: taskId, request: "POST /v1/video/sora-video\n{}")
            #expect(entry.task.state == .prepared && entry.task.failureReason == nil && entry.task.request.hasSuffix("{}"))
            #expect(entry.task.batchKey == plan.rows[0].key && entry.video?.status == .pending && entry.video?.failureReason == nil)
            #expect(throws: CatalogError.self) { try harness.studio.catalog.rejournal(taskId: taskId, request: "") }
        }
    }
}

@Suite struct ReconcileTests {
    @Test func anUnknownTaskFoundInTheConsoleIsAttachedAndResumeFinishesIt() async throws {
        // Seed 45 at fail rate 0.2: the first send is taken (and charged) but answered 500.
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, failRate: 0.2, seed: 45)) { harness in
            let studio = harness.studio
            do {
                _ = try await harness.generate("a heron at dawn")
                Issue.record("expected an unknown outcome")
            } catch let error as PaidCallError {
                #expect(error.message.contains("troupe task reconcile"))
                #expect(error.ending == .unknown)
            }
            let task = try #require(try studio.catalog.tasks().first)
            #expect(task.state == .unknown)
            let simulated = try await harness.simulatorTasks()
            let remoteId = try #require(simulated.first { $0["prompt"] as? String == "a heron at dawn" }?["id"] as? String)

            await #expect(throws: StudioError.self) { try await studio.retry(taskId: task.id!) }
            let attached = try studio.reconcile(taskId: task.id!, remoteId: remoteId)
            #expect(attached.task.state == .submitted && attached.task.remoteId == remoteId && attached.task.cost == 0.08)
            #expect(attached.video?.status == .running)
            #expect(throws: CatalogError.self) { try studio.reconcile(taskId: task.id!, remoteId: remoteId) }

            let results = try await studio.resume()
            #expect(results.map(\.after) == [.succeeded])
            #expect(try studio.catalog.journalEntry(taskId: task.id!).video?.assetSha256 != nil)
            #expect(try await harness.simulatorTasks().count == 1, "nothing was sent again")
        }
    }

    @Test func aRemoteIdHeldByAnotherTaskIsRefused() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1)) { harness in
            let studio = harness.studio
            let done = try #require(try await harness.generate("one").entry)
            let unknown = try Self.unknownTask(studio, prompt: "two")
            do {
                _ = try studio.reconcile(taskId: unknown, remoteId: done.task.remoteId!)
                Issue.record("expected a refusal")
            } catch let error as CatalogError {
                #expect(error.message.contains("already belongs to task \(done.task.id!)"))
            }
            #expect(throws: CatalogError.self) { try studio.reconcile(taskId: unknown, remoteId: "two words") }
            #expect(throws: CatalogError.self) { try studio.reconcileNotTaken(taskId: done.task.id!) }
            #expect(try studio.catalog.journalEntry(taskId: unknown).task.state == .unknown)
            // A row holding a provider task id is never reconciled, whatever its state says.
            var inconsistent = try studio.catalog.journalEntry(taskId: done.task.id!)
            inconsistent.task.state = .unknown
            try await studio.catalog.saveGrouped(inconsistent)
            #expect(throws: CatalogError.self) { try studio.reconcileNotTaken(taskId: done.task.id!) }
        }
    }

    @Test func notTakenMakesItRefusedAndRetrySendsItOnTheSameRow() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1)) { harness in
            let studio = harness.studio
            let taskId = try Self.unknownTask(studio, prompt: "a lynx in the snow")
            do {
                _ = try await studio.retry(taskId: taskId)
                Issue.record("an unknown task must not be sent again")
            } catch let error as StudioError {
                #expect(error.message.contains("reconcile it first"))
            }
            let refused = try studio.reconcileNotTaken(taskId: taskId)
            #expect(refused.task.state == .failed && refused.task.failureReason?.rawValue == "not_accepted" && refused.task.isRefused)
            #expect(refused.video?.status == .failed)

            let log = NoteLog()
            let entry = try await studio.retry(taskId: taskId, events: log.events)
            #expect(entry.task.id == taskId && entry.task.state == .succeeded && entry.task.attempts == 2)
            #expect(entry.video?.assetSha256 != nil && entry.task.cost == 0.08)
            #expect(log.lines.contains { $0.contains("sending it again") })
            #expect(try studio.catalog.tasks().count == 1)
            let simulated = try await harness.simulatorTasks()
            #expect(simulated.count == 1 && simulated[0]["prompt"] as? String == "a lynx in the snow")
            await #expect(throws: StudioError.self) { try await studio.retry(taskId: taskId) }
        }
    }

    /// A real journaled generation whose send was interrupted: `resume` flags it unknown.
    static func unknownTask(_ studio: Studio, prompt: String) throws -> Int64 {
        let prepared = try studio.prepareGeneration(GenerateOptions(prompt: .text(prompt)))
        var task = TaskEntry(providerName: prepared.provider.name, kind: prepared.kind, request: prepared.preview)
        task.attempts = 1
        var entry = try studio.catalog.journalNow(task, producing: .video(prepared.video, features: prepared.features))
        entry.task.state = .unknown
        entry.video?.status = .unknown
        try studio.catalog.saveNow(entry)
        return entry.task.id!
    }
}
