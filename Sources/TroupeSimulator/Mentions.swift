import Foundation

/// Finds `@id` mentions in a prompt the way the providers read them.
enum Mentions {
    private static func isIDCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }

    /// The mentioned ids. `@@` is a literal `@`; an `@` after a letter or digit (an e-mail
    /// address) is not a mention; a trailing `.` or `-` is dropped unless `isKnown` accepts it.
    static func find(in prompt: String, isKnown: (String) -> Bool) -> [String] {
        let chars = Array(prompt)
        var out: [String] = []
        var index = 0
        while index < chars.count {
            guard chars[index] == "@" else { index += 1; continue }
            if index + 1 < chars.count, chars[index + 1] == "@" { index += 2; continue }
            if index > 0, chars[index - 1].isLetter || chars[index - 1].isNumber { index += 1; continue }
            var end = index + 1
            while end < chars.count, isIDCharacter(chars[end]) { end += 1 }
            var name = String(chars[(index + 1)..<end])
            while let last = name.last, last == "." || last == "-", !isKnown(name) { name.removeLast() }
            if !name.isEmpty { out.append(name) }
            index = end
        }
        return out
    }
}

/// A clip range given as `"start,end"` seconds, at most 3 s long.
enum Clip {
    static let maximumLength = 3.0

    /// The range, or a one-line reason it is not acceptable.
    static func parse(_ text: String) -> Result<[Double], ClipError> {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, let start = Double(pieces[0]), let end = Double(pieces[1]) else {
            return .failure(ClipError(message: "timestamps must be \"start,end\" in seconds, got \"\(text)\""))
        }
        return check(start, end)
    }

    static func check(_ start: Double, _ end: Double) -> Result<[Double], ClipError> {
        guard start >= 0, end > start else {
            return .failure(ClipError(message: "clip end must be after start (got \(start)…\(end))"))
        }
        guard end - start <= maximumLength + 1e-9 else {
            return .failure(ClipError(message: "clip must be at most 3 seconds long (got \(end - start) s)"))
        }
        return .success([start, end])
    }
}

struct ClipError: Error {
    var message: String
}

