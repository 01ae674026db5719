import Foundation
import TroupeDomain

/// What `populateSyntheticLineage` built.
public struct SyntheticLineage: Sendable {
    /// The end of the longest remix chain.
    public var deepest: Pid
    /// The root of the wide subtree.
    public var subtreeRoot: Pid
    public var subtreeSize: Int
    public var videoCount: Int

    /// What `populateSyntheticLineage` builds for these parameters (it is deterministic).
    public init(videoCount: Int = 1_000_000, chainDepth: Int = 10_000, fanOut: Int = 1_000, subtreeSize: Int = 100_000) throws {
        let perChild = max((subtreeSize - 1) / fanOut, 1)
        deepest = try Pid(Self.pid(chainDepth))
        subtreeRoot = try Pid(Self.pid(chainDepth + 1))
        self.subtreeSize = 1 + fanOut * perChild
        self.videoCount = videoCount
    }

    static func pid(_ id: Int) -> String { "s_" + String(id, radix: 16) }
}

extension Catalog {
    /// Fills an empty catalogue with a synthetic remix forest for benchmarks: one chain of
    /// `chainDepth` remixes, one subtree whose root has `fanOut` children each heading a chain,
    /// `subtreeSize` nodes in all, and the rest a random forest. Deterministic for a seed.
    public func populateSyntheticLineage(videoCount: Int = 1_000_000, chainDepth: Int = 10_000, fanOut: Int = 1_000,
                                         subtreeSize: Int = 100_000, seed: UInt64 = 42) throws -> SyntheticLineage {
        precondition(chainDepth + subtreeSize <= videoCount && fanOut > 0)
        let pid = SyntheticLineage.pid
        try writer.write { db in
            // Rows go in 500 to a statement (one round trip each on PostgreSQL).
            var pending: [any SQLValueConvertible] = []
            func flush() throws {
                guard !pending.isEmpty else { return }
                let row = "(?, ?, 'sim', 'registered', 'succeeded', 100, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"
                try db.execute("""
                    INSERT INTO video (id, pid, providerName, origin, status, progress, parentId, createdAt, updatedAt)
                    VALUES \(Array(repeating: row, count: pending.count / 3).joined(separator: ", "))
                    """, pending)
                pending.removeAll(keepingCapacity: true)
            }
            var id = 0
            func insert(parent: Int?) throws -> Int {
                id += 1
                pending += [id, pid(id), parent]
                if pending.count >= 1_500 { try flush() }
                return id
            }
            // The deep chain.
            var last = try insert(parent: nil)
            for _ in 1..<chainDepth { last = try insert(parent: last) }
            // The wide subtree: a root, `fanOut` children, each heading an equal chain.
            let subtreeRoot = try insert(parent: nil)
            let perChild = (subtreeSize - 1) / fanOut
            for _ in 0..<fanOut {
                var parent = try insert(parent: subtreeRoot)
                for _ in 1..<max(perChild, 1) { parent = try insert(parent: parent) }
            }
            // The rest: a random forest (about one root in ten).
            var state = seed
            let firstRest = id + 1
            while id < videoCount {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let roll = Int(truncatingIfNeeded: state >> 33)
                let parent: Int? = id < firstRest || roll % 10 == 0 ? nil : firstRest + roll % (id - firstRest + 1)
                _ = try insert(parent: parent)
            }
            try flush()
            try Self.renumber(db)
        }
        return try SyntheticLineage(videoCount: videoCount, chainDepth: chainDepth, fanOut: fanOut, subtreeSize: subtreeSize)
    }
}
