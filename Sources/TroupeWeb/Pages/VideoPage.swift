import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension Pages {
    /// `GET /videos/{pid}`: the player, the prompt as written and compiled, model, provider, cost,
    /// task journal, parent and remixes, download, and the Remix and Extract actions.
    public static func video(_ studio: Studio, pid text: String, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let video = try catalog.resolveVideo(text)
        let report = try catalog.report(for: video, vaultPath: studio.home.vaultPath)
        let name = name(of: report)
        let currency = try currencies(catalog)[report.provider ?? ""]

        var facts: [HTML] = []
        func fact(_ label: String, _ value: HTML?) { if let value { facts.append("<dt>\(label)</dt><dd>\(value)</dd>") } }
        fact("Status", "\(badge(report.status))\(report.failureReason.map { " \($0.replacingOccurrences(of: "_", with: " "))" } ?? "")")
        fact("Provider", report.provider.map { "\($0)" })
        fact("Model", report.model.map { "\($0)" })
        fact("Duration", report.duration.map { "asked for \($0) s" })
        fact("Aspect", report.aspect.map { "\($0)" })
        fact("Size", report.size.map { "\($0)" })
        if let cost = video.cost {
            let text = currency.map { money(cost, $0) } ?? seconds(cost)
            fact("Cost", "\(text)")
        }
        fact("Made", "\(shortTime(report.createdAt))")
        if let parent = report.parentPid { fact("Remix of", "<a href=\"\(videoURL(parent))\">\(parent)</a>") }
        if !report.features.isEmpty {
            fact("Features", HTML.join(report.features.map { "<a href=\"\(characterURL($0))\">\($0)</a>" }, separator: ", "))
        }
        if !report.tags.isEmpty { fact("Tags", tags(report.tags) { "/videos" + HTML.query([("tag", $0)]) }) }
        fact("Notes", report.notes.isEmpty ? nil : "\(report.notes)")
        if let error = report.error { fact("Error", "\(error)") }
        if let conflict = report.pidConflict { fact("Pid conflict", "\(conflict)") }

        let download: HTML = report.asset.map { asset in
            "<a class=\"button primary\" href=\"\(fileURL(asset.sha256))\" download=\"\(name.replacingOccurrences(of: "#", with: "-")).mp4\">Download (\(megabytes(asset.bytes)))</a>"
        } ?? .empty

        let written: HTML = report.prompt.map { prompt -> HTML in "<pre class=\"prompt\">\(prompt)</pre>" } ?? "<p class=\"muted\">none recorded</p>"
        var prompts: HTML = "<h2>Prompt as written</h2>\(written)"
        if let compiled = report.compiledPrompt, compiled != report.prompt {
            prompts.append("<h2>As compiled for \(report.provider ?? "the provider")</h2><pre class=\"prompt\">\(compiled)</pre>")
        }

        let body: HTML = """
            <div class="pagehead"><p class="crumbs"><a href="/videos">Videos</a> /</p><h1>\(name)</h1>
            <p class="actions">\(download) <a class="button quiet" href="\(lineageURL(name))">Lineage</a> <a class="button quiet" href="/api/videos/\(HTML.pathSegment(name))">JSON</a></p></div>
            <div class="split video">
            <section class="stage">\(player(report, id: "player", preload: "auto"))</section>
            <section class="panel"><dl class="facts">\(facts)</dl></section>
            </div>
            <section class="panel">\(prompts)</section>
            \(try family(catalog, video: video, vaultPath: studio.home.vaultPath))
            \(actions(catalog, video: video, report: report))
            \(try journal(catalog, video: video, currency: currency))
            """
        return Layout.document(title: name, page: "video", section: "videos", context: context, body: body, confirmDialog: true)
    }

    static func megabytes(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(max(1, bytes / 1000)) kB" : "\(seconds((Double(bytes) / 100_000).rounded() / 10)) MB"
    }

    /// Its remixes and the characters extracted from it (one step down the lineage).
    static func family(_ catalog: Catalog, video: Video, vaultPath: String) throws -> HTML {
        guard let pid = video.pid else { return .empty }
        let graph = try catalog.lineage(of: .video(pid), direction: .down, maxDepth: 1)
        let remixes = graph.edges.filter { $0.to == pid.rawValue && $0.kind == .remix }.map(\.from)
        let extracted = graph.edges.filter { $0.to == pid.rawValue && $0.kind == .extract }.map(\.from)
        var parts: [HTML] = []
        if !remixes.isEmpty {
            let page = try catalog.reports(for: remixes.prefix(pageSize).compactMap { try? catalog.resolveVideo($0) }, vaultPath: vaultPath)
            parts.append("<h2>\(remixes.count) remix\(remixes.count == 1 ? "" : "es")</h2>\(videoGrid(page))")
        }
        if !extracted.isEmpty {
            parts.append("<h2>Characters extracted from it</h2><p>\(HTML.join(extracted.map { "<a class=\"chip\" href=\"\(characterURL($0))\">\($0)</a>" }, separator: " "))</p>")
        }
        return parts.isEmpty ? .empty : "<section class=\"family\">\(parts)</section>"
    }

    /// The Remix and Extract forms: each asks for the price, shows it, and sends only when confirmed.
    static func actions(_ catalog: Catalog, video: Video, report: VideoReport) -> HTML {
        guard let pid = video.pid, video.status == .succeeded else { return .empty }
        let provider = report.provider.flatMap { try? catalog.provider(named: $0) }
        let models = ((try? catalog.models(provider: provider?.name)) ?? []).filter(\.remix)
        let modelOptions = HTML.join(models.map { spec -> HTML in
            spec.name.rawValue == report.model ? "<option value=\"\(spec.name.rawValue)\" selected>\(spec.name.rawValue)</option>"
                : "<option value=\"\(spec.name.rawValue)\">\(spec.name.rawValue)</option>"
        })
        let modelField: HTML = models.isEmpty ? .empty : "<label>Model <select name=\"model\">\(modelOptions)</select></label>"
        let remix: HTML = models.isEmpty && provider != nil
            ? "<p class=\"muted\">No model of \(provider?.name ?? "its provider") can remix a video.</p>"
            : """
            <form class="action" data-action="/api/videos/\(HTML.pathSegment(pid.rawValue))/remix" data-confirm-title="Remix \(pid.rawValue)?">
            <label class="wide">What changes <textarea name="prompt" rows="3" required placeholder="same ride, at night"></textarea></label>
            \(modelField)
            <div class="buttons"><button type="submit" class="primary">Remix…</button></div>
            <p class="action-status" role="status"></p>
            </form>
            """
        return """
            <section class="panel actions-panel"><div class="split">
            <div><h2>Remix</h2><p class="muted">A new video from this one. You see the price before anything is sent.</p>\(remix)</div>
            <div><h2>Extract a character</h2><p class="muted">Make a character from seconds of this video.</p>
            <form class="action" data-action="/api/characters/extract" data-confirm-title="Extract a character from \(pid.rawValue)?">
            <input type="hidden" name="pid" value="\(pid.rawValue)">
            <label>Seconds <input type="text" name="clip" required placeholder="1,3" pattern="[0-9.]+,[0-9.]+" size="8"></label>
            <label>Handle <input type="text" name="name" required placeholder="owl" size="14"></label>
            <div class="buttons"><button type="submit" class="primary">Extract…</button></div>
            <p class="action-status" role="status"></p>
            </form></div>
            </div></section>
            """
    }

    /// The journal row of the call that made it.
    static func journal(_ catalog: Catalog, video: Video, currency: String?) throws -> HTML {
        guard let taskId = video.taskId, let task = try? catalog.journalEntry(taskId: taskId).task else {
            return video.origin == .registered
                ? "<section class=\"panel\"><h2>Task journal</h2><p class=\"muted\">Registered: made elsewhere, no paid call of this catalogue.</p></section>" : .empty
        }
        var rows: [HTML] = [
            "<dt>Task</dt><dd><a href=\"/tasks#task-\(taskId)\">#\(taskId)</a> \(task.kind.rawValue) on \(task.providerName)</dd>",
            "<dt>State</dt><dd>\(badge(task.state.rawValue))\(task.failureReason.map { " \($0.rawValue.replacingOccurrences(of: "_", with: " "))" } ?? "")</dd>",
            "<dt>Sends</dt><dd>\(task.attempts)</dd>",
        ]
        if let remote = task.remoteId { rows.append("<dt>Provider task</dt><dd><code>\(remote)</code></dd>") }
        rows.append("<dt>Charged</dt><dd>\(currency.map { money(task.cost, $0) } ?? seconds(task.cost))\(task.refunded ? " (refunded)" : "")</dd>")
        rows.append("<dt>Journaled</dt><dd>\(shortTime(task.createdAt)), last change \(shortTime(task.updatedAt))</dd>")
        if let error = task.errorText { rows.append("<dt>Error</dt><dd>\(error)</dd>") }
        return """
            <section class="panel"><h2>Task journal</h2><dl class="facts">\(rows)</dl>
            <details><summary>The request as sent (secrets removed)</summary><pre class="request">\(task.request)</pre></details></section>
            """
    }
}
