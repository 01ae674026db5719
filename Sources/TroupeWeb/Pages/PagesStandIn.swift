// A stand-in for WEBPAGES's pages so that this branch builds: the lead deletes this file when
// merging the real `Pages`, `PageContext` and `Assets`.
import TroupeCatalog
import TroupeStudio

/// What a page needs from its request.
public struct PageContext: Sendable {
    public var csrfToken: String
    public var query: [String: String]
    public init(csrfToken: String, query: [String: String]) {
        self.csrfToken = csrfToken
        self.query = query
    }
}

/// The CSS and JS every page loads.
enum Assets {
    static let css = "body { font-family: sans-serif; }\n"
    static let js = "\"use strict\";\n"
}

/// The server-rendered pages.
public enum Pages {
    static func cast(_ studio: Studio, _ context: PageContext) throws -> String {
        page("cast", "Cast", try studio.catalog.characters().map { "@" + $0.handle.rawValue }, context)
    }

    static func character(_ studio: Studio, handle: String, _ context: PageContext) throws -> String {
        let entry = try studio.catalog.character(handle: try .init(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle))
        return page("character", "@" + entry.handle.rawValue, [], context)
    }

    static func videos(_ studio: Studio, _ context: PageContext) throws -> String {
        page("videos", "Videos", try studio.catalog.videos(matching: VideoQuery(limit: 60)).videos.map { $0.prompt ?? "" }, context)
    }

    static func video(_ studio: Studio, pid: String, _ context: PageContext) throws -> String {
        let video = try studio.catalog.resolveVideo(pid)
        return page("video", video.pid?.rawValue ?? "video#\(video.id ?? 0)", [video.prompt ?? ""], context)
    }

    static func lineage(_ studio: Studio, subject: String, _ context: PageContext) throws -> String {
        page("lineage", subject, [], context)
    }

    static func compose(_ studio: Studio, _ context: PageContext) throws -> String { page("compose", "Compose", [], context) }
    static func tasks(_ studio: Studio, _ context: PageContext) throws -> String { page("tasks", "Tasks", [], context) }
    static func costs(_ studio: Studio, _ context: PageContext) throws -> String { page("costs", "Costs", [], context) }

    static func notFound(_ message: String, _ context: PageContext) -> String { page("notfound", "Not found", [message], context) }

    private static func page(_ name: String, _ title: String, _ items: [String], _ context: PageContext) -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"csrf-token\" content=\"\(escape(context.csrfToken))\">"
            + "<title>\(escape(title))</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>"
            + "<body data-page=\"\(name)\"><h1>\(escape(title))</h1><ul>"
            + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul><script src=\"/assets/app.js\"></script></body></html>"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
