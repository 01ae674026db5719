import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct RateLimitTests {
    @Test func theBackoffDoublesUpToItsCapAndAProvidersWaitIsHonouredUpToTheLimit() {
        let policy = RateLimitRetry(sends: 5, backoff: 1, maxBackoff: 3, maxWait: 60)
        #expect(policy.wait(afterSend: 1, retryAfter: nil) == 1)
        #expect(policy.wait(afterSend: 2, retryAfter: nil) == 2)
        #expect(policy.wait(afterSend: 3, retryAfter: nil) == 3)
        #expect(policy.wait(afterSend: 4, retryAfter: 7) == 7)
        #expect(policy.wait(afterSend: 5, retryAfter: nil) == nil, "five sends in all")
        #expect(policy.wait(afterSend: 1, retryAfter: 61) == nil, "a wait beyond maxWait is not waited on")
        let standard = RateLimitRetry()
        #expect([1, 2, 3, 4].map { standard.wait(afterSend: $0, retryAfter: nil) } == [1, 2, 4, 8])
        #expect(RateLimitRetry(sends: 10).wait(afterSend: 9, retryAfter: nil) == 30)
    }

    @Test func a429IsSentAgainAfterTheProvidersWaitAndThenTaken() async throws {
        // Seed 109 at fail rate 0.5: the first two sends are answered 429 with Retry-After: 1,
        // the third is taken. AceData answers synchronously, so no poll draws a fault.
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, failRate: 0.5, seed: 109)) { harness in
            try harness.studio.catalog.addProvider(name: "ace", kind: .acedata, baseURL: harness.server.baseURL, keyEnv: nil)
            var options = GenerateOptions(prompt: .text("a cat in the rain"))
            options.providerName = "ace"
            let log = NoteLog()
            let started = Date()
            let entry = try #require(try await harness.studio.generate(options, events: log.events).entry)
            #expect(entry.task.state == .succeeded && entry.task.attempts == 3)
            #expect(entry.task.errorText == nil && entry.video?.assetSha256 != nil)
            #expect(Date().timeIntervalSince(started) >= 2, "the provider's Retry-After (1 s) is waited for each time")
            let notes = log.lines.filter { $0.contains("rate limited") }
            #expect(notes.count == 2 && notes[0].contains("send 2 of 5") && notes[1].contains("send 3 of 5"))
            #expect(try await harness.simulatorTasks().count == 1)
        }
    }

    @Test func theStreamingSubmitSendsA429AgainToo() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, failRate: 0.5, seed: 109)) { harness in
            var options = GenerateOptions(prompt: .text("a cat on a streaming skateboard"))
            options.delivery = .stream
            let log = NoteLog()
            let entry = try #require(try await harness.studio.generate(options, events: log.events).entry)
            #expect(entry.task.attempts == 3 && entry.task.remoteId != nil)
            #expect(log.lines.filter { $0.contains("rate limited") }.count == 2)
            #expect(try await harness.simulatorTasks().count == 1)
        }
    }

    @Test func whenTheSendsRunOutTheTaskFailsRateLimitedAndNothingIsCharged() async throws {
        // An OpenAI-style provider over its quota answers every video 429 (insufficient_quota, no Retry-After).
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1, credit: 0), rateLimit: RateLimitRetry(sends: 3, backoff: 0.01)) { harness in
            try harness.studio.catalog.addProvider(name: "gate", kind: .openai, baseURL: harness.server.baseURL, keyEnv: nil)
            var options = GenerateOptions(prompt: .text("a cat"))
            options.providerName = "gate"
            let log = NoteLog()
            do {
                _ = try await harness.studio.generate(options, events: log.events)
                Issue.record("expected the call to fail")
            } catch let error as PaidCallError {
                #expect(error.message.contains("nothing was charged") && error.message.contains("troupe task retry"))
                #expect(error.ending == .failed)
            }
            let task = try #require(try harness.studio.catalog.tasks().first)
            #expect(task.state == .failed && task.failureReason?.rawValue == "rate_limited" && task.attempts == 3)
            #expect(task.remoteId == nil && task.cost == 0 && task.isRefused)
            let video = try #require(try harness.studio.catalog.journalEntry(taskId: task.id!).video)
            #expect(video.status == .failed && video.failureReason?.rawValue == "rate_limited")
            #expect(log.lines.filter { $0.contains("rate limited") }.count == 2)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func aRetryAfterBeyondTheLimitIsNotWaitedOn() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, failRate: 0.5, seed: 109), rateLimit: RateLimitRetry(maxWait: 0.5)) { harness in
            try harness.studio.catalog.addProvider(name: "ace", kind: .acedata, baseURL: harness.server.baseURL, keyEnv: nil)
            var options = GenerateOptions(prompt: .text("a cat"))
            options.providerName = "ace"
            let log = NoteLog()
            await #expect(throws: PaidCallError.self) { try await harness.studio.generate(options, events: log.events) }
            let task = try #require(try harness.studio.catalog.tasks().first)
            // One send, no wait: had it waited the second the provider asked for, it would have sent again.
            #expect(task.failureReason?.rawValue == "rate_limited" && task.attempts == 1 && log.lines.isEmpty)
            #expect(task.errorText?.contains("the provider asks to wait 1 s") == true)
        }
    }

    @Test func otherRefusalsAreNotSentAgain() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 1, key: "right")) { harness in
            try harness.studio.catalog.addProvider(name: "keyed", kind: .grsai, baseURL: harness.server.baseURL, keyEnv: "SIM_KEY")
            var options = GenerateOptions(prompt: .text("a cat"))
            options.providerName = "keyed"
            await #expect(throws: PaidCallError.self) { try await harness.studio.generate(options, environment: ["SIM_KEY": "wrong"]) }
            let task = try #require(try harness.studio.catalog.tasks().first)
            #expect(task.state == .failed && task.failureReason?.rawValue == "not_accepted" && task.attempts == 1 && task.isRefused)
        }
    }
}
