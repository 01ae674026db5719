import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

/// What a batch tells the user must be true: no raw catalogue error, no silently changed input,
/// one line for a missing key.
@Suite struct BatchTrustTests {
    @Test func twoRunsOfOneBatchAtOnceSendEachRowOnceAndBothEndSucceeded() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 3)) { harness in
            let csv = "n\n1\n2\n3\n4\n5\n6\n"
            // Two processes on one home: two studios, each with its own catalogue connection,
            // planned before either sent anything.
            let other = try Studio(home: harness.studio.home, pollInterval: 0.05, maxPollInterval: 0.2)
            let mine = try harness.studio.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            let theirs = try other.planBatch(csv: csv, prompt: .text("scene {{n}}"), providerName: nil)
            #expect(mine.toSend == 6 && theirs.toSend == 6)
            let notes = NoteLog()
            async let one = harness.studio.runBatch(mine, concurrency: 6, events: notes.events)
            async let two = other.runBatch(theirs, concurrency: 6, events: notes.events)
            let (first, second) = await (one, two)
            for result in first + second {
                #expect(result.state == "succeeded" && result.ending == .succeeded && result.pid != nil, "line \(result.line): \(result.state) \(result.error ?? "")")
                #expect(!(result.error ?? "").contains("SQLite") && !(result.error ?? "").contains("UNIQUE"))
            }
            #expect(first.map(\.taskId) == second.map(\.taskId), "both runs report the same journal rows")
            // Every row was sent by exactly one of them; the other followed it.
            for (a, b) in zip(first, second) {
                #expect(a.sentNow != b.sentNow && a.sentByOtherProcess == b.sentNow, "line \(a.line)")
            }
            let taken = (first + second).filter(\.sentByOtherProcess)
            #expect(!taken.isEmpty)
            #expect(notes.lines.filter { $0.contains("being sent by another troupe process") }.count == taken.count)
            #expect(try await harness.simulatorTasks().count == 6, "each row sent once")
            #expect(try harness.studio.catalog.tasks().count == 6)
        }
    }

    @Test func aCSVThatIsNotUTF8IsRefusedWithItsLineAndNothingIsSent() async throws {
        try await StudioHarness.with { harness in
            // Line 3 holds "Zürich" in Latin-1: 0xFC alone is not UTF-8.
            var csv = Data("place\nParis\n".utf8)
            csv += Data([0x5A, 0xFC, 0x72, 0x69, 0x63, 0x68, 0x0A])
            csv += Data("Rome\n".utf8)
            do {
                _ = try harness.studio.planBatch(csv: csv, prompt: .text("a cat in {{place}}"), providerName: nil)
                Issue.record("a CSV that is not UTF-8 must be refused")
            } catch let error as StudioError {
                #expect(error.message.hasPrefix("line 3: the CSV is not valid UTF-8"), "\(error.message)")
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
            #expect(try await harness.simulatorTasks().isEmpty)
            // UTF-8 (with a byte-order mark) is read as it is.
            let good = try harness.studio.planBatch(csv: Data([0xEF, 0xBB, 0xBF]) + Data("place\nZürich\n".utf8), prompt: .text("a cat in {{place}}"), providerName: nil)
            #expect(good.rows.count == 1)
            #expect(try good.rows[0].prepared().compiled.prompt == "a cat in Zürich")
        }
    }

    @Test func aMissingKeyIsRefusedOnceBeforeTheRows() async throws {
        try await StudioHarness.with { harness in
            try harness.studio.catalog.addProvider(name: "keyed", kind: .grsai, baseURL: harness.server.baseURL, keyEnv: "TROUPE_TEST_ABSENT_KEY")
            // The rows have problems too: the key is what is said, once.
            #expect(throws: StudioError("TROUPE_TEST_ABSENT_KEY is not set: export your keyed API key in it, or name a file holding it in TROUPE_TEST_ABSENT_KEY_FILE (troupe never stores keys)")) {
                try harness.studio.planBatch(csv: "n\n1\n2\n3\n", prompt: .text("scene {{n}} {{missing}}"), providerName: "keyed", environment: [:])
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
        }
    }
}
