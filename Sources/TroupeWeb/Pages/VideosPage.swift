import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension Pages {
    /// The filters `/videos` reads from its query, in the order its form shows them.
    static let videoFilters = ["search", "character", "status", "provider", "model", "since", "tag"]

    /// `GET /videos`: a grid of players with the filters and search of `video list`, 60 a page.
    public static func videos(_ studio: Studio, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        var problems: [String] = []
        var query = VideoQuery(limit: pageSize)
        query.search = context.value("search")
        if let text = context.value("character") {
            do { query.character = try Handle(text) } catch { problems.append("\(error)") }
        }
        if let text = context.value("status") {
            if let status = VideoStatus(rawValue: text) { query.status = status } else {
                problems.append("invalid status '\(text)': use one of \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        query.provider = context.value("provider")
        query.model = context.value("model")
        if let text = context.value("since") {
            do { query.since = try VideoQuery.date(parsing: text) } catch { problems.append("\(error)") }
        }
        if let text = context.value("tag") {
            do { query.tag = try Tag(text) } catch { problems.append("\(error)") }
        }
        var pageNumber = 1
        if let text = context.value("page") {
            if let number = Int(text), number >= 1 { pageNumber = number } else {
                problems.append("invalid page '\(text)': give a page number from 1")
            }
        }
        query.offset = (pageNumber - 1) * pageSize

        var found: VideoPage?
        do {
            found = try catalog.videos(matching: query)
        } catch {
            problems.append("\(error)")
        }
        let videos = found?.videos ?? []
        let total = found?.total ?? 0
        let reports = try catalog.reports(for: videos, vaultPath: studio.home.vaultPath)
        let filtering = videoFilters.contains { context.value($0) != nil }

        let results: HTML
        if !reports.isEmpty {
            let first = query.offset + 1, last = query.offset + reports.count
            let count: HTML = found?.isPartial == true
                ? "<p class=\"count\">\(first)–\(last) of \(total) videos</p>"
                : "<p class=\"count\">\(total) video\(total == 1 ? "" : "s")</p>"
            results = "\(count)\(videoGrid(reports))\(pagination(context, current: pageNumber, total: total))"
        } else if total > 0 {
            // Past the last page: the catalogue is not empty, the page number is too high.
            let pages = max(1, (total + pageSize - 1) / pageSize)
            let last = "/videos" + HTML.query(videoFilters.map { ($0, context.value($0)) } + [("page", pages == 1 ? nil : String(pages))])
            results = emptyState("Page \(pageNumber) of \(pages)", "There \(total == 1 ? "is 1 video" : "are \(total) videos")\(filtering ? " matching" : ""), \(pageSize) a page: page \(pageNumber) is past the last one.",
                                 links: "<p><a class=\"button\" href=\"\(last)\">Go to the last page (\(pages))</a></p>")
        } else if filtering || !problems.isEmpty {
            results = emptyState("No video matches", "Try fewer filters, or other words.",
                                 links: "<p><a class=\"button\" href=\"/videos\">Show every video</a></p>")
        } else {
            results = emptyState("No videos yet", "Generate one from a prompt, or register one made elsewhere:",
                                 commands: ["troupe video generate \"@hero skateboards through a market\"", "troupe video add s_68f1a2 --prompt \"a cat on a skateboard\""],
                                 links: "<p><a class=\"button\" href=\"/compose\">Open Compose</a></p>")
        }
        let notices = problems.map { problem -> HTML in "<p class=\"notice error\" role=\"alert\">\(problem)</p>" }
        let body: HTML = """
            <div class="pagehead"><h1>Videos</h1></div>
            \(try filterForm(catalog, context))
            \(notices)
            \(results)
            """
        return Layout.document(title: "Videos", page: "videos", context: context, body: body)
    }

    /// The filters and search, sent as GET (selects send themselves when changed).
    static func filterForm(_ catalog: Catalog, _ context: PageContext) throws -> HTML {
        func options(_ values: [(String, String)], selected: String?) -> HTML {
            HTML.join(values.map { value, label -> HTML in
                value == (selected ?? "") ? "<option value=\"\(value)\" selected>\(label)</option>" : "<option value=\"\(value)\">\(label)</option>"
            })
        }
        let handles = try catalog.characters().map(\.handle.rawValue)
        let providers = try catalog.providers().map(\.name)
        var models: [String] = []
        for model in try catalog.models().map(\.name.rawValue) where !models.contains(model) { models.append(model) }
        let current = context.value("character").map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        return """
            <form class="filters" method="get" action="/videos" data-autosubmit role="search">
            <label class="wide">Search prompts and notes <input type="search" name="search" value="\(context.value("search"))" placeholder="skate* &quot;at night&quot;"></label>
            <label>Character <select name="character">\(options([("", "any")] + handles.map { ($0, "@" + $0) }, selected: current))</select></label>
            <label>Status <select name="status">\(options([("", "any")] + VideoStatus.allCases.map { ($0.rawValue, $0.rawValue) }, selected: context.value("status")))</select></label>
            <label>Provider <select name="provider">\(options([("", "any")] + providers.map { ($0, $0) }, selected: context.value("provider")))</select></label>
            <label>Model <select name="model">\(options([("", "any")] + models.map { ($0, $0) }, selected: context.value("model")))</select></label>
            <label>Since <input type="date" name="since" value="\(context.value("since"))"></label>
            <label>Tag <input type="text" name="tag" value="\(context.value("tag"))" placeholder="keeper" size="10"></label>
            <div class="buttons"><button type="submit" class="primary">Search</button> <a href="/videos">Clear</a></div>
            </form>
            """
    }

    /// Page links that keep the filters: previous, a window of numbers, next.
    static func pagination(_ context: PageContext, current: Int, total: Int) -> HTML {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        guard pages > 1 else { return .empty }
        func href(_ number: Int) -> String {
            "/videos" + HTML.query(videoFilters.map { ($0, context.value($0)) } + [("page", number == 1 ? nil : String(number))])
        }
        var links: [HTML] = []
        links.append(current > 1 ? "<a rel=\"prev\" href=\"\(href(current - 1))\">← Newer</a>" : "<span class=\"off\">← Newer</span>")
        var shown = Set([1, pages])
        for number in max(1, current - 2)...min(pages, current + 2) { shown.insert(number) }
        var previous = 0
        for number in shown.sorted() {
            if number > previous + 1 { links.append("<span class=\"gap\">…</span>") }
            links.append(number == current ? "<span aria-current=\"page\">\(number)</span>" : "<a href=\"\(href(number))\">\(number)</a>")
            previous = number
        }
        links.append(current < pages ? "<a rel=\"next\" href=\"\(href(current + 1))\">Older →</a>" : "<span class=\"off\">Older →</span>")
        return "<nav class=\"pages\" aria-label=\"Pages\">\(links)</nav>"
    }
}
