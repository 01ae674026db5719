import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct ModelTableTests {
    static func model(_ text: String) -> VideoModel { try! VideoModel(parsing: text) }

    /// An OpenAI-style model for one provider, as `troupe model add … --provider gate` makes it.
    static func gateModel(_ name: String = "wan-2", isDefault: Bool = false) -> ModelSpec {
        ModelSpec(name: model(name), providerKind: .openai, provider: "gate", family: .openaiVideos, durations: [5, 10],
                  aspects: [.landscape], maxCharacters: 2, characterForms: [.id], imageInputs: [.reference], maxReferenceImages: 1,
                  price: ModelPrice(Decimal(string: "0.05")!, per: .second), currency: "USD", isDefault: isDefault)
    }

    static func catalogWithGate() throws -> (TemporaryHome, Catalog) {
        let home = TemporaryHome()
        let catalog = try home.catalog()
        try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com/v1", keyEnv: "GATE_KEY")
        return (home, catalog)
    }

    @Test(arguments: TestEngine.all) func aFreshCatalogueHoldsThePresetsExactly(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let all = try catalog.models()
        #expect(all.map { "\($0.providerKind.rawValue)/\($0.name.rawValue)" } == [
            "grsai/sora-2", "grsai/veo3.1-fast", "grsai/veo3.1-pro",
            "acedata/sora-2", "acedata/doubao-seedance-1-0-pro-250528", "acedata/doubao-seedance-1-0-pro-fast-251015",
            "acedata/doubao-seedance-2-0-260128", "acedata/sora-2-pro",
            "openai/sora-2", "openai/sora-2-pro",
        ])
        #expect(all.filter(\.isDefault).map { "\($0.providerKind.rawValue)/\($0.name.rawValue)" } == ["grsai/sora-2", "acedata/sora-2", "openai/sora-2"])
        for spec in all { try spec.validate() }

        let veo = try #require(all.first { $0.name.rawValue == "veo3.1-fast" })
        #expect(veo.family == .grsaiVeo && veo.durations == [8] && veo.aspects == [.landscape, .portrait] && veo.sizes.isEmpty)
        #expect(veo.maxCharacters == 3 && veo.characterForms == [.image] && veo.imageInputs == [.reference, .firstFrame, .lastFrame])
        #expect(veo.price.amount == Decimal(string: "0.40") && veo.currency == "CNY" && veo.provider == nil)
        let seedance = try #require(all.first { $0.name.rawValue == "doubao-seedance-2-0-260128" })
        #expect(seedance.service == "seedance" && seedance.durations == [5, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])
        #expect(seedance.aspects.map(\.rawValue) == ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"])
        #expect(seedance.sizes.map(\.rawValue) == ["720p", "480p", "1080p"])
        let grsaiSora = try #require(all.first { $0.providerKind == .grsai && $0.name.rawValue == "sora-2" })
        #expect(grsaiSora.maxCharacters == nil && grsaiSora.characterForms == [.id, .clip] && grsaiSora.remix)
        let pro = try #require(all.first { $0.providerKind == .acedata && $0.name.rawValue == "sora-2-pro" })
        #expect(pro.price.total(duration: 25, size: .small) == Decimal(string: "1.00"))
        #expect(pro.price.total(duration: 15, size: .small) == Decimal(string: "0.60"))
        let openaiPro = try #require(all.first { $0.providerKind == .openai && $0.name.rawValue == "sora-2-pro" })
        #expect(openaiPro.price.per == .second)
        #expect(openaiPro.price.total(duration: 8, size: .large) == Decimal(string: "4.00"))
        #expect(openaiPro.price.total(duration: 4, size: .small) == Decimal(string: "1.20"))
    }

    @Test func resolvingLooksAtTheProviderThenItsKindThenTheDefault() throws {
        let (home, catalog) = try Self.catalogWithGate()
        let gate = try catalog.provider(named: "gate")
        let sim = try catalog.provider(named: "sim")
        #expect(try catalog.resolveModel(nil, for: sim).name.rawValue == "sora-2")
        #expect(try catalog.resolveModel(nil, for: sim).providerKind == .grsai)
        #expect(try catalog.resolveModel(Self.model("VEO3.1-Pro"), for: sim).name.rawValue == "veo3.1-pro")
        #expect(try catalog.resolveModel(nil, for: gate).providerKind == .openai)

        // The provider's own row comes before the kind-wide one of the same name.
        var own = Self.gateModel("sora-2-pro")
        own.durations = [6]
        try catalog.addModel(own)
        let resolved = try catalog.resolveModel(Self.model("sora-2-pro"), for: gate)
        #expect(resolved.provider == "gate" && resolved.durations == [6])
        #expect(try catalog.resolveModel(Self.model("sora-2-pro"), for: catalog.provider(named: "acedata")).provider == nil)
        // Its own default comes before the kind's, for it only.
        let added = try catalog.addModel(Self.gateModel("wan-2", isDefault: true))
        #expect(added.replacedDefault == nil && added.model.isDefault)
        #expect(try catalog.resolveModel(nil, for: gate).name.rawValue == "wan-2")
        let usable = try catalog.models(provider: "gate")
        #expect(usable.map(\.name.rawValue) == ["wan-2", "sora-2", "sora-2-pro"])
        #expect(usable.filter(\.isDefault).map(\.name.rawValue) == ["wan-2"])
        #expect(usable.first { $0.name.rawValue == "sora-2-pro" }?.provider == "gate")
        #expect(try catalog.resolveModel(nil, for: catalog.provider(named: "acedata")).name.rawValue == "sora-2")
        _ = home
    }

    @Test(arguments: TestEngine.all) func anUnknownModelIsOneLineNamingWhatTheProviderCanUse(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let sim = try catalog.provider(named: "sim")
        #expect(throws: CatalogError("unknown model 'veo9' on provider sim (grsai): use sora-2, veo3.1-fast, veo3.1-pro (`troupe model list --provider sim`)")) {
            try catalog.resolveModel(Self.model("veo9"), for: sim)
        }
        #expect(throws: CatalogError("unknown model 'veo3.1-fsat' on provider sim (grsai): did you mean veo3.1-fast? use sora-2, veo3.1-fast, veo3.1-pro (`troupe model list --provider sim`)")) {
            try catalog.resolveModel(Self.model("veo3.1-fsat"), for: sim)
        }
        // sora-2-pro is an AceData and OpenAI model, not a GrsAI one.
        #expect(throws: CatalogError.self) { try catalog.resolveModel(Self.model("sora-2-pro"), for: sim) }
    }

    @Test func addingRefusesDuplicatesBadSpecsAndStrangersAndReplacesADefaultOutLoud() throws {
        let (home, catalog) = try Self.catalogWithGate()
        try catalog.addModel(Self.gateModel())
        #expect(throws: CatalogError("model 'WAN-2' already exists on provider gate as 'wan-2' (names match regardless of case): remove it first (`troupe model remove wan-2 --provider gate`) or choose another name")) {
            try catalog.addModel(Self.gateModel("WAN-2"))
        }
        var stranger = Self.gateModel()
        stranger.provider = "nowhere"
        #expect(throws: CatalogError.self) { try catalog.addModel(stranger) }
        var wrongKind = Self.gateModel()
        wrongKind.provider = "sim"
        #expect(throws: CatalogError("provider 'sim' is grsai, not openai")) { try catalog.addModel(wrongKind) }
        var clipOnOpenAI = Self.gateModel("clippy")
        clipOnOpenAI.characterForms = [.clip]
        #expect(throws: DomainError("openai-videos cannot carry characters as clip: use id")) { try catalog.addModel(clipOnOpenAI) }

        // The service is a path segment (`/{service}/videos`), for AceData families only.
        let kling = ModelSpec(name: Self.model("kling-v2"), providerKind: .acedata, family: .acedataSeedance, service: "../sora",
                              durations: [5], aspects: [.landscape], imageInputs: [.reference], maxReferenceImages: 1,
                              price: ModelPrice(1), currency: "USD")
        #expect(throws: CatalogError("invalid service '../sora': use 1–40 lower-case letters, digits, '-' or '_' (the path segment of /{service}/videos, e.g. seedance)")) {
            try catalog.addModel(kling)
        }
        var serviced = Self.gateModel("serviced")
        serviced.service = "kling"
        #expect(throws: CatalogError("openai-videos takes no service path: leave --service out")) { try catalog.addModel(serviced) }
        var klingFixed = kling
        klingFixed.service = "kling"
        #expect(try catalog.addModel(klingFixed).model.service == "kling")

        // A second default for a kind replaces the old one, and says which.
        let veoHD = ModelSpec(name: Self.model("veo3.1-fast-1080p"), providerKind: .grsai, family: .grsaiVeo, durations: [8],
                              aspects: [.landscape, .portrait], maxCharacters: 3, characterForms: [.image],
                              imageInputs: [.reference, .firstFrame, .lastFrame], maxReferenceImages: 3,
                              price: ModelPrice(Decimal(string: "0.60")!), currency: "CNY", isDefault: true)
        let added = try catalog.addModel(veoHD)
        #expect(added.replacedDefault?.rawValue == "sora-2")
        #expect(try catalog.models(kind: .grsai).filter(\.isDefault).map(\.name.rawValue) == ["veo3.1-fast-1080p"])
        #expect(try catalog.resolveModel(nil, for: catalog.provider(named: "grsai")).name.rawValue == "veo3.1-fast-1080p")
        // Read back exactly as written: lists in order, the decimal price.
        #expect(try catalog.model(named: Self.model("veo3.1-fast-1080p")) == veoHD)
        _ = home
    }

    @Test func pricesAndOverridesAreStoredAsExactDecimals() throws {
        let (home, catalog) = try Self.catalogWithGate()
        var spec = Self.gateModel("thirds")
        spec.sizes = [.small, .large]
        spec.price = ModelPrice(Decimal(string: "0.3")!, per: .video, overrides: [
            PriceOverride(size: .large, amount: Decimal(string: "0.1")!),
            PriceOverride(size: .large, minDuration: 10, amount: Decimal(string: "0.7")!),
        ])
        try catalog.addModel(spec)
        let stored = try catalog.sqlitePool!.read { db in
            try Row.fetchOne(db, sql: "SELECT price, typeof(price) AS type, priceOverrides FROM model WHERE name = 'thirds'")
        }
        #expect(stored?["price"] as String? == "0.3" && stored?["type"] as String? == "text")
        #expect(stored?["priceOverrides"] as String? == "size=large:0.1,size=large+from=10:0.7")
        let back = try catalog.model(named: Self.model("thirds"))
        #expect(back.price == spec.price)
        #expect(back.price.amount + back.price.amount + back.price.amount == Decimal(string: "0.9"))
        _ = home
    }

    @Test func removingRefusesWhileAnUnsettledTaskUsesIt() throws {
        let (home, catalog) = try Self.catalogWithGate()
        try catalog.addModel(Self.gateModel())
        var video = Video(pid: nil, providerName: "gate", origin: .generated, status: .pending, prompt: "a cat")
        video.model = "wan-2"
        let entry = try catalog.journalNow(TaskEntry(providerName: "gate", kind: .generate, request: "{}"), producing: .video(video, features: []))
        let id = try #require(entry.task.id)
        #expect(throws: CatalogError("model 'wan-2' on provider gate is in use by unsettled task \(id): `troupe task resume` settles them, then remove it")) {
            try catalog.removeModel(name: Self.model("wan-2"), provider: "gate")
        }
        // The kind's default is not removed from under every provider.
        #expect(throws: CatalogError.self) { try catalog.removeModel(name: Self.model("sora-2"), kind: .openai) }
        #expect(throws: CatalogError("no model 'wan-3' on provider gate: did you mean wan-2?")) {
            try catalog.removeModel(name: Self.model("wan-3"), provider: "gate")
        }

        // Once the task is settled (failed here), the row goes; the video keeps the name.
        var settled = entry
        settled.task.state = .failed
        try catalog.saveNow(settled)
        let removed = try catalog.removeModel(name: Self.model("wan-2"), provider: "gate")
        #expect(removed.name.rawValue == "wan-2")
        #expect(try catalog.models(provider: "gate").allSatisfy { $0.provider == nil })
        #expect(try catalog.tasks().first.map { try catalog.journalEntry(taskId: $0.id!) }?.video?.model == "wan-2")
        // A kind-wide row that is not the default can go.
        try catalog.removeModel(name: Self.model("veo3.1-pro"), kind: .grsai)
        #expect(try catalog.models(kind: .grsai).map(\.name.rawValue) == ["sora-2", "veo3.1-fast"])
        _ = home
    }

    @Test(arguments: TestEngine.all) func showNeedsAKindWhenANameIsOnSeveral(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        #expect(throws: CatalogError("model 'sora-2' is on grsai, acedata, openai: choose one with --kind KIND or --provider NAME")) {
            try catalog.model(named: Self.model("sora-2"))
        }
        #expect(try catalog.model(named: Self.model("sora-2"), kind: .acedata).service == "sora")
        #expect(try catalog.model(named: Self.model("sora-2"), provider: "sim").providerKind == .grsai)
        #expect(try catalog.model(named: Self.model("veo3.1-pro")).price.amount == Decimal(string: "1.2"))
        #expect(throws: CatalogError("unknown model 'veo3.1-prp': did you mean veo3.1-pro?")) {
            try catalog.model(named: Self.model("veo3.1-prp"))
        }
    }

    @Test func aCatalogueFromMigration0004GetsThePresetsAndKeepsItsRows() throws {
        let home = TemporaryHome()
        try home.home.create()
        do {
            let queue = try DatabaseQueue(path: home.home.catalogPath)
            try Catalog.migrate(queue, upTo: "0004_pid_conflicts")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO provider (name, kind, baseURL) VALUES ('gate', 'openai', 'https://gate.example.com')")
                try db.execute(sql: """
                    INSERT INTO video (pid, providerName, origin, prompt, model, status, createdAt, updatedAt)
                    VALUES ('s_0a01', 'gate', 'registered', 'a cat', 'sora-2-pro', 'succeeded', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z')
                    """)
            }
        }
        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations() == Catalog.knownMigrations)
        #expect(try catalog.models().count == 10)
        #expect(try catalog.video(pid: .test("s_0a01")).model == "sora-2-pro")
        #expect(try catalog.resolveModel(Self.model("sora-2-pro"), for: catalog.provider(named: "gate")).price.per == .second)
        #expect(try catalog.integrityCheck() == "ok")
    }

    @Test func theLineageShowsTheModelThatMadeEachVideo() throws {
        let (home, catalog) = try Self.catalogWithGate()
        var video = Video(pid: try Pid("s_ab1"), providerName: "gate", origin: .generated, status: .succeeded, prompt: "a cat")
        video.model = "wan-2"
        _ = try catalog.journalNow(TaskEntry(providerName: "gate", kind: .generate, request: "{}"), producing: .video(video, features: []))
        let graph = try catalog.lineage(of: .video(.test("s_ab1")))
        #expect(graph.nodes.first?.model == "wan-2")
        #expect(graph.treeText() == "s_ab1 “a cat” · wan-2  ◀")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(graph.jsonText().utf8)) as? [String: Any])
        #expect((object["nodes"] as? [[String: Any]])?.first?["model"] as? String == "wan-2")
        _ = home
    }
}
