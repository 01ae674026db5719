import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension Pages {
    /// `GET /lineage/{pid or @handle}`: the remix/extract/features graph as an SVG laid out here.
    /// `?direction=up|down|whole` picks the walk (whole by default); `?expand=all` opens every
    /// collapsed chain.
    public static func lineage(_ studio: Studio, subject: String, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let node: LineageNodeName
        if subject.hasPrefix("@") {
            node = .character(try Handle(subject))
        } else {
            // A pid, a unique start of one, or video#ID / #ID (a Veo or Seedance video has no pid).
            let video = try catalog.resolveVideo(subject)
            if let pid = video.pid { node = .video(pid) } else if let id = video.id { node = .videoId(id) } else {
                throw CatalogError("no video matches '\(subject)'")
            }
        }
        var direction = LineageDirection.whole
        if let text = context.value("direction") {
            guard let chosen = LineageDirection(rawValue: text) else {
                throw CatalogError("invalid direction '\(text)': use up, down or whole")
            }
            direction = chosen
        }
        let expand = context.value("expand") == "all"
        let graph = try catalog.lineage(of: node, direction: direction)
        let layout = LineageLayout(graph: graph, collapse: !expand)
        let here = lineageURL(graph.root)
        func link(_ label: String, _ value: LineageDirection) -> HTML {
            let href = here + HTML.query([("direction", value == .whole ? nil : value.rawValue), ("expand", expand ? "all" : nil)])
            return value == direction ? "<a href=\"\(href)\" aria-current=\"true\">\(label)</a>" : "<a href=\"\(href)\">\(label)</a>"
        }
        let videos = graph.nodes.filter { $0.kind == .video }.count
        let characters = graph.nodes.count - videos
        var summary = "\(videos) video\(videos == 1 ? "" : "s")"
        if characters > 0 { summary += ", \(characters) character\(characters == 1 ? "" : "s")" }
        let collapsedNote: HTML = layout.hidden > 0
            ? "<p class=\"notice\">\(layout.hidden) of \(graph.nodes.count) nodes are collapsed (long chains, wide fans of leaves, deep layers) to keep it readable. <a href=\"\(here + HTML.query([("direction", direction == .whole ? nil : direction.rawValue), ("expand", "all")]))\">Show every node</a></p>"
            : (expand ? "<p class=\"notice\"><a href=\"\(here + HTML.query([("direction", direction == .whole ? nil : direction.rawValue)]))\">Collapse long chains</a></p>" : .empty)
        let rootHref = graph.root.hasPrefix("@") ? characterURL(graph.root) : videoURL(graph.root)
        let body: HTML = """
            <div class="pagehead"><h1>Lineage of <a href="\(rootHref)">\(graph.root)</a></h1>
            <p class="lede">\(summary). Older above, newer below: remixes (solid), extracted characters (orange), characters featured (dashed). Click a node to open it.</p>
            <nav class="tabs" aria-label="Direction">\(link("Whole tree", .whole))\(link("Ancestors", .up))\(link("Descendants", .down))</nav></div>
            \(collapsedNote)
            <div class="lineage-scroll">\(layout.svg(expandHref: here + HTML.query([("direction", direction == .whole ? nil : direction.rawValue), ("expand", "all")])))</div>
            <p class="muted">The same graph as JSON: <a href="/api/lineage/\(HTML.pathSegment(graph.root))">/api/lineage/\(graph.root)</a>; in a terminal: <code>troupe lineage \(graph.root) --format mermaid</code></p>
            """
        return Layout.document(title: "Lineage of " + graph.root, page: "lineage", section: graph.root.hasPrefix("@") ? "cast" : "videos",
                               context: context, body: body)
    }
}
