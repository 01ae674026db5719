import Foundation
import TroupeDomain

/// One line of `troupe costs`: one day, one provider, one currency.
public struct CostLine: Sendable, Equatable, Encodable {
    public var day: String
    public var provider: String
    /// ISO 4217 code of every amount on the line.
    public var currency: String
    public var calls: Int
    /// Rounded to the currency's minor unit.
    public var charged: Decimal
    public var refunded: Decimal
    public var net: Decimal { charged - refunded }

    /// Amounts are rounded to `currency`'s minor unit.
    public init(day: String, provider: String, currency: String, calls: Int, charged: Double, refunded: Double) {
        self.day = day
        self.provider = provider
        self.currency = currency
        self.calls = calls
        self.charged = Currency.rounded(charged, currency)
        self.refunded = Currency.rounded(refunded, currency)
    }

    enum CodingKeys: String, CodingKey { case day, provider, currency, calls, charged, refunded, net }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day, forKey: .day)
        try c.encode(provider, forKey: .provider)
        try c.encode(currency, forKey: .currency)
        try c.encode(calls, forKey: .calls)
        try c.encode(charged, forKey: .charged)
        try c.encode(refunded, forKey: .refunded)
        try c.encode(net, forKey: .net)
    }

    /// The lines' sums, one per currency (by code): amounts in different currencies are never
    /// added together.
    public static func totals(_ lines: [CostLine]) -> [CostTotal] {
        var totals: [String: CostTotal] = [:]
        for line in lines {
            var total = totals[line.currency] ?? CostTotal(currency: line.currency, calls: 0, charged: 0, refunded: 0)
            total.calls += line.calls
            total.charged += line.charged
            total.refunded += line.refunded
            totals[line.currency] = total
        }
        return totals.values.sorted { $0.currency < $1.currency }
    }
}
