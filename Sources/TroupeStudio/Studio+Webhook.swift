import Crypto
import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

/// The secret path token of a home's webhook receiver: 32 random bytes as hex, kept in the home
/// as `webhook-token` with mode 0600. Not a key: it only makes the callback URL unguessable.
public struct WebhookToken: Sendable, Equatable {
    public let value: String

    /// Where a home keeps its token.
    public static func path(in home: TroupeHome) -> String { home.directory + "/webhook-token" }

    /// Reads the home's token, making it on first use (atomically: two processes agree on one).
    public static func load(home: TroupeHome) throws -> WebhookToken {
        try home.create()
        let path = path(in: home)
        if !FileManager.default.fileExists(atPath: path) {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let hex = bytes.hexadecimal
            let temporary = path + ".part-" + UUID().uuidString
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw StudioError("cannot write the webhook token at \(temporary)") }
            let written = Array((hex + "\n").utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
            defer { unlink(temporary) }
            guard written == hex.count + 1 else { throw StudioError("cannot write the webhook token at \(temporary)") }
            // link() refuses to replace: whoever links first wins and the other reads that token.
            if link(temporary, path) != 0, errno != EEXIST {
                throw StudioError("cannot create the webhook token at \(path)")
            }
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw StudioError("cannot read the webhook token at \(path)")
        }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.utf8.count == 64, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            throw StudioError("the webhook token at \(path) is not 64 hex digits: delete it and a new one is made")
        }
        // Only the owner may read it, whatever the umask or an earlier copy left.
        chmod(path, 0o600)
        return WebhookToken(value: value)
    }

    /// Compares a presented token in time independent of where they differ.
    public func matches(_ presented: some StringProtocol) -> Bool {
        let expected = Array(value.utf8)
        let given = Array(presented.utf8)
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for index in 0..<max(expected.count, given.count) {
            difference |= (index < expected.count ? expected[index] : 0) ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

/// Which journal task a webhook body names.
public enum WebhookMatch: Sendable, Equatable {
    /// No provider's webhook format reads the body.
    case unreadable
    /// A readable body about a task this home never journaled.
    case unknownTask(remoteId: String)
    /// Journal task `taskId`.
    case task(taskId: Int64)
}

extension Studio {
    /// The URL providers POST results to: `base` + `/hooks/<token>`.
    public func webhookCallbackURL(base: String) throws -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/hooks/" + (try WebhookToken.load(home: home).value)
    }

    /// The callback URL `--delivery webhook` sends: `explicit` when given, else the one of the
    /// receiver `troupe webhook serve` recorded in the catalogue.
    func webhookDeliveryURL(_ explicit: String?) throws -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        guard let base = try catalog.webhookBaseURL() else {
            throw StudioError("--delivery webhook needs a receiver: run `troupe webhook serve` (it records its URL) or give the callback URL")
        }
        return try webhookCallbackURL(base: base)
    }

    /// The request as journaled: the webhook token replaced, since the journal keeps no secrets.
    func journaledPreview(_ wire: WireRequest) -> String {
        guard FileManager.default.fileExists(atPath: WebhookToken.path(in: home)),
              let token = try? WebhookToken.load(home: home).value else { return wire.preview }
        return wire.preview.replacingOccurrences(of: token, with: "<webhook-token>")
    }

    /// Finds the journal task a callback body names. Only the task id is read from the body:
    /// what it claims about the task is never written (see `recheck`). A `signed` body (its
    /// signature checked by the receiver) names a task of an OpenAI-style provider, which sends
    /// signed events from its dashboard; an unsigned one a GrsAI or AceData task.
    public func webhookMatch(_ body: Data, signed: Bool = false) throws -> WebhookMatch {
        var named: String?
        for provider in try catalog.providers() where (provider.kind == .openai) == signed {
            guard let notice = try? TroupeProviders.dialect(for: provider.kind).decodeWebhook(body, receivedAt: Date()) else { continue }
            named = notice.remoteTaskID
            if let task = try catalog.task(remoteId: notice.remoteTaskID, providerName: provider.name) {
                return .task(taskId: task.id!)
            }
        }
        return named.map { .unknownTask(remoteId: $0) } ?? .unreadable
    }

    /// Asks the provider once for the state of task `taskId` (by poll), records what it says, and
    /// downloads the result when it is finished.
    public func recheck(taskId: Int64, environment: [String: String] = ProcessInfo.processInfo.environment,
                        events: @escaping StudioEvents = { _ in }) async throws -> JournalEntry {
        var entry = try catalog.journalEntry(taskId: taskId)
        if entry.task.state == .submitted || entry.task.state == .running, let remoteId = entry.task.remoteId {
            let provider = try catalog.provider(named: entry.task.providerName)
            let dialect = TroupeProviders.dialect(for: provider.kind)
            let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment))
            let response = try await transport.send(dialect.poll(taskID: remoteId, service: pollService(of: entry, provider: provider)), idempotent: true)
            entry = try await apply(try dialect.decodePoll(response, taskID: remoteId, receivedAt: Date()), to: entry, events: events)
        }
        if entry.task.state == .succeeded, entry.video?.status == .succeeded {
            entry = try await downloadResult(entry, environment: environment, events: events)
        }
        return entry
    }
}
