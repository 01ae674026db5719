import TroupeDomain
/// Line, column and caret arithmetic over UTF-8 byte offsets, for error messages.
struct SourceText {
    let bytes: [UInt8]

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// The text of a byte range, clamped to the source.
    func slice(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<bytes.count)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }

    /// `line:column: message`, the source line, and a caret line under `range`.
    func annotate(_ range: Range<Int>, message: String) -> String {
        let start = min(max(range.lowerBound, 0), bytes.count)
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var visibleEnd = lineEnd
        if visibleEnd > lineStart, bytes[visibleEnd - 1] == 0x0D { visibleEnd -= 1 }
        let lineNumber = 1 + bytes[0..<lineStart].lazy.filter { $0 == 0x0A }.count
        let before = String(decoding: bytes[lineStart..<start], as: UTF8.self)
        let markedEnd = min(max(range.upperBound, start), max(visibleEnd, start))
        let marked = String(decoding: bytes[start..<markedEnd], as: UTF8.self)
        // The line is shown with its control characters escaped (it is printed on a terminal),
        // and the caret measured on what is shown.
        let line = TerminalText.escaped(String(decoding: bytes[lineStart..<visibleEnd], as: UTF8.self))

        var padding = ""
        for character in TerminalText.escaped(before) {
            padding.append(String(repeating: " ", count: Self.width(of: character)))
        }
        let markedWidth = TerminalText.escaped(marked).reduce(0) { $0 + Self.width(of: $1) }
        let caret = "^" + String(repeating: "~", count: max(markedWidth - 1, 0))
        let column = before.count + 1
        return "\(lineNumber):\(column): \(message)\n    \(line)\n    \(padding)\(caret)"
    }

    /// Terminal columns a character takes: 2 for East Asian wide and emoji, 0 for marks.
    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if (0x0300...0x036F).contains(value) || (0x200B...0x200F).contains(value) { return 0 }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(value) } ? 2 : 1
    }
}
