import Testing
@testable import TroupeDomain

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1b}[31mred\u{1b}[0m", #"\e[31mred\e[0m"#),
        ("title \u{1b}]0;owned\u{07}", #"title \e]0;owned\x07"#),
        ("two\nlines\r\n\ttab", #"two\nlines\r\n\ttab"#),
        ("nul \u{0} del \u{7f} bs \u{8}", #"nul \x00 del \x7f bs \x08"#),
        ("csi \u{9b}2J nel \u{85}", #"csi \u{009b}2J nel \u{0085}"#),
        ("bidi \u{202e}desrever\u{202c} \u{2066}iso\u{2069} \u{200f}mark", #"bidi \u{202e}desrever\u{202c} \u{2066}iso\u{2069} \u{200f}mark"#),
        ("line \u{2028} paragraph \u{2029}", #"line \u{2028} paragraph \u{2029}"#),
    ])
    func controlsAreShownAsEscapes(raw: String, shown: String) {
        #expect(TerminalText.escaped(raw) == shown)
        #expect(!TerminalText.escaped(raw).unicodeScalars.contains(where: TerminalText.needsEscape))
    }

    @Test func everythingElseIsKeptAsItIs() {
        for text in ["", "a cat on a skateboard", #"C:\path\e"#, "镜头 🎬 👩‍👩‍👧 e\u{301} \u{3000}", "@hero argues with @villain in {{place}}"] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func escapedLinesKeepsTheLineBreaksOnly() {
        #expect(TerminalText.escapedLines("POST /v1\n{\"a\":\"\u{1b}[2J\"}\n") == "POST /v1\n{\"a\":\"\\e[2J\"}\n")
    }

    @Test func everyControlScalarIsEscaped() {
        for value in Array(0x00...0x1F) + Array(0x7F...0x9F) + [0x061C, 0x200E, 0x200F] + Array(0x2028...0x202E) + Array(0x2066...0x2069) {
            let scalar = Unicode.Scalar(UInt32(value))!
            let shown = TerminalText.escaped("a" + String(Character(scalar)) + "b")
            #expect(shown.hasPrefix("a\\") && shown.hasSuffix("b") && shown.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F },
                    "U+\(String(value, radix: 16)) shown as \(shown.debugDescription)")
        }
    }
}
