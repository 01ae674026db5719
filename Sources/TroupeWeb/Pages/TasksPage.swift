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
            <thead><tr><th>Task</th><th>Kind</th><th>Provider</th><th>State</th><th>Sends</th><th>Provider task</th><th class="num">Charged</th><th>Journaled</th><th></th></tr></thead>
            <tbody>\(rows.map { taskRow($0, currency: currencies[$0.providerName]) })</tbody>
            </table>
            """
        let empty: HTML = rows.isEmpty
            ? emptyState("No paid calls yet", "Every paid call is journaled here before it is sent. Make one on Compose, or:",
                         commands: ["troupe video generate \"@hero skateboards through a market\""])
            : .empty
        let reconcile: HTML = unknown > 0
            ? "<button type=\"button\" data-post=\"/api/reconcile\" data-confirm-title=\"Look for the unknown calls?\">Reconcile \(unknown) unknown</button>" : .empty
        let body: HTML = """
            <div class="pagehead"><h1>Tasks</h1><p class="lede">\(open.count) open, \(rows.count - open.count) recent finished. <span id="live" class="live">not live</span></p>
            <p class="actions">\(reconcile)</p></div>
            <p id="tasks-status" class="action-status" role="status"></p>
            <div class="table-scroll">\(table)</div>
            \(empty)
            """
        return Layout.document(title: "Tasks", page: "tasks", context: context, body: body, confirmDialog: true)
    }

    /// One journal row: `<tr data-task data-state>`, with its actions.
    static func taskRow(_ task: TaskEntry, currency: String?) -> HTML {
        let id = task.id ?? 0
        var actions: [HTML] = []
        if !task.state.isTerminal {
            actions.append("<button type=\"button\" class=\"small\" data-post=\"/api/tasks/\(id)/resume\" data-confirm-title=\"Resume task \(id)?\">Resume</button>")
        }
        if task.state == .unknown {
            actions.append("<button type=\"button\" class=\"small\" data-post=\"/api/reconcile\" data-body=\"{&quot;task_id&quot;:\(id)}\" data-confirm-title=\"Reconcile task \(id)?\">Reconcile</button>")
        }
        let failure: HTML = task.failureReason.map { "<span class=\"why\">\($0.rawValue.replacingOccurrences(of: "_", with: " "))</span>" } ?? .empty
        let error: HTML = task.errorText.map { "<div class=\"error-text\">\($0)</div>" } ?? .empty
        let charged = currency.map { money(task.cost, $0) } ?? seconds(task.cost)
        return """
            <tr id="task-\(id)" data-task="\(id)" data-state="\(task.state.rawValue)" data-currency="\(currency)"><td class="id">#\(id)</td><td class="kind">\(task.kind.rawValue.replacingOccurrences(of: "_", with: " "))</td><td class="provider">\(task.providerName)</td><td class="state">\(badge(task.state.rawValue))\(failure)\(error)</td><td class="attempts">\(task.attempts)</td><td class="remote"><code>\(task.remoteId ?? "—")</code></td><td class="num cost">\(charged)\(task.refunded ? " refunded" : "")</td><td class="created">\(shortTime(task.createdAt))</td><td class="actions">\(actions)</td></tr>
            """
    }
}
