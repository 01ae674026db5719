import Foundation
import TroupeDomain

/// What a paid call costs, per provider kind.
///
/// GrsAI: 0.08 a video (any duration), 0.01 a character (its published prices, in its credit
/// unit, quoted in CNY). AceData: chosen figures, 0.15 a sora-2 video, 0.60 a sora-2-pro video,
/// 1.00 for 25 s (USD). OpenAI-style: the official per-second rates, 0.10/s sora-2,
/// 0.30/s sora-2-pro at 720p and 0.50/s at 1024p (USD); characters free. Refunds on failure
/// are the caller's business.
public struct PriceTable: Sendable {
    /// A price in one currency.
    public struct Price: Sendable, Equatable {
        public var amount: Decimal
        public var currency: String
    }

    public init() {}

    /// The price of one generation or remix.
    public func video(kind: ProviderKind, model: VideoModel, duration: Int, size: VideoSize) -> Price {
        switch kind {
        case .grsai:
            return Price(amount: Decimal(string: "0.08")!, currency: kind.currency)
        case .acedata:
            let amount: String = switch (model.rawValue, duration) {
            case ("sora-2-pro", 25...): "1.00"
            case ("sora-2-pro", _): "0.60"
            default: "0.15"
            }
            return Price(amount: Decimal(string: amount)!, currency: kind.currency)
        case .openai:
            let perSecond: String = switch (model.rawValue, size) {
            case ("sora-2-pro", .large): "0.50"
            case ("sora-2-pro", _): "0.30"
            default: "0.10"
            }
            return Price(amount: Decimal(string: perSecond)! * Decimal(duration), currency: kind.currency)
        }
    }

    /// The price of making one character.
    public func character(kind: ProviderKind) -> Price {
        switch kind {
        case .grsai: Price(amount: Decimal(string: "0.01")!, currency: kind.currency)
        case .acedata, .openai: Price(amount: 0, currency: kind.currency)
        }
    }
}
