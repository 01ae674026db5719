import Foundation

/// What `video export` wrote: one entry per video, saved as `manifest.json` and `manifest.csv`.
public struct ExportManifest: Sendable, Equatable {
    /// One exported video (`file` is empty when it has no file in the vault).
    public struct Entry: Encodable, Sendable, Equatable {
        public var file: String
        public var pid: String?
        /// The local id (names a video without a pid: `video#12`).
        public var id: Int64
        public var prompt: String?
        public var compiledPrompt: String?
        public var model: String?
        public var provider: String?
        /// Handles of the characters it features, as `@handle`.
        public var characters: [String]
        public var parent: String?
        public var sha256: String?
        public var createdAt: String

        enum CodingKeys: String, CodingKey {
            case file, pid, id, prompt, compiledPrompt = "compiled_prompt", model, provider, characters, parent, sha256
            case createdAt = "created_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(pid, forKey: .pid)
            try container.encode(id, forKey: .id)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(compiledPrompt, forKey: .compiledPrompt)
            try container.encode(model, forKey: .model)
            try container.encode(provider, forKey: .provider)
            try container.encode(characters, forKey: .characters)
            try container.encode(parent, forKey: .parent)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(createdAt, forKey: .createdAt)
        }
    }

    public var entries: [Entry]

    /// The CSV's columns, in order.
    public static let csvHeader = ["file", "pid", "prompt", "compiled_prompt", "model", "provider", "characters", "parent", "sha256", "created_at"]

    /// `manifest.json`: the entries as an array, keys sorted (absent values are `null`).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entries) + Data("\n".utf8)
    }

    /// `manifest.csv` (RFC 4180, CRLF line ends); characters are space-separated handles without `@`.
    public func csv() -> String {
        var lines = [Self.csvHeader.map(Self.csvField).joined(separator: ",")]
        for entry in entries {
            let fields = [entry.file, entry.pid ?? "", entry.prompt ?? "", entry.compiledPrompt ?? "", entry.model ?? "",
                          entry.provider ?? "", entry.characters.map { String($0.drop { $0 == "@" }) }.joined(separator: " "),
                          entry.parent ?? "", entry.sha256 ?? "", entry.createdAt]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV field, safe to open in a spreadsheet: text a spreadsheet would take for a formula
    /// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, and a
    /// field holding a comma, quote or line break is quoted, its quotes doubled.
    public static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A file name's slug of `prompt`: lower-case ASCII letters and digits joined by `-`
    /// (accents dropped, other characters as separators), at most `limit` characters, cut at a `-`
    /// when there is one.
    public static func slug(_ prompt: String, limit: Int = 40) -> String {
        let folded = prompt.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
            if slug.count > limit { break }
        }
        if slug.count > limit {
            let cut = String(slug.prefix(limit))
            slug = slug.dropFirst(limit).first == "-" ? cut : cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? cut
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.lowercased()
    }
}
