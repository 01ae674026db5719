import Foundation

/// Group commit: writes asked for by many tasks at once are run in one transaction, so that a
/// batch of thousands of rows pays one commit (and, when any of them must be durable, one
/// fsync) per group instead of one per write. Each write runs in its own savepoint, so one that
/// fails leaves the others; a caller resumes only once its write is committed (and synced, when
/// durable). When nothing else is waiting a write is committed at once, alone.
final class CommitQueue: @unchecked Sendable {
    private let store: any CatalogStore
    private let lock = NSLock()
    private var pending: [Pending] = []
    private var flushing = false

    /// One queued write: `run` executes it (in the transaction) and keeps its outcome; `finish`
    /// resumes its caller with that outcome, or with the commit's error.
    private struct Pending {
        let durable: Bool
        /// Runs the write; true when it was a deadlock's victim (PostgreSQL), and the group must
        /// be rolled back and run again: its other writes hold the locks the other side waits on.
        let run: (any SQLConnection) -> Bool
        let finish: ((any Error)?) -> Void
    }

    init(store: any CatalogStore) {
        self.store = store
    }

    /// Runs `work` in the next group and returns its result once committed.
    func write<T: Sendable>(durable: Bool, _ work: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = Outcome<T>()
            let item = Pending(durable: durable, run: { db in
                do {
                    outcome.result = .success(try db.savepoint { try work(db) })
                    return false
                } catch {
                    outcome.result = .failure(error)
                    return (error as? SQLFailure)?.kind == .conflict
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
        store.asyncWriter { db in
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
                var attempt: UInt32 = 1
                while true {
                    do {
                        try self.store.transaction(on: db, durable: durable) {
                            var conflicted = false
                            for item in group where item.run(db) { conflicted = true }
                            // Other workers' transactions wait on this group's locks: let them go, then again.
                            if conflicted && attempt < 8 { throw GroupConflict() }
                        }
                    } catch is GroupConflict {
                        usleep(UInt32.random(in: 1_000...20_000) * attempt)
                        attempt += 1
                        continue
                    } catch {
                        commitError = error
                    }
                    break
                }
                for item in group { item.finish(commitError) }
            }
        }
    }
}

private struct GroupConflict: Error {}

/// The outcome of one queued write, filled and read on the writer's queue only.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
