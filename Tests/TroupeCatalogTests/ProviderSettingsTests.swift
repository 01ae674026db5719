import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct ProviderSettingsTests {
    @Test(arguments: TestEngine.all) func baseURLsAreStoredInOneFormWithOrWithoutATrailingV1(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        // The README's own example: an OpenAI-style gate given with its /v1.
        let gate = try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com/v1", keyEnv: "GATE_KEY")
        #expect(gate.baseURL == "https://gate.example.com")
        try catalog.addProvider(name: "gate2", kind: .openai, baseURL: " https://gate.example.com/proxy/V1/ ", keyEnv: nil)
        #expect(try catalog.provider(named: "gate2").baseURL == "https://gate.example.com/proxy")
        // GrsAI's paths begin with /v1 too; AceData's do not, so its /v1 (if any) is its own.
        try catalog.addProvider(name: "grs", kind: .grsai, baseURL: "https://grsaiapi.com/v1/", keyEnv: nil)
        #expect(try catalog.provider(named: "grs").baseURL == "https://grsaiapi.com")
        try catalog.addProvider(name: "ace", kind: .acedata, baseURL: "https://api.acedata.cloud/", keyEnv: nil)
        #expect(try catalog.provider(named: "ace").baseURL == "https://api.acedata.cloud")
        #expect(Provider.normalizedBaseURL("https://x.example/v1", kind: .acedata) == "https://x.example/v1")
        // A row stored before normalisation is used in the normalised form.
        let old = Provider(name: "old", kind: .openai, baseURL: "https://gate.example.com/v1/", keyEnv: nil)
        #expect(old.requestBaseURL == "https://gate.example.com")
        #expect(throws: CatalogError("invalid base URL 'https://gate.example.com/v1?key=1': give only scheme, host, port and path (no query, fragment or credentials), e.g. https://gate.example.com/v1")) {
            try catalog.addProvider(name: "q", kind: .openai, baseURL: "https://gate.example.com/v1?key=1", keyEnv: nil)
        }
    }

    @Test(arguments: TestEngine.all) func aProviderCanBeEditedAndIsCheckedAsWhenAdded(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com", keyEnv: "GATE_KEY")
        var gate = try catalog.updateProvider(named: "gate", baseURL: "http://127.0.0.1:9000/v1/")
        #expect(gate == Provider(name: "gate", kind: .openai, baseURL: "http://127.0.0.1:9000", keyEnv: "GATE_KEY"))
        gate = try catalog.updateProvider(named: "gate", key: .variable("OTHER_KEY"))
        #expect(gate.keyEnv == "OTHER_KEY" && gate.baseURL == "http://127.0.0.1:9000")
        gate = try catalog.updateProvider(named: "gate", key: .noKey)
        #expect(try catalog.provider(named: "gate").keyEnv == nil)

        #expect(throws: CatalogError("invalid base URL 'ftp://gate.example.com': use an http:// or https:// URL, e.g. https://grsaiapi.com")) {
            try catalog.updateProvider(named: "gate", baseURL: "ftp://gate.example.com")
        }
        // A key pasted where its variable's name belongs is refused and not repeated.
        do {
            try catalog.updateProvider(named: "gate", key: .variable("sk-live-abc123"))
            Issue.record("a key was accepted as a variable name")
        } catch let error as CatalogError {
            #expect(error.message.hasPrefix("invalid key variable") && !error.message.contains("sk-live-abc123"))
        }
        #expect(throws: CatalogError("unknown provider 'nope': known providers are acedata, gate, grsai, grsai-cn, sim")) {
            try catalog.updateProvider(named: "nope", baseURL: "https://x.example")
        }
        #expect(try catalog.provider(named: "gate") == Provider(name: "gate", kind: .openai, baseURL: "http://127.0.0.1:9000", keyEnv: nil),
                "nothing refused changed it")
    }
}

@Suite struct CostsTests {
    /// A sent task of `provider` costing `cost`.
    func sentTask(_ catalog: Catalog, provider: String, cost: Double, refunded: Bool = false) throws {
        try catalog.writer.write { db in
            var task = TaskEntry(providerName: provider, kind: .generate, request: "{}")
            task.state = .succeeded
            task.attempts = 1
            task.cost = cost
            task.refunded = refunded
            try db.insert(&task)
        }
    }

    @Test(arguments: TestEngine.all) func costsArePerCurrencyAndRoundedToItsMinorUnit(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        // 0.08 CNY a GrsAI video: 33 of them sum to 2.590000000000001 in floating point.
        for _ in 0..<33 { try sentTask(catalog, provider: "grsai", cost: 0.08) }
        try sentTask(catalog, provider: "grsai", cost: 0.08, refunded: true)
        try catalog.addProvider(name: "gate", kind: .openai, baseURL: "https://gate.example.com", keyEnv: nil)
        for _ in 0..<3 { try sentTask(catalog, provider: "gate", cost: 0.1 * 4) }
        try sentTask(catalog, provider: "acedata", cost: 0.15)

        let lines = try catalog.costs()
        #expect(lines.map(\.provider) == ["acedata", "gate", "grsai"])
        #expect(lines.map(\.currency) == ["USD", "USD", "CNY"])
        let grsai = try #require(lines.last)
        #expect(grsai.calls == 34 && grsai.charged == Decimal(string: "2.72")! && grsai.refunded == Decimal(string: "0.08")!)
        #expect(grsai.net == Decimal(string: "2.64")!)
        #expect(lines[1].charged == Decimal(string: "1.2")!)

        let totals = CostLine.totals(lines)
        #expect(totals == [
            CostTotal(currency: "CNY", calls: 34, charged: Decimal(string: "2.72")!, refunded: Decimal(string: "0.08")!),
            CostTotal(currency: "USD", calls: 4, charged: Decimal(string: "1.35")!, refunded: 0),
        ], "CNY is never added to USD")

        // JSON carries the currency and the amounts as the rounded decimals.
        let json = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        #expect(json.contains(#""charged":2.72"#) && json.contains(#""currency":"CNY""#) && json.contains(#""net":2.64"#))
        #expect(!json.contains("0000000"))
    }

    @Test func amountsAreWrittenWithTheirCurrencysDigits() {
        #expect(Currency.text(Decimal(string: "2.5")!, "USD") == "2.50")
        #expect(Currency.text(0, "CNY") == "0.00")
        #expect(Currency.text(Decimal(string: "1234.5")!, "JPY") == "1235")
        #expect(Currency.rounded(2.590000000000001, "CNY") == Decimal(string: "2.59")!)
        #expect(Currency.rounded(0.1 + 0.2, "XYZ") == Decimal(string: "0.3")!, "unknown currencies have two digits")
        #expect(ProviderKind.grsai.currency == "CNY" && ProviderKind.openai.currency == "USD" && ProviderKind.acedata.currency == "USD")
    }
}
