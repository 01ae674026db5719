import Foundation

extension ModelPrice {
    /// The highest price a row may hold, per video or per second: anything above is a typo.
    public static let limit: Decimal = 100_000

    /// The most decimal places a price may have.
    public static let decimalPlaces = 8

    /// Parses a price as written (`0.30`, `12`): digits with at most one `.` and up to 8 decimal
    /// places, read as an exact decimal, from 0 to `limit`.
    public static func amount(parsing text: String) throws(DomainError) -> Decimal {
        if text.hasPrefix("-") { throw DomainError("invalid price '\(text)': a price cannot be negative, give 0 or more such as 0.30") }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
        guard (1...2).contains(parts.count), digitsOnly,
              let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw DomainError("invalid price '\(text)': use a plain decimal number such as 0.30")
        }
        if parts.count == 2, parts[1].count > decimalPlaces {
            throw DomainError("invalid price '\(text)': use at most \(decimalPlaces) decimal places, such as 0.005")
        }
        guard parts[0].count <= 6, amount <= limit else {
            throw DomainError("invalid price '\(text)': the limit is \(Self.text(limit)) per video or second")
        }
        return amount
    }

    /// An amount as stored and shown: its exact decimal digits (`0.08`, `1.2`), never a binary float.
    public static func text(_ amount: Decimal) -> String {
        "\(amount)"
    }
}

extension PriceOverride {
    /// Parses `size=large:0.50`, `from=25:1.00` or both, in either order (`size=large+from=25:1.50`,
    /// `from=25+size=large:1.50`): the conditions, joined with `+`, then one price.
    public init(parsing text: String) throws(DomainError) {
        let usage = "use size=SIZE:PRICE, from=SECONDS:PRICE or both joined with + before one price (size=large+from=25:1.50)"
        guard let colon = text.lastIndex(of: ":") else { throw DomainError("invalid price override '\(text)': \(usage)") }
        let conditions = text[..<colon]
        if conditions.contains(":") {
            throw DomainError("invalid price override '\(text)': one --price-for takes one price, at the end: join the conditions with + before it (size=large+from=25:1.50), or give --price-for once per price")
        }
        let amount = try ModelPrice.amount(parsing: String(text[text.index(after: colon)...]))
        var size: VideoSize?
        var from: Int?
        for condition in conditions.split(separator: "+", omittingEmptySubsequences: false) {
            let pair = condition.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw DomainError("invalid price override '\(text)': \(usage)") }
            switch pair[0].lowercased() {
            case "size" where size == nil:
                size = try VideoSize(parsing: String(pair[1]))
            case "from" where from == nil:
                guard let seconds = Int(pair[1]), (1...600).contains(seconds) else {
                    throw DomainError("invalid price override '\(text)': from= takes whole seconds, 1–600, not '\(pair[1])'")
                }
                from = seconds
            default:
                throw DomainError("invalid price override '\(text)': \(usage)")
            }
        }
        self.init(size: size, minDuration: from, amount: amount)
    }

    /// The override as `init(parsing:)` reads it: `size=large:0.50`, `from=25:1.00`.
    public var text: String {
        let conditions = [size.map { "size=\($0.rawValue)" }, minDuration.map { "from=\($0)" }].compactMap { $0 }
        return conditions.joined(separator: "+") + ":" + ModelPrice.text(amount)
    }
}
