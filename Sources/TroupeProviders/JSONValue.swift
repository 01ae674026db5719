import Foundation
import TroupeDomain

/// A decoded JSON document, read tolerantly: lookups never fail, they return `nil`.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `data`; malformed JSON (or a document nested too deeply) throws `.malformed`.
    public static func parse(_ data: Data) throws(ProviderError) -> JSONValue {
        guard let value = JSONParser.parse(data) else {
            throw .malformed("the body is not valid JSON (\(data.count) bytes)")
        }
        return value
    }

    /// The member `key` of an object, else `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, else `nil`.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    /// A string, or a number written as text (`10`, not `10.0`).
    public var text: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return PlainNumber.text(value)
        case .bool(let value): return value ? "true" : "false"
        default: return nil
        }
    }

    /// A non-empty string (after trimming whitespace), else `nil`.
    public var nonEmptyText: String? {
        guard let value = text?.trimmedWhitespace, !value.isEmpty else { return nil }
        return value
    }

    /// A number, or a string holding one.
    public var number: Double? {
        switch self {
        case .number(let value): return value.isFinite ? value : nil
        case .string(let value):
            guard let parsed = Double(value.trimmingCharacters(in: .whitespaces)), parsed.isFinite else { return nil }
            return parsed
        default: return nil
        }
    }

    /// An integer (a whole number, or a string holding one), within ±2⁵³.
    public var integer: Int? {
        guard let value = number, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// A boolean, or `"true"`/`"false"`, or 1/0.
    public var boolean: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let value):
            switch value.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .number(let value): return value == 1 ? true : value == 0 ? false : nil
        default: return nil
        }
    }

    /// The elements of an array; a lone non-null value counts as an array of one.
    public var elements: [JSONValue] {
        switch self {
        case .array(let items): return items
        case .null: return []
        default: return [self]
        }
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// Serializes with sorted keys (used by tests and the fuzzer).
    public var serialized: Data {
        WireJSON(self).serialized()
    }
}

extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines; the string itself (no copy) when it
    /// has none, as almost every value in a provider's answer.
    var trimmedWhitespace: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        // Bytes ≥ 0x80 may start or end Unicode whitespace (no-break space…): leave those to Foundation.
        if !isASCIISpace(first), !isASCIISpace(last), first < 0x80, last < 0x80 { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
