// Lineage walks on a synthetic catalogue of 1,000,000 videos (a chain 10,000 deep, a subtree of
// 100,001 nodes with fan-out 1,000): through TroupeCatalog, and the very same recursive CTE through
// the bare sqlite3 C API — the engine's own limit.
import Benchmark
import Foundation
import GRDBSQLite
import TroupeCatalog

/// The synthetic catalogue, built once per run in a temporary home.
final class Fixture: @unchecked Sendable {
    static let shared = Fixture()

    let catalog: Catalog
    let built: SyntheticLineage
    let bare: BareSQLite

    init() {
        // Built once and reused by later benchmark processes of the same run (and later runs).
        let directory = FileManager.default.temporaryDirectory.path + "/troupe-bench-lineage-1m-v1"
        let home = TroupeHome(directory: directory)
        let ready = directory + "/ready"
        do {
            if !FileManager.default.fileExists(atPath: ready) {
                try? FileManager.default.removeItem(atPath: directory)
                let started = Date()
                _ = try Catalog(home: home).populateSyntheticLineage()
                FileManager.default.createFile(atPath: ready, contents: nil)
                FileHandle.standardError.write(Data("built the synthetic catalogue in \(Int(Date().timeIntervalSince(started))) s at \(home.catalogPath)\n".utf8))
            }
            catalog = try Catalog(home: home)
            // The generator is deterministic: describe what it built without building again.
            built = try SyntheticLineage()
            bare = try BareSQLite(path: home.catalogPath)
        } catch {
            fatalError("cannot build the synthetic catalogue: \(error)")
        }
    }
}

/// The same query through sqlite3_prepare / bind / step / column, nothing else.
final class BareSQLite: @unchecked Sendable {
    let db: OpaquePointer

    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else {
            throw NSError(domain: "sqlite", code: 1)
        }
        db = handle
    }

    /// Runs the plan and reads every row the way a caller must: node name, kind, depth, edge.
    func run(_ plan: LineageQueryPlan) -> Int {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, plan.sql, -1, &statement, nil) == SQLITE_OK, let statement else { fatalError(String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(statement) }
        for (position, (_, value)) in plan.arguments.enumerated() {
            let index = Int32(position + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
        var rows = 0
        var checksum = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            let kind = String(cString: sqlite3_column_text(statement, 0))
            let depth = Int(sqlite3_column_int64(statement, 2))
            let edge = sqlite3_column_text(statement, 5).map { String(cString: $0) }
            let name = sqlite3_column_text(statement, 6).map { String(cString: $0) } ?? sqlite3_column_text(statement, 7).map { "@" + String(cString: $0) }
            checksum &+= kind.utf8.count &+ depth &+ (edge?.utf8.count ?? 0) &+ (name?.utf8.count ?? 0)
            rows += 1
        }
        blackHole(checksum)
        return rows
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        maxDuration: .seconds(20),
        maxIterations: 25
    )

    Benchmark("ancestors of the deepest node (10,000) — TroupeCatalog") { benchmark in
        let fixture = Fixture.shared
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let steps = try fixture.catalog.walk(from: .video(fixture.built.deepest), upward: true)
            precondition(steps.count == 10_000)
        }
    }

    Benchmark("ancestors of the deepest node (10,000) — bare sqlite3") { benchmark in
        let fixture = Fixture.shared
        let plan = try fixture.catalog.lineageQueryPlan(from: .video(fixture.built.deepest), upward: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            precondition(fixture.bare.run(plan) == 10_000)
        }
    }

    Benchmark("descendants of a 100,001-node subtree — TroupeCatalog") { benchmark in
        let fixture = Fixture.shared
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let steps = try fixture.catalog.walk(from: .video(fixture.built.subtreeRoot), upward: false)
            precondition(steps.count == fixture.built.subtreeSize)
        }
    }

    Benchmark("descendants of a 100,001-node subtree — bare sqlite3") { benchmark in
        let fixture = Fixture.shared
        let plan = try fixture.catalog.lineageQueryPlan(from: .video(fixture.built.subtreeRoot), upward: false)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            precondition(fixture.bare.run(plan) == fixture.built.subtreeSize)
        }
    }

    Benchmark("full lineage graph, ancestors of the deepest node — TroupeCatalog") { benchmark in
        let fixture = Fixture.shared
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.catalog.lineage(of: .video(fixture.built.deepest), direction: .up))
        }
    }
}
