import TroupeDomain

/// The byte-level parser behind `PromptTemplate`: one pass over UTF-8, no Character iteration.
struct PromptParser {
    static let at = UInt8(ascii: "@")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let dot = UInt8(ascii: ".")
    static let dash = UInt8(ascii: "-")

    let knownHandles: Set<String>
    let allowVariables: Bool
    private(set) var nodes: [PromptNode] = []
    private(set) var problems: [PromptProblem] = []
    private var textStart = 0

    init(knownHandles: Set<String>, allowVariables: Bool) {
        self.knownHandles = knownHandles
        self.allowVariables = allowVariables
    }

    /// A handle starts with a letter, a digit or `_`.
    static func isHandleStart(_ byte: UInt8) -> Bool {
        NameRules.isAlphanumeric(byte) || byte == UInt8(ascii: "_")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// Whether any of the eight bytes in `word` is `@`, `{` or `}` (SWAR zero-byte test).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let found = zeroByte(word ^ (0x40 &* ones)) | zeroByte(word ^ (0x7B &* ones)) | zeroByte(word ^ (0x7D &* ones))
        return found != 0
    }

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        nodes.reserveCapacity(16)
        let count = bytes.count
        var index = 0
        while index < count {
            // Skip eight bytes at a time while none of them is `@`, `{` or `}`.
            if let base = bytes.baseAddress {
                while index + 8 <= count, !Self.hasSpecialByte(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                if index >= count { break }
            }
            let byte = bytes[index]
            if byte == Self.at {
                index = atSign(bytes, index)
            } else if byte == Self.openBrace, allowVariables, index + 1 < count, bytes[index + 1] == Self.openBrace {
                index = openVariable(bytes, index)
            } else if byte == Self.closeBrace, allowVariables, index + 1 < count, bytes[index + 1] == Self.closeBrace {
                problems.append(
                    PromptProblem(
                        kind: .syntax,
                        message: "unbalanced braces: `}}` without an opening `{{`",
                        range: index..<(index + 2)))
                index += 2
            } else {
                index += 1
            }
        }
        flushText(upTo: count)
    }

    private mutating func flushText(upTo end: Int) {
        if end > textStart { nodes.append(.text(range: textStart..<end)) }
    }

    /// Handles an `@` at `index`; returns where to continue.
    private mutating func atSign(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let count = bytes.count
        if index + 1 < count, bytes[index + 1] == Self.at {
            flushText(upTo: index)
            nodes.append(.escapedAt(range: index..<(index + 2)))
            textStart = index + 2
            return index + 2
        }
        // An e-mail address: `name@example.com` is text.
        if index > 0, NameRules.isAlphanumeric(bytes[index - 1]) { return index + 1 }
        let start = index + 1
        guard start < count, Self.isHandleStart(bytes[start]) else { return index + 1 }
        var runEnd = start
        while runEnd < count, NameRules.isNameByte(bytes[runEnd]) { runEnd += 1 }
        let end = mentionEnd(bytes, start, runEnd)
        flushText(upTo: index)
        let handle = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        nodes.append(.mention(handle: handle, range: index..<end))
        textStart = end
        return end
    }

    /// The longest known handle among the run and its prefixes that stop before a `.` or `-`;
    /// with none known, the run without its trailing `.` and `-`.
    private func mentionEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ runEnd: Int) -> Int {
        var trimmed = runEnd
        while trimmed > start + 1, bytes[trimmed - 1] == Self.dot || bytes[trimmed - 1] == Self.dash {
            trimmed -= 1
        }
        if knownHandles.isEmpty { return trimmed }
        var end = runEnd
        while end > start {
            if end == runEnd || bytes[end] == Self.dot || bytes[end] == Self.dash {
                let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                if knownHandles.contains(candidate) { return end }
            }
            end -= 1
        }
        return trimmed
    }

    /// Handles `{{` at `index`; returns where to continue.
    private mutating func openVariable(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        let count = bytes.count
        // `{{{name}}}`: the outer brace is text.
        if index + 2 < count, bytes[index + 2] == Self.openBrace { return index + 1 }
        var scan = index + 2
        var close = -1
        while scan + 1 < count {
            let byte = bytes[scan]
            if byte == Self.closeBrace, bytes[scan + 1] == Self.closeBrace {
                close = scan
                break
            }
            if byte == Self.openBrace, bytes[scan + 1] == Self.openBrace { break }
            scan += 1
        }
        guard close >= 0 else {
            problems.append(
                PromptProblem(
                    kind: .syntax,
                    message: "unbalanced braces: `{{` is never closed with `}}`",
                    range: index..<(index + 2)))
            return index + 2
        }
        var nameStart = index + 2
        var nameEnd = close
        while nameStart < nameEnd, Self.isSpace(bytes[nameStart]) { nameStart += 1 }
        while nameEnd > nameStart, Self.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
        var valid = nameEnd > nameStart
        if valid {
            for position in nameStart..<nameEnd {
                let byte = bytes[position]
                if Self.isSpace(byte) || byte == Self.openBrace || byte == Self.closeBrace {
                    valid = false
                    break
                }
            }
        }
        let range = index..<(close + 2)
        guard valid else {
            problems.append(
                PromptProblem(
                    kind: .syntax,
                    message: "invalid variable name: write `{{name}}` with a name and no spaces inside",
                    range: range))
            return close + 2
        }
        flushText(upTo: index)
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
        nodes.append(.variable(name: name, range: range))
        textStart = close + 2
        return close + 2
    }
}
