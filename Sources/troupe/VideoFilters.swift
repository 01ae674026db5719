import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDomain

/// The filters `video list` and `video export` take (with the global `--provider`).
struct VideoFilters: ParsableArguments {
    @Option(help: ArgumentHelp("Only videos whose prompt (as written or compiled) or notes hold all these words; \"a phrase\" in double quotes, skate* for words starting so.", valueName: "text"))
    var search: String?
    @Option(help: ArgumentHelp("Only videos featuring this character.", valueName: "@handle"), transform: Handle.parse)
    var character: Handle?
    @Option(help: ArgumentHelp("Only videos in this status: \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "status"), transform: VideoFilters.parseStatus)
    var status: VideoStatus?
    @Option(help: ArgumentHelp("Only videos made with this model.", valueName: "model"))
    var model: String?
    @Option(help: ArgumentHelp("Only videos made on or after this day (YYYY-MM-DD, UTC) or time (ISO 8601).", valueName: "date"), transform: { try VideoQuery.date(parsing: $0) })
    var since: Date?
    @Option(help: ArgumentHelp("Only videos with this tag.", valueName: "tag"), transform: { try Tag($0) })
    var tag: Tag?
    @Option(help: ArgumentHelp("At most this many videos (default: all).", valueName: "n"))
    var limit: Int?
    @Option(help: ArgumentHelp("Skip this many matching videos first.", valueName: "n"))
    var offset: Int = 0

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more (leave it out for all videos)") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more") }
        if let search, search.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--search needs words to look for") }
    }

    /// The query, with `--provider` (a global option) as the provider filter.
    func query(provider: String?) -> VideoQuery {
        VideoQuery(search: search, character: character, status: status, provider: provider, model: model,
                   since: since, tag: tag, limit: limit, offset: offset)
    }

    static func parseStatus(_ text: String) throws -> VideoStatus {
        guard let status = VideoStatus(rawValue: text.lowercased()) else {
            throw ValidationError("invalid status '\(text)': use one of \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }

    /// The line under a page that leaves matching videos out, else nil.
    static func footer(_ page: VideoPage) -> String? {
        guard page.isPartial else { return nil }
        guard !page.videos.isEmpty else { return "showing none of \(page.total): --offset \(page.offset) is past the last one" }
        let last = page.offset + page.videos.count
        let more = last < page.total ? ": --offset \(last) for more" : ""
        return "showing \(page.offset + 1)–\(last) of \(page.total)\(more)"
    }
}
