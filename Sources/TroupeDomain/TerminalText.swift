/// Text from providers and users made safe to print (pure: the CLI, the catalogue's renderings
/// and prompt error messages use it): nothing in it can drive the terminal
/// (move the cursor, recolour, retitle the window, rewrite a line, reorder what follows).
public enum TerminalText {
    /// `text` with every control character shown as an escape, everything else kept: `\n`, `\r`,
    /// `\t`, `\e` (ESC), `\xHH` for the other C0 controls and DEL, `\u{HHHH}` for C1 controls,
    /// Unicode bidi embeddings, overrides, isolates and marks, and the line and paragraph
    /// separators. A backslash is kept as it is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// Each line of `text` escaped and the line breaks between them kept: for text troupe lays out
    /// in lines itself (a request preview, a usage message).
    public static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    /// Whether `scalar` is shown as an escape.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Arabic letter mark, left-to-right and right-to-left marks.
        case 0x061C, 0x200E, 0x200F: true
        // Line and paragraph separators; bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO).
        case 0x2028...0x202E: true
        // Bidi isolates (LRI, RLI, FSI, PDI).
        case 0x2066...0x2069: true
        default: false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x1B: return "\\e"
        case 0x00...0x1F, 0x7F: return "\\x" + hex(scalar.value, digits: 2)
        default: return "\\u{" + hex(scalar.value, digits: 4) + "}"
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
