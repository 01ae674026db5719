import Foundation

/// A piece of HTML: text interpolated into it is escaped unless it is `HTML` itself.
///
/// `let row: HTML = "<td>\(prompt)</td>"` escapes `prompt`; `"\(cells)"` with `cells: [HTML]`
/// joins them as they are. Attribute values are always written between double quotes, so the
/// same escaping (`&`, `<`, `>`, `"`, `'`) is safe in text and in attributes alike.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var text: String

    /// Markup taken as it is (never pass provider or user text here).
    init(raw text: String) { self.text = text }

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    var description: String { text }

    /// Nothing.
    static let empty = HTML(raw: "")

    /// `parts` one after the other.
    static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.text).joined(separator: separator.text))
    }

    mutating func append(_ other: HTML) { text += other.text }

    /// `text` with the five characters that mean something in HTML replaced by references.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` as one URL path segment (`video#12` → `video%2312`); the result still goes through
    /// escaping when interpolated.
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query string (`?a=1&b=2`) from the pairs whose value is not empty; `""` when none is.
    static func query(_ pairs: [(String, String?)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let items = pairs.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Escaped text.
        mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }

        /// Escaped text, or nothing for `nil`.
        mutating func appendInterpolation(_ value: String?) {
            if let value { text += HTML.escape(value) }
        }

        mutating func appendInterpolation(_ value: HTML) { text += value.text }

        mutating func appendInterpolation(_ value: HTML?) { if let value { text += value.text } }

        mutating func appendInterpolation(_ values: [HTML]) {
            for value in values { text += value.text }
        }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        mutating func appendInterpolation(_ value: Int64) { text += String(value) }

        /// A number for SVG geometry: at most one decimal.
        mutating func appendInterpolation(_ value: Double) {
            let rounded = (value * 10).rounded() / 10
            text += rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
    }
}
