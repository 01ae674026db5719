import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct FindTests {
    /// Sends `prompt` to the OpenAI-style provider `gate`, then loses the answer as a reset would:
    /// the task is `unknown`, with no remote id. Returns the task id and the id the provider gave.
    func sendAndLoseTheAnswer(_ prompt: String, harness: StudioHarness) async throws -> (Int64, String) {
        var options = GenerateOptions(prompt: .text(prompt))
        options.providerName = "gate"
        options.wait = false
        guard case .done(var entry) = try await harness.studio.generate(options) else { throw StudioError("expected a task") }
        let remoteId = try #require(entry.task.remoteId)
        entry.task.remoteId = nil
        entry.task.state = .unknown
        entry.video?.status = .unknown
        try await harness.studio.catalog.saveGrouped(entry)
        return (entry.task.id!, remoteId)
    }

    func withGate<T>(_ body: (StudioHarness) async throws -> T) async throws -> T {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 3)) { harness in
            try harness.studio.catalog.addProvider(name: "gate", kind: .openai, baseURL: harness.server.baseURL, keyEnv: nil)
            return try await body(harness)
        }
    }

    @Test func anUnknownCallFoundInTheProvidersListIsAttachedAndFinished() async throws {
        try await withGate { harness in
            let (lost, remoteId) = try await sendAndLoseTheAnswer("a cat in Paris", harness: harness)
            _ = try await sendAndLoseTheAnswer("a cat in Rome", harness: harness)
            guard case .attached(let entry) = try await harness.studio.find(taskId: lost) else {
                Issue.record("expected the call to be found")
                return
            }
            #expect(entry.task.remoteId == remoteId && entry.task.state == .submitted)
            let resumed = try await harness.studio.resume()
            #expect(resumed.first { $0.taskId == lost }?.after == .succeeded)
            #expect(try harness.studio.catalog.journalEntry(taskId: lost).video?.assetSha256 != nil)
            #expect(try await harness.simulatorTasks().count == 2, "found, never sent again")
        }
    }

    @Test func twoMatchesAttachNothingAndNoMatchSaysSo() async throws {
        try await withGate { harness in
            let (first, a) = try await sendAndLoseTheAnswer("the same scene", harness: harness)
            let (_, b) = try await sendAndLoseTheAnswer("the same scene", harness: harness)
            guard case .ambiguous(let ids) = try await harness.studio.find(taskId: first) else {
                Issue.record("expected two matches")
                return
            }
            #expect(Set(ids) == [a, b])
            #expect(try harness.studio.catalog.journalEntry(taskId: first).task.state == .unknown)

            // A call the provider never took: journaled and marked unknown, never sent.
            var task = TaskEntry(providerName: "gate", kind: .generate, request: "POST /v1/videos")
            task.state = .unknown
            var video = Video(pid: nil, providerName: "gate", origin: .generated, status: .unknown, prompt: "never sent")
            video.compiledPrompt = "never sent"
            var entry = try await harness.studio.catalog.journalGrouped(task, producing: .video(video, features: []))
            entry.task.state = .unknown
            try await harness.studio.catalog.saveGrouped(entry)
            guard case .notFound(let looked) = try await harness.studio.find(taskId: entry.task.id!) else {
                Issue.record("expected no match")
                return
            }
            #expect(looked == 2)
        }
    }

    @Test func resumeWithFindSettlesEveryUnknownCallItCanAndLeavesTheRest() async throws {
        try await withGate { harness in
            let (first, _) = try await sendAndLoseTheAnswer("a lighthouse in a storm", harness: harness)
            let (second, _) = try await sendAndLoseTheAnswer("a kite over dunes", harness: harness)
            let (twin, _) = try await sendAndLoseTheAnswer("twin scene", harness: harness)
            _ = try await sendAndLoseTheAnswer("twin scene", harness: harness)
            // Without --find, unknown calls are only reported.
            let plain = try await harness.studio.resume()
            #expect(plain.filter { $0.after == .unknown }.count == 4)

            let results = try await harness.studio.resume(find: true)
            #expect(results.first { $0.taskId == first }?.after == .succeeded)
            #expect(results.first { $0.taskId == second }?.after == .succeeded)
            for taskId in [first, second] {
                #expect(try harness.studio.catalog.journalEntry(taskId: taskId).video?.assetSha256 != nil)
            }
            let ambiguous = try #require(results.first { $0.taskId == twin })
            #expect(ambiguous.after == .unknown && ambiguous.summary.contains("2 videos in gate's list match"))
            #expect(try await harness.simulatorTasks().count == 4, "found and attached, never sent again")
        }
    }

    @Test func aProviderWithoutAListIsRefused() async throws {
        try await withGate { harness in
            var task = TaskEntry(providerName: "sim", kind: .generate, request: "POST /v1/video/sora-video")
            task.state = .unknown
            var entry = try await harness.studio.catalog.journalGrouped(task, producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .unknown, prompt: "x"), features: []))
            entry.task.state = .unknown
            try await harness.studio.catalog.saveGrouped(entry)
            await #expect(throws: StudioError.self) { try await harness.studio.find(taskId: entry.task.id!) }
        }
    }
}

@Suite struct OpenAIDownloadTests {
    @Test func aVideoFromAnOpenAIStyleProviderEndsInTheVault() async throws {
        // Its video object carries no URL: the file comes from GET /v1/videos/{id}/content, with the key.
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 4, key: "sk-test")) { harness in
            try harness.studio.catalog.addProvider(name: "gate", kind: .openai, baseURL: harness.server.baseURL, keyEnv: "GATE_KEY")
            var options = GenerateOptions(prompt: .text("a heron at dawn"))
            options.providerName = "gate"
            guard case .done(let entry) = try await harness.studio.generate(options, environment: ["GATE_KEY": "sk-test"]) else {
                Issue.record("expected a task")
                return
            }
            let video = try #require(entry.video)
            #expect(entry.task.state == .succeeded && video.remoteURL == nil)
            let sha = try #require(video.assetSha256, "the file is in the vault")
            let asset = try #require(try harness.studio.catalog.asset(sha256: sha))
            #expect(asset.durationSeconds != nil && asset.bytes > 0)
            #expect(asset.originURL?.contains("/v1/videos/") == true && asset.originURL?.contains("sk-test") == false)
        }
    }
}
