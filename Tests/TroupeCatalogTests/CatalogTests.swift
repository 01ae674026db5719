import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct ProviderTests {
    @Test(arguments: TestEngine.all) func providersCanBeAddedChosenAndRemoved(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.addProvider(name: "mygate", kind: .openai, baseURL: "https://gate.example.com/v1", keyEnv: "MYGATE_KEY")
        try catalog.useProvider(named: "mygate")
        #expect(try catalog.defaultProvider().name == "mygate")
        #expect(throws: CatalogError("provider 'mygate' is the default: choose another with `troupe provider use NAME` first")) {
            try catalog.removeProvider(named: "mygate")
        }
        try catalog.useProvider(named: "sim")
        try catalog.removeProvider(named: "mygate")
        #expect(throws: CatalogError("unknown provider 'mygate': known providers are acedata, grsai, grsai-cn, sim")) {
            try catalog.provider(named: "mygate")
        }
    }

    @Test(arguments: TestEngine.all) func aProviderStoresTheNameOfItsKeyVariableNeverAKey(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        #expect(throws: CatalogError.self) {
            try catalog.addProvider(name: "leak", kind: .grsai, baseURL: "https://x.example", keyEnv: "sk-live-abc123")
        }
        #expect(throws: CatalogError("invalid base URL 'file:///etc': use an http:// or https:// URL, e.g. https://grsaiapi.com")) {
            try catalog.addProvider(name: "bad", kind: .grsai, baseURL: "file:///etc", keyEnv: nil)
        }
    }

    @Test(arguments: TestEngine.all) func aProviderInUseCannotBeRemoved(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.registerVideo(pid: .test("s_01"), providerName: "sim")
        #expect(throws: CatalogError("provider 'sim' is used by 1 catalogued videos, characters or tasks: it cannot be removed")) {
            try catalog.removeProvider(named: "sim")
        }
    }
}

@Suite struct CharacterTests {
    @Test(arguments: TestEngine.all) func registeredCharactersCanBeRenamedAndFound(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let hero = try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("cartoon_cat_001"), providerName: "grsai")
        #expect(hero.status == .ready && hero.sourceKind == .registered)
        try catalog.renameCharacter(.test("hero"), to: .test("captain"))
        #expect(try catalog.character(handle: .test("captain")).characterId?.rawValue == "cartoon_cat_001")
        #expect(throws: CatalogError("no character @captian in the catalogue: did you mean @captain?")) {
            try catalog.character(handle: .test("captian"))
        }
    }

    @Test(arguments: TestEngine.all) func handlesAndProviderIdsAreUnique(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("cat_1"), providerName: "grsai")
        #expect(throws: CatalogError("handle @hero is taken (character cat_1): choose another name or `troupe character rename`")) {
            try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("cat_2"), providerName: "grsai")
        }
        #expect(throws: CatalogError("character cat_1 on grsai is already catalogued as @hero")) {
            try catalog.registerCharacter(handle: .test("other"), id: CharacterID("cat_1"), providerName: "grsai")
        }
    }

    @Test(arguments: TestEngine.all) func extractionRegistersTheSourceVideoAndChecksTheClip(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let villain = try catalog.registerCharacter(handle: .test("villain"), id: CharacterID("grumpy.owl"), providerName: "grsai",
                                                    from: .test("s_beef"), clip: ClipRange(start: 1, end: 3))
        #expect(try catalog.sourceVideo(of: villain)?.pid == .test("s_beef"))
        #expect(throws: DomainError("clip 0,4 is 4 s long: grsai accepts at most 3 s")) {
            try catalog.registerCharacter(handle: .test("long"), id: CharacterID("x"), providerName: "grsai",
                                          from: .test("s_beef"), clip: ClipRange(start: 0, end: 4))
        }
    }

    @Test(arguments: TestEngine.all) func removingAFeaturedCharacterRetiresItAndKeepsLineage(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let hero = try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("cat_1"), providerName: "grsai")
        let loner = try catalog.registerCharacter(handle: .test("loner"), id: CharacterID("cat_2"), providerName: "grsai")
        let video = try catalog.registerVideo(pid: .test("s_0c"), providerName: "grsai")
        try catalog.recordAppearances(videoId: video.id!, characterIds: [hero.id!])
        #expect(try catalog.removeCharacter(.test("hero")) == .retired(videos: 1))
        #expect(try catalog.character(handle: .test("hero")).status == .retired)
        #expect(try catalog.removeCharacter(.test("loner")) == .deleted)
        #expect(try catalog.characters().map(\.handle) == [.test("hero")])
        _ = loner
    }

    @Test(arguments: TestEngine.all) func clipOnlyCharactersKeepTheirURLAndRange(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let dancer = try catalog.registerClipCharacter(handle: .test("dancer"), url: "https://cdn.example.com/d.mp4",
                                                       clip: ClipRange(start: 0, end: 3), providerName: "grsai")
        #expect(dancer.characterId == nil && dancer.sourceKind == .clip)
        let report = try catalog.report(for: dancer)
        #expect(report.source.url == "https://cdn.example.com/d.mp4" && report.source.clip == [0, 3])
        #expect(throws: CatalogError("invalid URL 'file:///etc/passwd': only http:// and https:// URLs are accepted")) {
            try catalog.registerClipCharacter(handle: .test("evil"), url: "file:///etc/passwd", clip: ClipRange(start: 0, end: 1), providerName: "grsai")
        }
    }
}

@Suite struct TemplateTests {
    @Test(arguments: TestEngine.all) func templatesAreSavedReplacedAndRemoved(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.saveTemplate(name: "duel", body: "@hero vs @villain")
        #expect(throws: CatalogError("template 'duel' already exists: use --replace to overwrite it")) {
            try catalog.saveTemplate(name: "duel", body: "x")
        }
        try catalog.saveTemplate(name: "duel", body: "@hero vs @villain in {{place}}", replace: true)
        #expect(try catalog.template(named: "duel").body == "@hero vs @villain in {{place}}")
        try catalog.removeTemplate(named: "duel")
        #expect(throws: CatalogError("no template 'duel': `troupe template list` shows them")) { try catalog.template(named: "duel") }
    }
}
