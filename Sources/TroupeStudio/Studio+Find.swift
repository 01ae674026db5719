import Foundation
import TroupeCatalog
import TroupeProviders

/// What looking for an unknown call in the provider's list found.
public enum FindOutcome: Sendable {
    /// Exactly one video matched: attached, the task is `submitted`.
    case attached(JournalEntry)
    /// No video matched; nothing changed.
    case notFound(looked: Int)
    /// Several matched; nothing changed (attach one by hand with `--remote-id`).
    case ambiguous([String])
}

extension Studio {
    /// How far back before a call was journaled the provider's clock may put it.
    static let findClockSkew: TimeInterval = 300

    /// Looks for an `unknown` call in the provider's own list of videos (OpenAI-style providers
    /// have one; GrsAI and AceData do not): a video with the same prompt, made after the call was
    /// journaled (less five minutes of clock skew), and held by no other task. Exactly one such
    /// video is attached as `reconcile(taskId:remoteId:)` would; none or several change nothing.
    public func find(taskId: Int64, environment: [String: String] = ProcessInfo.processInfo.environment,
                     events: @escaping StudioEvents = { _ in }) async throws -> FindOutcome {
        let entry = try catalog.journalEntry(taskId: taskId)
        guard entry.task.state == .unknown else {
            throw StudioError("task \(taskId) is \(entry.task.state.rawValue): only an unknown call is looked for")
        }
        let provider = try catalog.provider(named: entry.task.providerName)
        guard provider.kind == .openai else {
            throw StudioError("\(provider.name) (\(provider.kind.rawValue)) has no list of its tasks to look in: find the call in its console, then `troupe task reconcile \(taskId) --remote-id ID`, or `--not-taken`")
        }
        guard let prompt = entry.video?.compiledPrompt else {
            throw StudioError("task \(taskId) made no video with a prompt (a character upload is not listed): reconcile it from the provider's console")
        }
        let journaled = entry.task.journaledAt ?? .distantPast
        let since = journaled.addingTimeInterval(-Self.findClockSkew)
        let dialect = OpenAIDialect()
        let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)

        var matches: [String] = []
        var looked = 0
        var after: String?
        pages: for _ in 0..<50 {
            let response = try await transport.send(dialect.list(after: after, limit: 100, order: .desc), idempotent: true)
            let page = try dialect.decodeList(response, receivedAt: Date())
            for video in page.videos {
                looked += 1
                if let created = video.createdAt, created < since { break pages }
                guard video.prompt == prompt, try catalog.task(remoteId: video.remoteTaskID, providerName: provider.name) == nil else { continue }
                matches.append(video.remoteTaskID)
            }
            guard page.hasMore, let last = page.lastID else { break }
            after = last
        }
        switch matches.count {
        case 0: return .notFound(looked: looked)
        case 1: return .attached(try reconcile(taskId: taskId, remoteId: matches[0]))
        default: return .ambiguous(matches)
        }
    }
}
