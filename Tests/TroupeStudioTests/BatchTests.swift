import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct CSVTableTests {
    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let table = try CSVTable(parsing: "place,who\r\n\"Rome, at night\",\"the \"\"owl\"\"\"\n\"two\nlines\",x\n")
        #expect(table.header == ["place", "who"])
        #expect(table.rows == [["place": "Rome, at night", "who": "the \"owl\""], ["place": "two\nlines", "who": "x"]])
    }

    @Test func malformedFilesAreRefusedWithTheirLines() {
        #expect(throws: StudioError("line 3: 1 fields, the header has 2")) { try CSVTable(parsing: "a,b\n1,2\n3\n") }
        #expect(throws: StudioError("the CSV ends inside a quoted field: a closing \" is missing")) { try CSVTable(parsing: "a\n\"open\n") }
        #expect(throws: StudioError.self) { try CSVTable(parsing: "") }
    }
}

@Suite struct BatchTests {
    @Test func everyRowIsCheckedBeforeAnythingIsSent() async throws {
        try await StudioHarness.with { harness in
            let csv = "place,duration\nParis,10\nRome,11\nTokyo,ten\n"
            do {
                _ = try harness.studio.planBatch(csv: csv, prompt: .text("a cat in {{place}} with {{who}}"), providerName: nil)
                Issue.record("expected problems")
            } catch let error as BatchError {
                #expect(error.problems.count == 3)
                #expect(error.problems[0].hasPrefix("line 2: ") && error.problems[0].contains("{{who}}"))
                #expect(error.problems[2] == "line 4: duration 'ten' is not a whole number of seconds")
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func aBatchRunsWithConcurrencyAndARerunSendsNothingAgain() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 5)) { harness in
            let csv = "place,aspect\nParis,9:16\nRome,16:9\nTokyo,\nParis,9:16\nLima,\n"
            let plan = try harness.studio.planBatch(csv: csv, prompt: .text("a cat in {{place}}"), providerName: nil)
            #expect(plan.rows.count == 5 && plan.toSend == 5 && plan.estimate == Decimal(string: "0.40"))
            // Identical rows (lines 2 and 5) are two rows, with two keys.
            #expect(Set(plan.rows.map(\.key)).count == 5)
            let results = await harness.studio.runBatch(plan, concurrency: 2)
            #expect(results.map(\.line) == [2, 3, 4, 5, 6])
            #expect(results.allSatisfy { $0.state == "succeeded" && $0.sentNow && $0.pid != nil })
            #expect(try await harness.simulatorTasks().count == 5)

            let again = try harness.studio.planBatch(csv: csv, prompt: .text("a cat in {{place}}"), providerName: nil)
            #expect(again.toSend == 0 && again.estimate == 0)
            let rerun = await harness.studio.runBatch(again, concurrency: 4)
            #expect(rerun.allSatisfy { !$0.sentNow && $0.state == "succeeded" })
            #expect(try await harness.simulatorTasks().count == 5, "a re-run must not send any row again")
        }
    }

    @Test func theJournalRefusesASecondRowWithTheSameKey() async throws {
        try await StudioHarness.with { harness in
            let plan = try harness.studio.planBatch(csv: "place\nParis\n", prompt: .text("a cat in {{place}}"), providerName: nil)
            _ = await harness.studio.runBatch(plan, concurrency: 1)
            // Another process holding the old plan (made before the first run) tries to send it again.
            let stale = BatchPlan(rows: plan.rows.map { var row = $0; row.earlier = nil; return row }, estimate: plan.estimate, currency: plan.currency)
            let results = await harness.studio.runBatch(stale, concurrency: 1)
            // Not sent again, and no catalogue error: the row is the other run's, followed to its end.
            #expect(results.first?.sentByOtherProcess == true && results.first?.sentNow == false)
            #expect(results.first?.state == "succeeded" && results.first?.taskId == 1)
            #expect(try await harness.simulatorTasks().count == 1)
        }
    }

    @Test func noMoreRowsThanTheConcurrencyAreInFlightAndAllEndWithTheirFiles() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.3, seed: 7)) { harness in
            let csv = "n\n" + (1...40).map(String.init).joined(separator: "\n") + "\n"
            let plan = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            let gauge = InFlightGauge()
            let results = await harness.studio.runBatch(plan, concurrency: 6, events: { event in
                if case .journaled = event { gauge.enter() }
            }, onRow: { _ in gauge.leave() })
            #expect(results.count == 40)
            #expect(results.allSatisfy { $0.state == "succeeded" && $0.pid != nil })
            #expect(gauge.peak <= 6, "at most --concurrency rows in flight")
            #expect(gauge.peak >= 2, "rows run side by side")
            let videos = try harness.studio.catalog.videos()
            #expect(videos.count == 40 && videos.allSatisfy { $0.assetSha256 != nil })
            #expect(try await harness.simulatorTasks().count == 40)
        }
    }

    @Test func aRerunFinishesRowsAnInterruptedRunLeftOpenWithoutSendingThemAgain() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.3, seed: 8)) { harness in
            let csv = "n\n1\n2\n3\n4\n"
            let plan = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            // A run stopped after sending three rows, before polling them (as after `kill -9`).
            for row in plan.rows.prefix(3) {
                _ = try await harness.studio.run(try row.prepared(), batchKey: row.key, wait: false)
            }
            let again = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            #expect(again.toSend == 1)
            #expect(again.rows.prefix(3).allSatisfy { $0.earlier?.task.state == .submitted })
            let results = await harness.studio.runBatch(again, concurrency: 10)
            #expect(results.map(\.sentNow) == [false, false, false, true])
            #expect(results.allSatisfy { $0.state == "succeeded" && $0.pid != nil })
            #expect(try harness.studio.catalog.videos().allSatisfy { $0.assetSha256 != nil })
            #expect(try await harness.simulatorTasks().count == 4, "rows sent by the stopped run are not sent again")
        }
    }

    @Test func aPollScheduleKeepsItsEarliestDueFirst() {
        var schedule = PollSchedule()
        let start = ContinuousClock.now
        var random = SystemRandomNumberGenerator()
        let task = TaskEntry(providerName: "p", kind: .generate, request: "{}")
        var withRemote = task
        withRemote.id = 1
        withRemote.remoteId = "r"
        let cursor = PollCursor(withRemote, delay: 1)!
        let offsets = (0..<500).map { _ in Int.random(in: 0..<10_000, using: &random) }
        for (row, offset) in offsets.enumerated() { schedule.insert(row: row, cursor: cursor, due: start + .milliseconds(offset)) }
        var order: [Int] = []
        while let first = schedule.first {
            #expect(schedule.removeFirst().row == first.row)
            order.append(offsets[first.row])
        }
        #expect(order == offsets.sorted())
    }
}

/// Counts rows between their journal entry and their result.
final class InFlightGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var highest = 0

    var peak: Int { lock.withLock { highest } }

    func enter() {
        lock.withLock {
            current += 1
            highest = max(highest, current)
        }
    }

    func leave() {
        lock.withLock { current -= 1 }
    }
}
