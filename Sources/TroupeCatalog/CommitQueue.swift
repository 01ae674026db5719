import Foundation
import GRDB

/// Group commit: writes asked for by many tasks at once are run in one transaction, so that a
/// batch of thousands of rows pays one commit (and, when any of them must be durable, one
/// fsync) per group instead of one per write. Each write runs in its own savepoint, so one that
/// fails leaves the others; a caller resumes only once its write is committed (and synced, when
/// durable). When nothing else is waiting a write is committed at once, alone.
final class CommitQueue: @unchecked Sendable {
    private let writer: any DatabaseWriter
    private let lock = NSLock()
    private var pending: [Pending] = []
    private var flushing = false

    /// One queued write: `run` executes it (in the transaction) and keeps its outcome; `finish`
    /// resumes its caller with that outcome, or with the commit's error.
    private struct Pending {
        let durable: Bool
        let run: (Database) -> Void
        let finish: ((any Error)?) -> Void
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Runs `work` in the next group and returns its result once committed.
    func write<T: Sendable>(durable: Bool, _ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = Outcome<T>()
            let item = Pending(durable: durable, run: { db in
                do {
                    try db.inSavepoint {
                        outcome.result = .success(try work(db))
                        return .commit
                    }
                } catch {
                    outcome.result = .failure(error)
                }
            }, finish: { commitError in
                if let commitError { return continuation.resume(throwing: commitError) }
                continuation.resume(with: outcome.result ?? .failure(CatalogError("a queued write did not run")))
            })
            let start: Bool = lock.withLock {
                pending.append(item)
                defer { flushing = true }
                return !flushing
            }
            if start { flush() }
        }
    }

    /// Commits groups until no write is waiting.
    private func flush() {
        writer.asyncWriteWithoutTransaction { db in
            while true {
                let group: [Pending] = self.lock.withLock {
                    let taken = self.pending
                    self.pending = []
                    if taken.isEmpty { self.flushing = false }
                    return taken
                }
                if group.isEmpty { return }
                let durable = group.contains { $0.durable }
                var commitError: (any Error)?
                do {
                    try db.commit(durable: durable) { for item in group { item.run(db) } }
                } catch {
                    commitError = error
                }
                for item in group { item.finish(commitError) }
            }
        }
    }
}

extension Database {
    /// Runs `updates` in one transaction. `durable` waits until it (and every commit before it)
    /// is on disk; other commits skip the fsync (`synchronous = NORMAL`, the catalogue's default).
    func commit(durable: Bool, _ updates: () throws -> Void) throws {
        if durable { try execute(sql: "PRAGMA synchronous = FULL") }
        defer { if durable { try? execute(sql: "PRAGMA synchronous = NORMAL") } }
        try inTransaction {
            try updates()
            return .commit
        }
    }
}

/// The outcome of one queued write, filled and read on the writer's queue only.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
