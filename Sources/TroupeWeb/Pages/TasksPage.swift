import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension Pages {
    /// Recent tasks shown under the open ones.
    static let recentTasks = 100

    /// `GET /tasks`: open and recent paid calls, updated live over `/api/events`, with Resume
    /// (an open call) and Reconcile (an unknown one) actions.
    public static func tasks(_ studio: Studio, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let open = try catalog.tasks(open: true)
        var seen = Set(open.compactMap(\.id))
        var rows = open
        for task in try catalog.tasks(limit: recentTasks) where !seen.contains(task.id ?? -1) {
            rows.append(task)
            seen.insert(task.id ?? -1)
        }
        let currencies = try currencies(catalog)
        let unknown = open.filter { $0.state == .unknown }.count
        let table: HTML = """
            <table id="tasks" class="table" data-events="/api/events">
            <thead><tr><th>Task</th><th>Kind</th><th>Provider</th><th>State</th><th>Sends</th><th>Provider task</th><th class="num">Charged</th><th>Journaled</th><th>Made</th><th>Actions</th></tr></thead>
            <tbody>\(rows.map { taskRow($0, currency: currencies[$0.providerName], made: made(catalog, $0)) })</tbody>
            </table>
            """
        let empty: HTML = rows.isEmpty
            ? emptyState("No paid calls yet", "Every paid call is journaled here before it is sent. Make one on Compose, or:",
                         commands: ["troupe video generate \"@hero skateboards through a market\""])
            : .empty
        let reconcile: HTML = unknown > 0
            ? "<button type=\"button\" data-post=\"/api/reconcile\" data-confirm-title=\"Look for the unknown calls?\">Reconcile \(unknown) unknown</button>" : .empty
        // Resume follows every open call at once (the server polls them all), so it is one button.
        let resumable = open.filter { $0.state != .unknown }
        let resume: HTML = resumable.first.map { first -> HTML in
            "<button type=\"button\" id=\"resume\" data-post=\"/api/tasks/\(first.id ?? 0)/resume\" data-confirm-title=\"Resume the \(resumable.count) open task\(resumable.count == 1 ? "" : "s")?\" data-confirm-note=\"Nothing is sent again and nothing is charged: troupe polls the provider for every open task and downloads the finished files.\" data-confirm-button=\"Resume\" data-done=\"Resumed: troupe web follows every open task now; the rows change here as they do.\">Resume \(resumable.count) open</button>"
        } ?? .empty
        let body: HTML = """
            <div class="pagehead"><h1>Tasks</h1><p class="lede"><span id="open-count">\(open.count)</span> open, <span id="finished-count">\(rows.count - open.count)</span> recent finished. <span id="live" class="live">not live</span></p>
            <p class="actions">\(resume) \(reconcile)</p></div>
            <p id="tasks-status" class="action-status" role="status"></p>
            <div class="table-scroll">\(table)</div>
            \(empty)
            """
        return Layout.document(title: "Tasks", page: "tasks", context: context, body: body, confirmDialog: true)
    }

    /// One journal row: `<tr data-task data-state>`, with its actions.
    static func taskRow(_ task: TaskEntry, currency: String?, made: HTML = "—") -> HTML {
        let id = task.id ?? 0
        var actions: [HTML] = []
        if task.state == .unknown {
            actions.append("<button type=\"button\" class=\"small\" data-post=\"/api/reconcile\" data-body=\"{&quot;task_id&quot;:\(id)}\" data-confirm-title=\"Reconcile task \(id)?\">Reconcile</button>")
        }
        let failure: HTML = task.failureReason.map { "<span class=\"why\">\($0.rawValue.replacingOccurrences(of: "_", with: " "))</span>" } ?? .empty
        let error: HTML = task.errorText.map { "<div class=\"error-text\">\($0)</div>" } ?? .empty
        let charged = currency.map { money(task.cost, $0) } ?? seconds(task.cost)
        return """
            <tr id="task-\(id)" data-task="\(id)" data-state="\(task.state.rawValue)" data-currency="\(currency)"><td class="id">#\(id)</td><td class="kind">\(task.kind.rawValue.replacingOccurrences(of: "_", with: " "))</td><td class="provider">\(task.providerName)</td><td class="state">\(badge(task.state.rawValue))\(failure)\(error)</td><td class="attempts">\(task.attempts)</td><td class="remote"><code>\(task.remoteId ?? "—")</code></td><td class="num cost">\(charged)\(task.refunded ? " refunded" : "")</td><td class="created">\(shortTime(task.createdAt))</td><td class="made">\(made)</td><td class="actions">\(actions)</td></tr>
            """
    }

    /// A link to the video or character the call makes, or `—`.
    static func made(_ catalog: Catalog, _ task: TaskEntry) -> HTML {
        guard let id = task.id, let entry = try? catalog.journalEntry(taskId: id) else { return "—" }
        if let character = entry.character {
            let handle = "@" + character.handle.rawValue
            return "<a href=\"\(characterURL(handle))\">\(handle)</a>"
        }
        if let video = entry.video, video.pid != nil || video.id != nil {
            let name = video.pid?.rawValue ?? "video#\(video.id ?? 0)"
            let short = name.count > 14 ? String(name.prefix(13)) + "…" : name
            return "<a href=\"\(videoURL(name))\" title=\"\(name)\">\(short)</a>"
        }
        return "—"
    }
}
