import Foundation
import TroupeDomain

/// Which videos to list: every filter given must hold; newest first, a page at a time.
public struct VideoQuery: Sendable, Equatable {
    /// Words the prompt (as written or compiled) or the notes must all contain (see `searchPattern`).
    public var search: String?
    /// A character the video features.
    public var character: Handle?
    public var status: VideoStatus?
    public var provider: String?
    public var model: String?
    /// Made at or after this time.
    public var since: Date?
    public var tag: Tag?
    /// At most this many videos (nil: all of them).
    public var limit: Int?
    /// How many matching videos to skip first.
    public var offset: Int

    public init(search: String? = nil, character: Handle? = nil, status: VideoStatus? = nil, provider: String? = nil,
                model: String? = nil, since: Date? = nil, tag: Tag? = nil, limit: Int? = nil, offset: Int = 0) {
        self.search = search
        self.character = character
        self.status = status
        self.provider = provider
        self.model = model
        self.since = since
        self.tag = tag
        self.limit = limit
        self.offset = offset
    }

    /// An FTS5 query that takes `text` as plain words, never as FTS5 syntax: each word is quoted
    /// (so `-`, `:`, `*`, `NEAR`, `AND` and quotes inside are only text) and all must match.
    /// Text between double quotes is one phrase (`"red car"`), and a `*` ending a word outside
    /// quotes matches the words it begins (`skate*`). Words with no letter or digit are dropped.
    /// Throws when nothing is left to search for.
    public static func searchPattern(_ text: String) throws -> String {
        try searchTerms(text).map { term in
            "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (term.prefix ? "*" : "")
        }.joined(separator: " ")
    }

    /// One thing a search must find: a word or a quoted phrase, or (`prefix`) the start of words.
    struct SearchTerm: Equatable {
        var text: String
        var prefix: Bool
    }

    /// The words and phrases of a search, as `searchPattern` reads them.
    static func searchTerms(_ text: String) throws -> [SearchTerm] {
        var terms: [SearchTerm] = []
        var current = ""
        var inQuotes = false
        func finish() {
            var word = current
            current = ""
            var prefix = false
            if !inQuotes, word.hasSuffix("*") {
                while word.hasSuffix("*") { word.removeLast() }
                prefix = true
            }
            guard word.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) else { return }
            terms.append(SearchTerm(text: word, prefix: prefix))
        }
        for character in text {
            if character == "\"" {
                finish()
                inQuotes.toggle()
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                // A NUL would end the FTS5 query text early: control characters only separate words.
                finish()
            } else if !inQuotes, character.isWhitespace {
                finish()
            } else {
                current.append(character)
            }
        }
        finish()
        guard !terms.isEmpty else {
            throw CatalogError("nothing to search for in '\(text)': give words (a phrase in double quotes, `skate*` for words starting so)")
        }
        return terms
    }

    /// A date for `since`: `YYYY-MM-DD` (midnight UTC) or an ISO 8601 time with its zone
    /// (`2026-11-30T18:00:00Z`, `2026-11-30T18:00:00.250+01:00`).
    public static func date(parsing text: String) throws(DomainError) -> Date {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(text) {
            return date
        }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw DomainError("invalid date '\(text)': give YYYY-MM-DD or an ISO 8601 time such as 2026-11-30T18:00:00Z")
    }
}

/// One page of the videos a `VideoQuery` matches, and how many match in all.
public struct VideoPage: Sendable, Equatable {
    public var videos: [Video]
    /// How many videos match, on every page together.
    public var total: Int
    /// How many matching videos come before this page.
    public var offset: Int

    /// Whether matching videos were left off this page (before or after it).
    public var isPartial: Bool { offset > 0 || offset + videos.count < total }
}
