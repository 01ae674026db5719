import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
@testable import TroupeStudio

@Suite struct ExportTests {
    /// A studio in a temporary home (no provider is called: export reads the catalogue and the vault).
    final class Home {
        let directory = FileManager.default.temporaryDirectory.path + "/troupe-export-" + UUID().uuidString
        let studio: Studio
        init() throws { studio = try Studio(home: TroupeHome(directory: directory)) }
        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// A video with a file of `bytes` in the vault.
        @discardableResult
        func video(_ pid: String?, prompt: String, bytes: String? = nil, day: String = "2026-11-30", parent: Int64? = nil) throws -> Video {
            var video = Video(pid: try pid.map { try Pid($0) }, providerName: "sim", origin: .generated, status: .succeeded, prompt: prompt)
            video.createdAt = day + "T08:00:00.000Z"
            video.model = "sora-2"
            video.parentId = parent
            if let bytes {
                let source = directory + "/source-" + UUID().uuidString
                try Data(bytes.utf8).write(to: URL(fileURLWithPath: source))
                video.assetSha256 = try studio.importFile(source, mediaType: "video/mp4").sha256
            }
            return try studio.catalog.insert(video)
        }
    }

    @Test func filesAreCopiedWithReadableNamesAndAManifest() throws {
        let home = try Home()
        let market = try home.video("s_68f1a2", prompt: "@hero skateboards through a Café-market, at NIGHT! 🌙 and then much further on", bytes: "market")
        let hero = try home.studio.catalog.registerCharacter(handle: try Handle("hero"), id: try CharacterID("cat_001"), providerName: "sim")
        try home.studio.catalog.recordAppearances(videoId: market.id!, characterIds: [hero.id!])
        try home.video(nil, prompt: "夜", bytes: "no pid", day: "2026-12-01", parent: market.id)
        try home.video("s_77aa", prompt: "never downloaded")
        let out = home.directory + "/out"

        let result = try home.studio.export(VideoQuery(), to: out)
        #expect(result.copied == 2)
        #expect(result.missing.map(\.name) == ["s_77aa"])
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["2026-11-30_s_68f1a2_hero-skateboards-through-a-cafe-market.mp4", "2026-12-01_video-2.mp4", "manifest.csv", "manifest.json"])
        #expect(try String(contentsOfFile: out + "/2026-11-30_s_68f1a2_hero-skateboards-through-a-cafe-market.mp4", encoding: .utf8) == "market")
        #expect(FileManager.default.fileExists(atPath: Vault.path(forSHA256: market.assetSha256!, in: home.studio.home.vaultPath, mediaType: "video/mp4")),
                "the vault keeps its file")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as? [[String: Any]])
        #expect(json.count == 3)
        let first = try #require(json.first { $0["pid"] as? String == "s_68f1a2" })
        #expect(first["characters"] as? [String] == ["@hero"])
        #expect(first["model"] as? String == "sora-2" && first["provider"] as? String == "sim")
        #expect(first["sha256"] as? String == market.assetSha256)
        let child = try #require(json.first { $0["file"] as? String == "2026-12-01_video-2.mp4" })
        #expect(child["parent"] as? String == "s_68f1a2" && child["pid"] is NSNull)
        let lost = try #require(json.first { $0["pid"] as? String == "s_77aa" })
        #expect(lost["file"] as? String == "" && lost["sha256"] is NSNull)

        let csv = try CSVTable(parsing: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.csv")))
        #expect(csv.header == ExportManifest.csvHeader)
        #expect(csv.rows.map { $0["pid"] } == ["", "s_77aa", "s_68f1a2"], "newest first")
        #expect(csv.rows[2]["characters"] == "hero" && csv.rows[2]["sha256"] == market.assetSha256)
        #expect(csv.rows[1]["file"] == "")
    }

    @Test func theCSVIsSafeFromFormulasAndQuoted() throws {
        for (text, field) in [("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
                              ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("a, b", "\"a, b\""), ("line\nbreak", "\"line\nbreak\""),
                              ("plain", "plain"), ("", "")] {
            #expect(ExportManifest.csvField(text) == field, "\(text.debugDescription)")
        }
        let home = try Home()
        try home.video("s_01", prompt: "=cmd|' /C calc'!A0, \"quoted\"\nnext line", bytes: "x")
        let out = home.directory + "/out"
        _ = try home.studio.export(VideoQuery(), to: out)
        let table = try CSVTable(parsing: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.csv")))
        #expect(table.rows.first?["prompt"] == "'=cmd|' /C calc'!A0, \"quoted\"\nnext line")
    }

    @Test func aDirectoryHoldingOtherFilesIsRefusedUnlessForced() throws {
        let home = try Home()
        try home.video("s_01", prompt: "one", bytes: "x")
        let out = home.directory + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        #expect(throws: StudioError.self) { _ = try home.studio.export(VideoQuery(), to: out) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["notes.txt"])
        let forced = try home.studio.export(VideoQuery(), to: out, force: true)
        #expect(forced.copied == 1)
        #expect(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8) == "mine")
        let again = try home.studio.export(VideoQuery(), to: out, force: true)
        #expect(again.copied == 1, "a second export replaces its own files")
    }

    @Test func filtersApplyAndADamagedVaultCopyIsNotExported() throws {
        let home = try Home()
        let keep = try home.video("s_01", prompt: "rain on a roof", bytes: "rain")
        try home.video("s_02", prompt: "sun", bytes: "sun")
        try home.studio.catalog.retagVideo(id: keep.id!, adding: [try Tag("keeper")], removing: [])
        let tagged = try home.studio.export(VideoQuery(tag: try Tag("keeper")), to: home.directory + "/tagged")
        #expect(tagged.manifest.entries.map(\.pid) == ["s_01"])

        let vaultFile = Vault.path(forSHA256: keep.assetSha256!, in: home.studio.home.vaultPath, mediaType: "video/mp4")
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: vaultFile))
        let damaged = try home.studio.export(VideoQuery(search: "rain"), to: home.directory + "/damaged")
        #expect(damaged.copied == 0)
        #expect(damaged.missing.first?.reason.contains("SHA-256") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.directory + "/damaged").sorted() == ["manifest.csv", "manifest.json"])
    }

    @Test func slugsAreShortASCII() {
        #expect(ExportManifest.slug("A cat on a skateboard") == "a-cat-on-a-skateboard")
        #expect(ExportManifest.slug("Ünïcödé — façade") == "unicode-facade")
        #expect(ExportManifest.slug("夜の街で") == "")
        let long = ExportManifest.slug("one two three four five six seven eight nine ten eleven")
        #expect(long.count <= 40 && !long.hasSuffix("-") && long == "one-two-three-four-five-six-seven-eight")
        #expect(ExportManifest.slug(String(repeating: "x", count: 60)).count == 40)
    }
}
