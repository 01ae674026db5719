import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct UnsentTests {
    @Test func aSendAttemptIsCountedOnlyOnTheRowAsThisProcessLastSawIt() async throws {
        try await StudioHarness.with { harness in
            let plan = try harness.studio.planBatch(csv: "n\n1\n", prompt: .text("scene {{n}}"), providerName: nil)
            let row = plan.rows[0]
            let entry = try await harness.studio.catalog.journalGrouped(TaskEntry(providerName: "sim", kind: .generate, request: try row.prepared().preview),
                                                          producing: .video(try row.prepared().video, features: []))
            #expect(try await harness.studio.catalog.recordAttempt(taskId: entry.task.id!, attempts: 0))
            // A second process holding the same row as it was (no attempt yet) must not send it.
            let second = try await harness.studio.catalog.recordAttempt(taskId: entry.task.id!, attempts: 0)
            #expect(!second)
            await #expect(throws: StudioError.self) { try await harness.studio.recordAttempt(entry) }
            #expect(try harness.studio.catalog.journalEntry(taskId: entry.task.id!).task.attempts == 1)
        }
    }

    @Test func aRowJournaledButNeverSentIsGivenUpOnceItsProcessIsGoneThenSentOnce() async throws {
        try await StudioHarness.with { harness in
            let csv = "n\n1\n2\n"
            let plan = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            // A run killed between journaling line 2 and counting its first send.
            var task = TaskEntry(providerName: "sim", kind: .generate, request: try plan.rows[0].prepared().preview)
            task.batchKey = plan.rows[0].key
            let stranded = try await harness.studio.catalog.journalGrouped(task, producing: .video(try plan.rows[0].prepared().video, features: []))

            // Within the grace period the row may still be its process's: left alone, not sent.
            let soon = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            #expect(soon.toSend == 1 && soon.rows[0].earlier?.task.state == .prepared)
            let resumed = try await harness.studio.resume()
            #expect(resumed.first { $0.taskId == stranded.task.id }?.after == .prepared)

            // Later (no grace here): given up as not_sent, nothing charged, and the re-run sends it.
            let later = try Studio(home: harness.studio.home, pollInterval: 0.05, maxPollInterval: 0.2, unsentGrace: 0)
            let again = try later.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            #expect(again.toSend == 2 && again.rows[0].resendTaskId == stranded.task.id)
            let results = await later.runBatch(again, concurrency: 2)
            #expect(results.allSatisfy { $0.state == "succeeded" && $0.pid != nil })
            #expect(results[0].taskId == stranded.task.id, "sent on its own journal row")
            #expect(try later.catalog.tasks().count == 2)
            #expect(try await harness.simulatorTasks().count == 2, "each row sent once")
        }
    }
}
