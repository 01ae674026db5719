import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeHTTP
import TroupeProviders

/// What `task resume` did with one task.
public struct ResumeResult: Sendable {
    public var taskId: Int64
    public var before: TaskState
    public var after: TaskState
    /// A line saying what happened.
    public var summary: String
    /// Where the call stands now.
    public var ending: CallEnding = .open
}

extension Studio {
    /// Completes every open task: polls submitted ones to the end and downloads their files,
    /// reports unknown ones (never resent: `reconcile` settles them), and marks a prepared one
    /// that may have been sent as unknown. A prepared task never sent is given up as `not_sent`
    /// (nothing charged) once its process is surely gone, for a batch re-run or `task retry`.
    /// With `find`, an unknown call to an OpenAI-style provider is first looked for in the
    /// provider's list (see `find(taskId:)`) and, when exactly one video matches, attached and
    /// tracked to its file.
    public func resume(find: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
                       events: @escaping StudioEvents = { _ in }) async throws -> [ResumeResult] {
        var results: [ResumeResult] = []
        for task in try catalog.tasks(open: true).reversed() {
            let before = task.state
            var entry = try catalog.journalEntry(taskId: task.id!)
            do {
                var looked: String?
                if find, entry.task.state == .unknown, try catalog.provider(named: entry.task.providerName).kind == .openai {
                    switch try await self.find(taskId: task.id!, environment: environment, events: events) {
                    case .attached(let attached): entry = attached
                    case .notFound(let count): looked = "not in \(entry.task.providerName)'s list (\(count) video(s) looked at)"
                    case .ambiguous(let ids): looked = "\(ids.count) videos in \(entry.task.providerName)'s list match (\(ids.joined(separator: ", "))): attach the right one"
                    }
                }
                entry = try await resume(entry, environment: environment, events: events)
                let summary: String = switch entry.task.state {
                case .succeeded: entry.video?.assetSha256 != nil ? "done: \(entry.video?.nodeName ?? "the video") in the vault"
                    : entry.character.map { "done: @\($0.handle) = \($0.characterId?.rawValue ?? "?")" }
                    ?? entry.video?.errorText.map { "succeeded without a file: \($0)" } ?? "done"
                case .failed: "failed: \(entry.task.failureReason?.rawValue ?? entry.task.errorText ?? "")"
                case .unknown: "unknown: sent but no task id came back; \(looked.map { $0 + "; " } ?? "")not resent — check the provider's console, then `troupe task reconcile \(task.id!) --remote-id ID` (or `--not-taken`)"
                default: "still \(entry.task.state.rawValue)"
                }
                results.append(ResumeResult(taskId: task.id!, before: before, after: entry.task.state, summary: summary, ending: entry.ending))
            } catch {
                let now = try? catalog.journalEntry(taskId: task.id!)
                results.append(ResumeResult(taskId: task.id!, before: before, after: now?.task.state ?? before, summary: "\(error)",
                                            ending: now.map { $0.ending == .succeeded ? .open : $0.ending } ?? .open))
            }
        }
        try removeLeftoverDownloads()
        return results
    }

    func resume(_ entry: JournalEntry, environment: [String: String], events: @escaping StudioEvents) async throws -> JournalEntry {
        var entry = entry
        let provider = try catalog.provider(named: entry.task.providerName)
        let dialect = TroupeProviders.dialect(for: provider.kind)
        switch entry.task.state {
        case .prepared where entry.task.attempts > 0:
            // The process stopped while sending: the provider may have the call. Never resend.
            entry.move(.unknown)
            entry.task.errorText = "interrupted while sending"
            try await catalog.saveGrouped(entry)
            return entry
        case .prepared:
            // Never sent. Once untouched for a minute its process is gone: give it up (nothing
            // was charged) so that a batch re-run or `task retry` sends it.
            guard try catalog.abandonUnsent(taskId: entry.task.id!, olderThan: unsentGrace) else {
                throw StudioError("task \(entry.task.id!) was journaled moments ago and not sent yet (another troupe process may be sending it); run `troupe task resume` again in a minute")
            }
            return try catalog.journalEntry(taskId: entry.task.id!)
        case .unknown:
            return entry
        case .submitted, .running:
            let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)
            return try await track(entry, transport: transport, dialect: dialect, events: events)
        case .succeeded:
            return try await downloadResult(entry, environment: environment, events: events)
        case .failed:
            return entry
        }
    }

    /// Makes sure a video's file is in the vault, whole: downloads it again, while its URL is
    /// valid, when it is missing or corrupt (its bytes no longer have their hash).
    public func fetch(pid: Pid, environment: [String: String] = ProcessInfo.processInfo.environment,
                      events: @escaping StudioEvents = { _ in }) async throws -> Video {
        var video = try catalog.video(pid: pid)
        var corrupt = false
        if let sha = video.assetSha256, let asset = try catalog.asset(sha256: sha) {
            switch try check(asset) {
            case .ok: return video
            case .corrupt: corrupt = true
            default: break
            }
        }
        let problem = corrupt ? "the vault file of \(pid) is corrupt (its bytes no longer have their SHA-256)" : nil
        let entry = try video.taskId.map { try catalog.journalEntry(taskId: $0) }
        if let entry, entry.ending == .failed || entry.ending == .unknown {
            let why = [entry.task.failureReason?.rawValue, entry.task.errorText].compactMap { $0 }.joined(separator: ": ")
            throw PaidCallError(taskId: entry.task.id!, ending: entry.ending,
                                message: entry.ending == .failed ? "video \(pid) failed at the provider\(why.isEmpty ? "" : " (\(why))"): there is no file to fetch"
                                    : "video \(pid)'s call is unknown: `troupe task reconcile \(entry.task.id!)` settles it first")
        }
        guard let request = try entry.flatMap({ try resultRequest($0, environment: environment) }) ?? video.remoteURL.map({ HTTPRequest(url: $0) }) else {
            throw StudioError(problem.map { "\($0), and it has no result URL to download it again from" } ?? "video \(pid) has no result URL to fetch from")
        }
        if let expiry = video.remoteURLExpiresAt.flatMap({ try? Date($0, strategy: .iso8601) }), expiry < Date() {
            throw StudioError((problem.map { "\($0), and " } ?? "") + "the URL of \(pid) expired at \(video.remoteURLExpiresAt!): provider URLs last about 2 hours; it can no longer be downloaded")
        }
        if let problem { events(.note("\(problem): downloading it again")) }
        let asset: Asset
        do {
            asset = try await fetchIntoVault(request, mediaType: "video/mp4", name: video.taskId.map(Self.incomingName(taskId:)))
        } catch {
            guard let taskId = entry?.task.id else { throw error }
            throw PaidCallError(taskId: taskId, ending: .open,
                                message: "the download of \(pid) failed: \(error); its file is not in the vault yet — `troupe video fetch \(pid)` tries again while its URL is valid")
        }
        try catalog.recordAsset(asset)
        video.assetSha256 = asset.sha256
        try catalog.update(video)
        return video
    }
}
