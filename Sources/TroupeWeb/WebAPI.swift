import Foundation
import Hummingbird
import TroupeCatalog
import TroupeDomain
import TroupeStudio

/// The JSON API under `/api/`: the same shapes as the CLI's `--json`, from the same library calls.
struct WebAPI: Sendable {
    /// Videos per page when `limit` is not given, and the most a page holds.
    static let defaultLimit = 60
    static let maximumLimit = 1000

    let app: WebApp
    var studio: Studio { app.studio }
    var catalog: Catalog { app.studio.catalog }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/videos") { request, _ in try videos(request) }
        router.get("/api/videos/:pid") { _, context in
            try WebAnswer.json(catalog.report(for: catalog.resolveVideo(try context.parameter("pid")), vaultPath: studio.home.vaultPath))
        }
        router.get("/api/characters") { request, _ in try characters(request) }
        router.get("/api/characters/:handle") { _, context in
            try WebAnswer.json(catalog.report(for: catalog.character(handle: Handle(try context.parameter("handle"))), vaultPath: studio.home.vaultPath))
        }
        router.get("/api/lineage/:subject") { request, context in try lineage(try context.parameter("subject"), request) }
        router.get("/api/tasks") { request, _ in
            let query = WebApp.query(request)
            let open = try Self.flag(query["open"], name: "open")
            let limit = try Self.count(query["limit"], name: "limit", minimum: 1)
            return try WebAnswer.json(catalog.taskReports(open: open, limit: limit))
        }
        router.get("/api/tasks/:id") { _, context in
            let entry = try catalog.journalEntry(taskId: try Self.taskId(context.parameter("id")))
            return try WebAnswer.json(TaskReport(entry.task, model: entry.video?.model))
        }
        router.get("/api/costs") { _, _ in
            let lines = try catalog.costs()
            return try WebAnswer.json(CostsAnswer(lines: lines, totals: CostLine.totals(lines)))
        }
        router.get("/api/models") { request, _ in
            try WebAnswer.json(catalog.models(provider: WebApp.query(request)["provider"].flatMap { $0.isEmpty ? nil : $0 }).map(ModelReport.init))
        }
        router.get("/api/providers") { _, _ in try WebAnswer.json(catalog.providerReports()) }
        router.get("/api/openapi.json") { _, _ in
            WebAnswer.raw(Data(OpenAPI.document.utf8), contentType: "application/json; charset=utf-8")
        }
        router.get("/api/events") { _, _ in events() }
        addActions(to: router)
    }

    func videos(_ request: Request) throws -> Response {
        let query = try Self.videoQuery(WebApp.query(request))
        let page = try catalog.videos(matching: query)
        let reports = try catalog.reports(for: page.videos, vaultPath: studio.home.vaultPath)
        return try WebAnswer.json(VideoList(videos: reports, total: page.total, offset: page.offset))
    }

    /// The filters of `troupe video list`, from a query string (`limit` defaults to a page of 60).
    static func videoQuery(_ items: [String: String]) throws -> VideoQuery {
        func text(_ name: String) -> String? {
            guard let value = items[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        var query = VideoQuery(limit: defaultLimit)
        if let search = text("search") { query.search = search }
        if let character = text("character") { query.character = try Handle(character) }
        if let status = text("status") {
            guard let parsed = VideoStatus(rawValue: status.lowercased()) else {
                throw RequestProblem("invalid status '\(status)': use one of \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.status = parsed
        }
        query.provider = text("provider")
        query.model = text("model")
        if let since = text("since") { query.since = try VideoQuery.date(parsing: since) }
        if let tag = text("tag") { query.tag = try Tag(tag) }
        if let limit = try count(items["limit"], name: "limit", minimum: 1) {
            guard limit <= maximumLimit else { throw RequestProblem("limit must be at most \(maximumLimit) (page with offset)") }
            query.limit = limit
        }
        query.offset = try count(items["offset"], name: "offset", minimum: 0) ?? 0
        return query
    }

    func characters(_ request: Request) throws -> Response {
        let items = WebApp.query(request)
        let tag = try items["tag"].flatMap { $0.isEmpty ? nil : try Tag($0) }
        var status: CharacterStatus?
        if let text = items["status"], !text.isEmpty {
            guard let parsed = CharacterStatus(rawValue: text.lowercased()) else {
                throw RequestProblem("invalid status '\(text)': use one of \(CharacterStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        return try WebAnswer.json(catalog.reports(for: catalog.characters(tag: tag, status: status), vaultPath: studio.home.vaultPath))
    }

    /// `troupe lineage NODE --format json` (`direction=up|down`, `depth=N`).
    func lineage(_ subject: String, _ request: Request) throws -> Response {
        let items = WebApp.query(request)
        let isPid = subject.hasPrefix("s_") || subject.hasPrefix("video_")
        let name = isPid ? .video(try catalog.resolvePid(subject)) : try LineageNodeName(parsing: subject)
        let direction: LineageDirection
        switch items["direction"] ?? "whole" {
        case "up": direction = .up
        case "down": direction = .down
        case "whole", "": direction = .whole
        case let other: throw RequestProblem("invalid direction '\(other)': use up, down or whole")
        }
        let depth = try Self.count(items["depth"], name: "depth", minimum: 0) ?? Catalog.defaultLineageDepth
        let graph = try catalog.lineage(of: name, direction: direction, maxDepth: depth)
        return WebAnswer.raw(Data(graph.jsonText().utf8), contentType: "application/json; charset=utf-8")
    }

    static func count(_ text: String?, name: String, minimum: Int) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value >= minimum else { throw RequestProblem("\(name) must be a whole number, \(minimum) or more") }
        return value
    }

    static func flag(_ text: String?, name: String) throws -> Bool {
        switch text?.lowercased() {
        case nil, "", "false", "0": return false
        case "true", "1": return true
        case let other?: throw RequestProblem("\(name) must be true or false, not '\(other)'")
        }
    }

    static func taskId(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw RequestProblem("invalid task id '\(text)': give the number `troupe task list` shows") }
        return id
    }
}

/// `GET /api/videos`: a page of `video list --json`, with how many match in all.
struct VideoList: Encodable {
    var videos: [VideoReport]
    var total: Int
    var offset: Int
}

/// `GET /api/costs`: the lines of `troupe costs --json` and one total per currency.
struct CostsAnswer: Encodable {
    var lines: [CostLine]
    var totals: [CostTotal]
}
