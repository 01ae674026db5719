import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct SearchTests {
    /// A catalogue of five videos: prompts, compiled prompts, models, statuses, days and a character.
    func seeded(_ engine: TestEngine = .sqlite) throws -> (TemporaryHome, Catalog) {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com/v1", keyEnv: nil)
        let hero = try catalog.registerCharacter(handle: .test("hero"), id: try CharacterID("cartoon_cat_001"), providerName: "sim")
        func add(_ pid: String, _ prompt: String, compiled: String? = nil, model: String = "sora-2", status: VideoStatus = .succeeded,
                 provider: String = "sim", day: String, features: Bool = false) throws {
            var video = Video(pid: .test(pid), providerName: provider, origin: .generated, status: status, prompt: prompt)
            video.compiledPrompt = compiled
            video.model = model
            video.createdAt = day + "T12:00:00.000Z"
            video = try catalog.insert(video)
            if features { try catalog.recordAppearances(videoId: video.id!, characterIds: [hero.id!]) }
        }
        try add("s_01", "@hero skateboards through a market", compiled: "Cartoon cat skateboards through a market", day: "2026-11-01", features: true)
        try add("s_02", "a quiet café at night", model: "veo3.1-fast", day: "2026-11-02")
        try add("s_03", "@hero rides at night", compiled: "Cartoon cat rides at night", status: .failed, day: "2026-11-03", features: true)
        try add("s_04", "rain on a tin roof", provider: "gate", day: "2026-11-04")
        try add("s_05", "skaters at dawn", day: "2026-11-05")
        return (home, catalog)
    }

    func pids(_ page: VideoPage) -> [String] { page.videos.compactMap { $0.pid?.rawValue } }

    @Test func searchFindsThePromptAsWrittenAsCompiledAndTheNotes() throws {
        let (_, catalog) = try seeded()
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "market"))) == ["s_01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "cartoon"))) == ["s_03", "s_01"], "only the compiled prompts say cartoon")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "night"))) == ["s_03", "s_02"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "cafe"))) == ["s_02"], "accents are folded")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "skate*"))) == ["s_05", "s_01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "\"at night\" rides"))) == ["s_03"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "\"night at\""))).isEmpty, "a phrase keeps its order")

        let roof = try catalog.resolveVideo("s_04")
        try catalog.setNotes(videoId: roof.id!, "the keeper: lovely drops")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "keeper"))) == ["s_04"])
        try catalog.setNotes(videoId: roof.id!, "")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "keeper"))).isEmpty, "cleared notes leave the index")
        var edited = try catalog.resolveVideo("s_05")
        edited.prompt = "divers at dusk"
        try catalog.update(edited)
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "skaters"))).isEmpty)
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "divers"))) == ["s_05"])
        let ok = try catalog.sqlitePool!.write { db in
            try db.execute(sql: "INSERT INTO videoSearch (videoSearch, rank) VALUES ('integrity-check', 1)")
            return true
        }
        #expect(ok, "the index agrees with the video table")
    }

    @Test(arguments: TestEngine.all) func textWithFTS5SyntaxIsOnlyText(engine: TestEngine) throws {
        let (_, catalog) = try seeded(engine)
        for text in ["\"", "night\"", "a\"b", "*", "-night", "night -", "NEAR(night cafe)", "prompt:night", "night OR rain",
                     "^night", "(night", "night)", "night AND", "'night'", "{prompt}: night", "n\"ig\"ht", "\u{0}night"] {
            // Either a page, or, for text with no word in it, one line saying so: never an SQL error.
            do {
                _ = try catalog.videos(matching: VideoQuery(search: text))
            } catch let error as CatalogError {
                #expect(error.message.hasPrefix("nothing to search for"), "\(text.debugDescription): \(error)")
            } catch {
                Issue.record("\(text.debugDescription) → \((try? VideoQuery.searchPattern(text)) ?? "?"): \(error)")
            }
        }
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "-night"))) == ["s_03", "s_02"], "a leading - is no NOT")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "night OR rain"))).isEmpty, "OR is a word: no video says it")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "prompt:night"))).isEmpty, "no column filter: the words prompt and night, in a row")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "NEAR(night cafe)"))).isEmpty, "NEAR is a word to find")
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "(night cafe)"))) == ["s_02"])
        #expect(throws: CatalogError.self) { _ = try catalog.videos(matching: VideoQuery(search: "- * \"\"")) }
        #expect(try VideoQuery.searchPattern("it's \"red car\" skate*") == "\"it's\" \"red car\" \"skate\"*")
    }

    @Test(arguments: TestEngine.all) func filtersCombineAndPagesCountTheWhole(engine: TestEngine) throws {
        let (_, catalog) = try seeded(engine)
        #expect(pids(try catalog.videos(matching: VideoQuery(character: .test("hero")))) == ["s_03", "s_01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(character: .test("hero"), status: .succeeded))) == ["s_01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(provider: "gate"))) == ["s_04"])
        #expect(pids(try catalog.videos(matching: VideoQuery(model: "VEO3.1-fast"))) == ["s_02"])
        let since = try VideoQuery.date(parsing: "2026-11-03")
        #expect(pids(try catalog.videos(matching: VideoQuery(since: since))) == ["s_05", "s_04", "s_03"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "night", since: since))) == ["s_03"])
        let noon = try VideoQuery.date(parsing: "2026-11-04T13:00:00+01:00")
        #expect(pids(try catalog.videos(matching: VideoQuery(since: noon))) == ["s_05", "s_04"], "12:00 UTC is 13:00 at +01:00")
        #expect(throws: DomainError.self) { _ = try VideoQuery.date(parsing: "yesterday") }

        let first = try catalog.videos(matching: VideoQuery(limit: 2))
        #expect(pids(first) == ["s_05", "s_04"] && first.total == 5 && first.isPartial)
        let second = try catalog.videos(matching: VideoQuery(limit: 2, offset: 2))
        #expect(pids(second) == ["s_03", "s_02"] && second.total == 5 && second.offset == 2)
        let last = try catalog.videos(matching: VideoQuery(status: .succeeded, limit: 2, offset: 2))
        #expect(pids(last) == ["s_02", "s_01"] && last.total == 4 && last.isPartial)
        let all = try catalog.videos(matching: VideoQuery())
        #expect(all.videos.count == 5 && all.total == 5 && !all.isPartial)

        #expect(throws: CatalogError.self) { _ = try catalog.videos(matching: VideoQuery(character: .test("hera"))) }
        #expect(throws: CatalogError.self) { _ = try catalog.videos(matching: VideoQuery(provider: "nowhere")) }
    }

    @Test(arguments: TestEngine.all) func videoTagsAreAddedRemovedAndFiltered(engine: TestEngine) throws {
        let (_, catalog) = try seeded(engine)
        let market = try catalog.resolveVideo("s_01").id!
        let cafe = try catalog.resolveVideo("s_02").id!
        #expect(try catalog.retagVideo(id: market, adding: [try Tag("Keeper"), try Tag("night")], removing: []).map(\.rawValue) == ["keeper", "night"])
        #expect(try catalog.retagVideo(id: market, adding: [try Tag("keeper")], removing: [try Tag("night"), try Tag("absent")]).map(\.rawValue) == ["keeper"])
        try catalog.retagVideo(id: cafe, adding: [try Tag("keeper")], removing: [])
        #expect(pids(try catalog.videos(matching: VideoQuery(tag: try Tag("KEEPER")))) == ["s_02", "s_01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(status: .succeeded, tag: try Tag("keeper"), limit: 1))).count == 1)
        #expect(try catalog.report(for: catalog.resolveVideo("s_01"), vaultPath: "/v").tags == ["keeper"])
        #expect(throws: DomainError.self) { _ = try Tag("two words") }
        #expect(throws: DomainError.self) { _ = try Tag(String(repeating: "a", count: 41)) }
        #expect(throws: DomainError.self) { _ = try Tag("") }
        #expect(try Tag("v1.2_final-cut").rawValue == "v1.2_final-cut")
    }

    @Test(arguments: TestEngine.all) func characterTagsAndNotesEditAndFilter(engine: TestEngine) throws {
        let (_, catalog) = try seeded(engine)
        try catalog.registerCharacter(handle: .test("owl"), id: try CharacterID("grumpy.owl"), providerName: "sim")
        _ = try catalog.annotateCharacter(.test("hero"), notes: nil, tags: ["cat", "lead"])
        let hero = try catalog.retagCharacter(.test("hero"), adding: [try Tag("Day"), try Tag("cat")], removing: [try Tag("lead")])
        #expect(hero.tagList == ["cat", "day"])
        #expect(try catalog.characters(tag: try Tag("day"), status: nil).map(\.handle.rawValue) == ["hero"])
        #expect(try catalog.characters(tag: try Tag("ca"), status: nil).isEmpty, "a tag matches whole")
        _ = try catalog.removeCharacter(.test("hero"))
        #expect(try catalog.characters(tag: nil, status: .retired).map(\.handle.rawValue) == ["hero"])
        #expect(try catalog.characters(tag: nil, status: .ready).map(\.handle.rawValue) == ["owl"])
        #expect(try catalog.setNotes(handle: .test("owl"), "blinks a lot").notes == "blinks a lot")
        #expect(try catalog.setNotes(handle: .test("owl"), "").notes == "")
    }

    @Test func aCatalogueFromBeforeTheIndexHasItsPromptsIndexed() throws {
        let home = TemporaryHome()
        try home.writeCatalogFromMigration0001()
        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations().contains("0007_search_tags"))
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "skateboard"))) == ["s_0a01"])
        #expect(pids(try catalog.videos(matching: VideoQuery(search: "夜の街で"))) == ["s_0a02"])
        #expect(try catalog.video(pid: .test("s_0a01")).notes == "")
        #expect(try catalog.characters(tag: try Tag("lead"), status: .ready).map(\.handle.rawValue) == ["hero"])
    }

    @Test func theLinkedSQLiteHasFTS5() throws {
        let home = TemporaryHome()
        let catalog = try home.catalog()
        let options = try catalog.sqlitePool!.read { db in try String.fetchAll(db, sql: "PRAGMA compile_options") }
        #expect(options.contains("ENABLE_FTS5"))
    }

    /// Punctuation breaks words on both engines, as FTS5 reads text (PostgreSQL's own parser
    /// would keep an e-mail, a host or a URL whole).
    @Test(arguments: TestEngine.all) func punctuationBreaksWordsOnEitherEngine(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.registerVideo(pid: .test("s_e1"), prompt: "e-mail foo@bar.com and http://x.y/z", providerName: "sim")
        try catalog.registerVideo(pid: .test("s_e2"), prompt: "C++ and C# code 3.14", providerName: "sim")
        func found(_ search: String) throws -> [String] {
            try catalog.videos(matching: VideoQuery(search: search)).videos.compactMap { $0.pid?.rawValue }.sorted()
        }
        for search in ["bar", "foo", "com", "http", "z", "y/z", "x.y", "bar.com", "foo@bar*", "mail"] {
            #expect(try found(search) == ["s_e1"], "\(search)")
        }
        #expect(try found("14") == ["s_e2"] && found("3") == ["s_e2"] && found("code") == ["s_e2"])
        #expect(try found("and") == ["s_e1", "s_e2"])
    }
}
