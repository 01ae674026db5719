import Foundation
import TroupeDomain

/// What a paid call costs: a video's price comes from its model's row, a character's per kind.
///
/// GrsAI: 0.01 a character (its published price, in its credit unit, quoted in CNY); AceData and
/// OpenAI-style characters are free. Refunds on failure are the caller's business.
public struct PriceTable: Sendable {
    /// A price in one currency.
    public struct Price: Sendable, Equatable {
        public var amount: Decimal
        public var currency: String

        public init(amount: Decimal, currency: String) {
            self.amount = amount
            self.currency = currency
        }
    }

    public init() {}

    /// The price of one generation or remix on `model`, in the model's currency.
    public func video(_ model: ModelSpec, duration: Int, size: VideoSize?) -> Price {
        Price(amount: model.price.total(duration: duration, size: size), currency: model.currency)
    }

    /// The price of making one character.
    public func character(kind: ProviderKind) -> Price {
        switch kind {
        case .grsai: Price(amount: Decimal(string: "0.01")!, currency: kind.currency)
        case .acedata, .openai: Price(amount: 0, currency: kind.currency)
        }
    }
}
