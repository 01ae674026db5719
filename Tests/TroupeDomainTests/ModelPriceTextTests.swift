import Foundation
import Testing
import TroupeDomain

@Suite struct ModelPriceTextTests {
    @Test func pricesParseAsExactDecimals() throws {
        let price = try ModelPrice.amount(parsing: "0.30")
        #expect(price == Decimal(string: "0.3"))
        #expect(price + price + price == Decimal(string: "0.9"), "no binary float in the sum")
        #expect(ModelPrice.text(try ModelPrice.amount(parsing: "0.1")) == "0.1")
        #expect(try ModelPrice.amount(parsing: "12") == 12)
        for bad in ["", ".5", "5.", "1e3", "0,30", "1.2.3", "0x10", " 1"] {
            #expect(throws: DomainError("invalid price '\(bad)': use a plain decimal number such as 0.30")) {
                try ModelPrice.amount(parsing: bad)
            }
        }
    }

    @Test func overridesReadBackAsWritten() throws {
        let large = try PriceOverride(parsing: "size=large:0.50")
        #expect(large.size == .large && large.minDuration == nil && large.amount == Decimal(string: "0.5"))
        let long = try PriceOverride(parsing: "from=25:1.00")
        #expect(long.size == nil && long.minDuration == 25 && long.amount == 1)
        let both = try PriceOverride(parsing: "size=1080p+from=10:0.7")
        #expect(both.text == "size=1080p+from=10:0.7")
        #expect(try PriceOverride(parsing: both.text) == both)
        // The first override that matches replaces the price.
        let price = ModelPrice(Decimal(string: "0.6")!, overrides: [long, large])
        #expect(price.total(duration: 25, size: .large) == 1)
        #expect(price.total(duration: 10, size: .large) == Decimal(string: "0.5"))
        #expect(price.total(duration: 10, size: .small) == Decimal(string: "0.6"))
        for bad in ["large:0.5", "size=large", "size=large+size=small:1", "from=0:1", "colour=red:1", ":1"] {
            #expect(throws: DomainError.self) { try PriceOverride(parsing: bad) }
        }
    }
}
