import TroupeCatalog
import TroupeStudio

extension Pages {
    /// `GET /`: every character as a card (handle, provider, status, tags, its clip or image).
    public static func cast(_ studio: Studio, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let characters = try catalog.characters()
        let reports = try catalog.reports(for: characters, vaultPath: studio.home.vaultPath)
        var cards: [HTML] = []
        cards.reserveCapacity(characters.count)
        for (character, report) in zip(characters, reports) {
            let media = try CharacterMedia(character, catalog)
            let href = characterURL(report.handle)
            let origin = provenanceShort(report, sourceName: media.sourceVideo?.nodeName)
            let provider: HTML = report.provider.map { "<span>\($0)</span>" } ?? .empty
            cards.append("""
                <article class="card" data-handle="\(report.handle)"><a class="media" href="\(href)" tabindex="-1">\(media.preview(handle: report.handle))</a><div class="body"><div class="title"><a href="\(href)" title="@\(report.handle)">@\(report.handle)</a>\(badge(report.status))</div><p class="meta">\(provider)<span>\(origin)</span></p>\(tags(report.tags))</div></article>
                """)
        }
        let body: HTML
        if cards.isEmpty {
            body = """
                <h1>Cast</h1>
                \(emptyState("No characters yet", "A character is a handle for someone who appears in your videos. Make one from a clip, or extract one from a video you made:",
                             commands: ["troupe character upload ./clip.mp4 --clip 0,3 --name hero", "troupe character extract PID --clip 1,3 --name hero", "troupe demo --web"]))
                """
        } else {
            let ready = reports.filter { $0.status == "ready" }.count
            body = """
                <div class="pagehead"><h1>Cast</h1><p class="lede">\(characters.count) character\(characters.count == 1 ? "" : "s"), \(ready) ready. Write <code>@handle</code> in a prompt on <a href="/compose">Compose</a> to cast one.</p></div>
                <div class="grid cast">\(cards)</div>
                """
        }
        return Layout.document(title: "Cast", page: "cast", context: context, body: body)
    }

    /// Where a character came from, in a few words.
    static func provenanceShort(_ report: CharacterReport, sourceName: String?) -> String {
        switch report.source.kind {
        case "upload": return "uploaded clip"
        case "extract": return "from " + (sourceName ?? report.source.pid ?? "a video")
        case "registered": return report.characterId == nil && report.image != nil ? "reference image" : "registered"
        case "clip": return "clip only"
        default: return report.image != nil ? "image" : report.source.kind
        }
    }
}
