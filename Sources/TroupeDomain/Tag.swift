/// A tag on a video or a character: 1–40 letters, digits, `-`, `_` or `.`, kept in lower case.
public struct Tag: ValidatedName, Comparable {
    public let rawValue: String

    public init(_ text: String) throws(DomainError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40, bytes.allSatisfy(NameRules.isNameByte) else {
            throw DomainError("invalid tag '\(text)': use 1–40 letters, digits, '-', '_' or '.'")
        }
        rawValue = text.lowercased()
    }

    public static func < (a: Tag, b: Tag) -> Bool { a.rawValue < b.rawValue }
}
