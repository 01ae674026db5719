import ArgumentParser
import TroupeDomain

/// Printing provider- and user-supplied text: control characters are shown, never interpreted.
extension Output {
    /// `text` with its control characters escaped (`\e`, `\n`, `\x07`, `\u{202e}`…).
    static func escaped(_ text: String) -> String {
        TerminalText.escaped(text)
    }

    /// Each line of multi-line text troupe lays out itself escaped, its line breaks kept.
    static func escapedLines(_ text: String) -> String {
        TerminalText.escapedLines(text)
    }

    /// What a failed command prints on stderr, control characters escaped: `Error: …` (one line)
    /// for a failure of troupe's own, ArgumentParser's message and usage for a usage error. Nil
    /// when ArgumentParser prints the error itself: help and version (on stdout) and bare exit
    /// codes (nothing).
    static func errorLine(_ error: any Error) -> String? {
        guard Troupe.exitCode(for: error) != .success else { return nil }
        if isArgumentParserError(error) {
            let message = Troupe.fullMessage(for: error)
            return message.isEmpty ? nil : TerminalText.escapedLines(message)
        }
        return "Error: " + TerminalText.escaped(Troupe.message(for: error))
    }

    /// Errors ArgumentParser makes or formats itself (with the usage for parse and validation
    /// errors); they may echo the arguments as typed.
    private static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
