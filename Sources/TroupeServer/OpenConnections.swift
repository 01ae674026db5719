import Foundation
import NIOCore

/// A server's open connections, shared by all of them: oldest first, each either waiting for its
/// request or having one answered.
final class OpenConnections: @unchecked Sendable {
    private struct Entry {
        let channel: any Channel
        var answering: Bool
    }

    private let lock = NSLock()
    private let maximum: Int
    private var next: UInt64 = 0
    /// By opening order (the sequence number).
    private var entries: [UInt64: Entry] = [:]
    private var closedToMakeRoom = 0

    init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// How many are open.
    var count: Int { lock.withLock { entries.count } }

    /// How many were closed because the limit was reached.
    var evictions: Int { lock.withLock { closedToMakeRoom } }

    /// Registers a new connection; over the limit, closes the oldest one not being answered, else
    /// this one. Returns its number.
    func opened(_ channel: any Channel) -> UInt64 {
        var victim: (any Channel)?
        let id: UInt64 = lock.withLock {
            next += 1
            entries[next] = Entry(channel: channel, answering: false)
            if entries.count > maximum {
                let oldest = entries.filter { !$0.value.answering }.min { $0.key < $1.key }?.key ?? next
                victim = entries.removeValue(forKey: oldest)?.channel
                closedToMakeRoom += 1
            }
            return next
        }
        victim?.close(promise: nil)
        return id
    }

    func setAnswering(_ id: UInt64, _ answering: Bool) {
        lock.withLock { entries[id]?.answering = answering }
    }

    func closed(_ id: UInt64) {
        _ = lock.withLock { entries.removeValue(forKey: id) }
    }
}
