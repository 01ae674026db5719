import Foundation

/// Amounts of money: each in its own currency, rounded to that currency's minor unit, and never
/// added across currencies.
public enum Currency {
    /// Digits after the decimal point, for the currencies whose minor unit is not a hundredth.
    static let minorUnitDigits: [String: Int] = ["JPY": 0, "KRW": 0, "VND": 0, "BHD": 3, "KWD": 3, "OMR": 3, "TND": 3]

    /// Digits after the decimal point in `code`'s minor unit (2 unless the table says otherwise).
    public static func digits(_ code: String) -> Int { minorUnitDigits[code.uppercased()] ?? 2 }

    /// `amount` rounded (half away from zero) to `code`'s minor unit, as an exact decimal: the
    /// sum of journaled costs 0.08 + … reads 2.59, not 2.590000000000001.
    public static func rounded(_ amount: Double, _ code: String) -> Decimal {
        var value = Decimal(amount)
        var result = Decimal()
        NSDecimalRound(&result, &value, digits(code), .plain)
        return result
    }

    /// `amount` with exactly `code`'s minor-unit digits, for tables (`2.50`).
    public static func text(_ amount: Decimal, _ code: String) -> String {
        let digits = digits(code)
        var value = amount
        var result = Decimal()
        NSDecimalRound(&result, &value, digits, .plain)
        let plain = "\(result)"
        guard digits > 0 else { return plain }
        let parts = plain.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return parts[0] + "." + fraction.padding(toLength: digits, withPad: "0", startingAt: 0)
    }
}

extension ProviderKind {
    /// The currency this kind's prices and charges are in: GrsAI quotes CNY, the others USD.
    public var currency: String {
        switch self {
        case .grsai: "CNY"
        case .acedata, .openai: "USD"
        }
    }
}

extension Currency {
    /// Whether `text` is written as an ISO 4217 code: three upper-case letters.
    public static func isCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
