/// A provider's video id: GrsAI/Sora pids are `s_` followed by hex digits; OpenAI-style
/// providers use `video_` followed by letters and digits.
public struct Pid: ValidatedName, Comparable {
    public let rawValue: String

    public init(_ text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        let valid: Bool
        if text.hasPrefix("s_") {
            valid = bytes.count > 2 && bytes.count <= 130 && bytes.dropFirst(2).allSatisfy(NameRules.isHex)
        } else if text.hasPrefix("video_") {
            valid = bytes.count > 6 && bytes.count <= 134 && bytes.dropFirst(6).allSatisfy(NameRules.isAlphanumeric)
        } else {
            valid = false
        }
        guard valid else {
            throw DomainError("invalid pid '\(text)': expected 's_' followed by hex digits (e.g. s_68f1a2b3) or 'video_' followed by letters and digits")
        }
        rawValue = text
    }

    public static func < (a: Pid, b: Pid) -> Bool { a.rawValue < b.rawValue }
}

/// A provider's character id, e.g. `cartoon_cat_001` or `character.name`:
/// letters, digits, `_`, `-` and `.`, at most 128 characters.
public struct CharacterID: ValidatedName {
    public let rawValue: String

    public init(_ text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 128, bytes.allSatisfy(NameRules.isNameByte) else {
            throw DomainError("invalid character id '\(text)': use 1–128 letters, digits, '_', '-' or '.'")
        }
        rawValue = text
    }

}

/// A character's local name, written `@handle` in prompts: letters, digits, `_`, `-` and `.`,
/// starting with a letter, digit or `_` and not ending with `.` or `-` (so `@hero.` at the end of
/// a sentence reads as `@hero`), at most 64 characters.
public struct Handle: ValidatedName, Comparable {
    public let rawValue: String

    public init(_ text: String) throws(DomainError) {
        var name = text
        if name.hasPrefix("@") { name.removeFirst() }
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 64,
              bytes.allSatisfy(NameRules.isNameByte),
              NameRules.isAlphanumeric(first) || first == UInt8(ascii: "_"),
              last != UInt8(ascii: "."), last != UInt8(ascii: "-")
        else {
            throw DomainError("invalid handle '\(text)': use 1–64 letters, digits, '_', '-' or '.', starting with a letter, digit or '_' and not ending with '.' or '-'")
        }
        rawValue = name
    }

    public static func < (a: Handle, b: Handle) -> Bool { a.rawValue < b.rawValue }
}

/// A string that passed validation when it was made; it encodes as the bare string and decoding
/// validates it again.
public protocol ValidatedName: Hashable, Sendable, Codable, CustomStringConvertible {
    var rawValue: String { get }
    init(_ text: String) throws(DomainError)
}

extension ValidatedName {
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
