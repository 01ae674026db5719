import Foundation

/// What all lines in one currency add up to.
public struct CostTotal: Sendable, Equatable, Encodable {
    public var currency: String
    public var calls: Int
    public var charged: Decimal
    public var refunded: Decimal
    public var net: Decimal { charged - refunded }

    enum CodingKeys: String, CodingKey { case currency, calls, charged, refunded, net }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(currency, forKey: .currency)
        try c.encode(calls, forKey: .calls)
        try c.encode(charged, forKey: .charged)
        try c.encode(refunded, forKey: .refunded)
        try c.encode(net, forKey: .net)
    }
}
