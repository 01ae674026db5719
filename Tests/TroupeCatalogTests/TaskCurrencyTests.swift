import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

/// Each paid call keeps the currency of its cost, and costs are summed per currency, never across.
@Suite struct TaskCurrencyTests {
    func sentTask(_ catalog: Catalog, provider: String, cost: Double, currency: String?) throws {
        try catalog.writer.write { db in
            var task = TaskEntry(providerName: provider, kind: .generate, request: "{}")
            task.state = .succeeded
            task.attempts = 1
            task.cost = cost
            task.currency = currency
            try db.insert(&task)
        }
    }

    @Test(arguments: TestEngine.all) func aUSDModelOnACNYProviderIsNeverAddedIntoItsCNY(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        for _ in 0..<3 { try sentTask(catalog, provider: "grsai", cost: 0.08, currency: "CNY") }
        try sentTask(catalog, provider: "grsai", cost: 0.60, currency: "USD")
        // A row journaled before the column existed falls back to the provider kind's currency.
        try sentTask(catalog, provider: "grsai", cost: 0.08, currency: nil)

        let lines = try catalog.costs()
        #expect(lines.map(\.provider) == ["grsai", "grsai"])
        #expect(lines.map(\.currency) == ["CNY", "USD"])
        #expect(lines[0].calls == 4 && lines[0].charged == Decimal(string: "0.32")!)
        #expect(lines[1].calls == 1 && lines[1].charged == Decimal(string: "0.6")!)
        #expect(CostLine.totals(lines).map(\.currency) == ["CNY", "USD"])
    }

    @Test(arguments: TestEngine.all) func taskJSONCarriesTheCurrencyAndTheModel(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try sentTask(catalog, provider: "grsai", cost: 0.6, currency: "USD")
        let task = try #require(try catalog.tasks().first)
        #expect(task.currency == "USD")
        let json = String(decoding: try JSONEncoder().encode(TaskReport(task, model: "veo3.1-fast-1080p")), as: UTF8.self)
        #expect(json.contains(#""currency":"USD""#) && json.contains(#""model":"veo3.1-fast-1080p""#) && json.contains(#""cost":0.6"#))
        let character = String(decoding: try JSONEncoder().encode(TaskReport(task)), as: UTF8.self)
        #expect(character.contains(#""model":null"#))
    }

    @Test func oldJournalRowsGetTheirProviderKindsCurrency() throws {
        let home = TemporaryHome()
        try home.writeCatalogFromMigration0001()
        let catalog = try home.catalog()
        #expect(try catalog.tasks().map(\.currency) == ["CNY"])
        #expect(try catalog.costs().map(\.currency) == ["CNY"])
    }
}
