import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
@testable import TroupeStudio

/// A provider's ids never lose a paid result, whatever the provider answers.
@Suite struct ProviderIdTests {
    /// A studio in a temporary home whose `sim` provider is `provider`.
    final class Home: @unchecked Sendable {
        let directory = FileManager.default.temporaryDirectory.path + "/troupe-ids-" + UUID().uuidString
        let studio: Studio

        init(_ provider: HostileProvider) throws {
            studio = try Studio(home: TroupeHome(directory: directory), pollInterval: 0.02, maxPollInterval: 0.1)
            try studio.catalog.setBaseURL(provider.baseURL, ofProvider: "sim")
            try studio.catalog.useProvider(named: "sim")
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func generate(_ prompt: String, delivery: DeliveryMode = .poll) async throws -> JournalEntry {
            var options = GenerateOptions(prompt: .text(prompt))
            options.delivery = delivery
            let outcome = try await studio.generate(options)
            guard case .done(let entry) = outcome else { throw StudioError("expected a journaled call") }
            return entry
        }
    }

    @Test func twoTasksFinishingWithOnePidBothKeepTheirFiles() async throws {
        try await HostileProvider.serving(taskIds: { "t-\($0)" }, pids: { _ in "s_cafe01" }) { provider in
            let home = try Home(provider)
            let first = try await home.generate("one")
            let second = try await home.generate("two")
            #expect(first.video?.pid?.rawValue == "s_cafe01")
            let video = try #require(try home.studio.catalog.journalEntry(taskId: second.task.id!).video)
            #expect(video.status == .succeeded && video.pid == nil && video.conflictingPid == "s_cafe01")
            #expect(video.remoteURL?.hasPrefix(provider.baseURL) == true)
            let report = try home.studio.catalog.report(for: video, vaultPath: home.studio.home.vaultPath)
            let file = try #require(report.asset?.path, "the paid video is downloaded into the vault")
            #expect(FileManager.default.fileExists(atPath: file))
            #expect(report.pidConflict == "the provider gave pid s_cafe01, which video #\(first.video!.id!) already holds")
            #expect(try home.studio.catalog.journalEntry(taskId: second.task.id!).task.errorText?.contains("which video #\(first.video!.id!) already holds") == true)
        }
    }

    @Test func aGeneratedPidEqualToARegisteredOneStillDownloads() async throws {
        try await HostileProvider.serving(taskIds: { "t-\($0)" }, pids: { _ in "s_beef02" }) { provider in
            let home = try Home(provider)
            try home.studio.catalog.registerVideo(pid: try Pid("s_beef02"), prompt: "made elsewhere", providerName: "sim")
            let entry = try await home.generate("mine")
            #expect(entry.video?.conflictingPid == "s_beef02")
            #expect(entry.video?.assetSha256 != nil, "the file is in the vault")
        }
    }

    @Test func aReusedTaskIdLeavesTheSecondCallUnknownNamingTheClash() async throws {
        try await HostileProvider.serving(taskIds: { _ in "t-same" }, pids: { _ in "s_0001" }) { provider in
            let home = try Home(provider)
            let first = try await home.generate("one")
            await #expect {
                _ = try await home.generate("two")
            } throws: { error in
                "\(error)".contains("with task id t-same, which task \(first.task.id!) already holds") && "\(error)".contains("marked unknown")
            }
            let second = try #require(try home.studio.catalog.tasks().first)
            #expect(second.id != first.task.id)
            #expect(second.state == .unknown && second.remoteId == nil)
            #expect(second.errorText?.contains("which task \(first.task.id!) already holds") == true)
            #expect(try home.studio.catalog.journalEntry(taskId: first.task.id!).task.state == .succeeded, "the first call is untouched")
            #expect(provider.submissionCount == 2, "the second call is never sent again")
        }
    }

    @Test func aReusedTaskIdOnAStreamIsUnknownNamingTheClashToo() async throws {
        try await HostileProvider.serving(taskIds: { _ in "t-same" }, pids: { _ in "s_0003" }) { provider in
            let home = try Home(provider)
            let first = try await home.generate("one")
            await #expect {
                _ = try await home.generate("two", delivery: .stream)
            } throws: { error in
                "\(error)".contains("which task \(first.task.id!) already holds")
            }
            let second = try #require(try home.studio.catalog.tasks().first)
            #expect(second.state == .unknown && second.remoteId == nil)
            #expect(second.errorText?.contains("which task \(first.task.id!) already holds") == true, "\(second.errorText ?? "")")
        }
    }

    @Test func aTaskIdWithANULIsUnknownNeverStoredCutShort() async throws {
        try await HostileProvider.serving(taskIds: { _ in "t-1\u{0}shard-1" }, pids: { _ in "s_0002" }) { provider in
            let home = try Home(provider)
            await #expect {
                _ = try await home.generate("one")
            } throws: { error in
                "\(error)".contains("control character") && "\(error)".contains("marked unknown")
            }
            let task = try #require(try home.studio.catalog.tasks().first)
            #expect(task.state == .unknown)
            #expect(task.remoteId == nil, "never stored as t-1")
            #expect(task.errorText?.contains(#"t-1\0shard-1"#) == true)
        }
    }
}
