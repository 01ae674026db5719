import Foundation
import Testing
import TroupeDomain
@testable import TroupeCatalog

/// `troupe db copy`: a whole catalogue into a new one, on either engine, checked.
@Suite struct CopyTests {
    @Test(arguments: TestEngine.all, TestEngine.all)
    func aCatalogueOfManyChunksCopiesWholeWithItsLineageAndComesBackTheSame(from: TestEngine, to: TestEngine) throws {
        let sourceHome = TemporaryHome(from)
        let source = try sourceHome.catalog()
        _ = try source.synthesize(videos: 4_500)
        // A video linked later to a parent registered after it: its parent is the newer row.
        try source.registerVideo(pid: .test("s_c41d"), prompt: "first", providerName: "sim")
        try source.registerVideo(pid: .test("s_c41d"), parent: .test("s_9a7e27"), providerName: "sim")
        let hero = try source.registerCharacter(handle: .test("hero"), id: CharacterID("cat_1"), providerName: "sim")
        try source.recordAppearances(videoId: try source.video(pid: .test("s_c41d")).id!, characterIds: [hero.id!])
        _ = try source.retagVideo(id: try source.video(pid: .test("s_c41d")).id!, adding: [try Tag("keeper")], removing: [])
        try source.saveTemplate(name: "duel", body: "@hero at night")

        let targetHome = TemporaryHome(to)
        let target = try targetHome.catalog()
        var reported: [String] = []
        let report = try source.copy(to: target) { table, _, done in if done { reported.append(table) } }
        #expect(reported == Catalog.tables)
        #expect(report.tables.first { $0.name == "video" }?.rows == 4_502)
        #expect(try target.lineage(of: .video(.test("s_c41d")), direction: .up) == source.lineage(of: .video(.test("s_c41d")), direction: .up))
        #expect(try target.videos(matching: VideoQuery(tag: try Tag("keeper"))).videos.map(\.pid) == [Pid.test("s_c41d")])
        // The target numbers new rows after the copied ones.
        let added = try target.registerVideo(pid: .test("s_af7e"), providerName: "sim")
        #expect(added.id! > (try target.video(pid: .test("s_9a7e27")).id!))
        // A second copy into it is refused: it is no longer new.
        #expect(throws: CatalogError.self) { _ = try source.copy(to: target) }
    }
}

extension Catalog {
    /// `count` registered videos, a remix chain of them, in a few statements.
    func synthesize(videos count: Int) throws -> Int {
        try writer.write { db in
            var id = 0
            while id < count {
                let rows = (0..<min(500, count - id)).map { _ -> [any SQLValueConvertible] in
                    id += 1
                    return [Int64(id), "s_" + String(id, radix: 16) + "ab", id == 1 ? nil : Int64(id - 1) as Int64?, "take \(id)"]
                }
                try db.execute("""
                    INSERT INTO video (id, pid, providerName, origin, status, progress, parentId, prompt, createdAt, updatedAt) VALUES
                    \(rows.map { _ in "(?, ?, 'sim', 'registered', 'succeeded', 100, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')" }.joined(separator: ", "))
                    """, rows.flatMap { $0 })
            }
            try Self.renumber(db)
            return count
        }
    }
}

@Suite struct WALTests {
    /// Short-lived processes each appending to the WAL must not leave it growing for ever: every
    /// open reads it.
    @Test func aCatalogueClosingWithABigWALFoldsItInAndTruncatesIt() throws {
        let home = TemporaryHome()
        var catalog: Catalog? = try home.catalog()
        _ = try catalog?.synthesize(videos: 40_000)
        let wal = home.home.catalogPath + "-wal"
        let before = (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(before > SQLiteStore.walLimit, "the writes made a big WAL (\(before) bytes)")
        catalog = nil
        let after = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(after <= SQLiteStore.walLimit, "\(after) bytes left in the WAL")
        #expect(try home.catalog().videos(limit: 1).count == 1, "nothing was lost")
        #expect(try home.catalog().integrityCheck() == "ok")
    }
}
