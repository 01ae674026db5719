import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension Pages {
    /// `GET /characters/{handle}`: provenance, the clip range on the source video, and every
    /// video featuring the character.
    public static func character(_ studio: Studio, handle text: String, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let handle = try Handle(text)
        let character = try catalog.character(handle: handle)
        let report = try catalog.report(for: character, vaultPath: studio.home.vaultPath)
        let media = try CharacterMedia(character, catalog)
        let featuring = try catalog.videos(matching: VideoQuery(character: handle, limit: pageSize))
        let videos = try catalog.reports(for: featuring.videos, vaultPath: studio.home.vaultPath)

        var facts: [HTML] = []
        if let provider = report.provider { facts.append("<dt>Provider</dt><dd>\(provider)</dd>") }
        if let id = report.characterId { facts.append("<dt>Character id</dt><dd><code>\(id)</code></dd>") }
        facts.append("<dt>Added</dt><dd>\(shortTime(report.createdAt))</dd>")
        if !report.tags.isEmpty { facts.append("<dt>Tags</dt><dd>\(tags(report.tags))</dd>") }
        facts.append("<dt>Notes</dt><dd>\(report.notes.isEmpty ? "none (troupe character note \(report.handle) TEXT)" : report.notes)</dd>")

        let videosSection: HTML
        if videos.isEmpty {
            let command = castingCommand(catalog, character, prompt: "@\(report.handle) walks into the light")
            videosSection = emptyState("No video features @\(report.handle) yet",
                                       command == nil ? "No model of the providers here takes it as \(character.formsText) yet." : "Cast it in a prompt:",
                                       commands: command.map { [$0] } ?? [],
                                       links: "<p><a class=\"button\" href=\"/compose\(HTML.query([("prompt", "@" + report.handle + " ")]))\">Compose with @\(report.handle)</a></p>")
        } else {
            let more: HTML = featuring.total > videos.count
                ? "<p><a href=\"/videos\(HTML.query([("character", report.handle)]))\">All \(featuring.total) videos featuring @\(report.handle)</a></p>" : .empty
            videosSection = "<h2>Featured in \(featuring.total) video\(featuring.total == 1 ? "" : "s")</h2>\(videoGrid(videos))\(more)"
        }

        let body: HTML = """
            <div class="pagehead"><p class="crumbs"><a href="/">Cast</a> /</p><h1>@\(report.handle) \(badge(report.status))</h1>
            <p class="actions"><a class="button" href="/compose\(HTML.query([("prompt", "@" + report.handle + " ")]))">Compose with @\(report.handle)</a> <a class="button quiet" href="\(lineageURL("@" + report.handle))">Lineage</a> <a class="button quiet" href="/api/characters/\(HTML.pathSegment(report.handle))">JSON</a></p></div>
            <div class="split">
            <section class="panel">\(provenance(report, media: media))</section>
            <section class="panel"><h2>About</h2><dl class="facts">\(facts)</dl>\(imageBlock(report, media: media))</section>
            </div>
            \(videosSection)
            """
        return Layout.document(title: "@" + report.handle, page: "character", section: "cast", context: context, body: body)
    }

    /// Where the character came from, with its source video and the clip range marked on it.
    static func provenance(_ report: CharacterReport, media: CharacterMedia) -> HTML {
        let clipText = media.clip.map { "seconds \(seconds($0.start))–\(seconds($0.end))" }
        let sourceLink: HTML = media.sourceVideo.map { "<a href=\"\(videoURL($0.nodeName))\">\($0.nodeName)</a>" } ?? "\(report.source.pid ?? "?")"
        let sentence: HTML
        switch report.source.kind {
        case "upload":
            sentence = "Uploaded from a clip\(clipText.map { " (\($0))" } ?? "")\(report.source.url.map { ": \($0)" } ?? "")."
        case "extract":
            sentence = "Extracted from the video \(sourceLink)\(clipText.map { ", \($0)" } ?? "")."
        case "registered":
            if report.characterId == nil, report.image != nil {
                sentence = "Known by its reference image alone: it travels to every model that takes characters as images."
            } else if media.sourceVideo != nil {
                sentence = "Made elsewhere and registered by its id, from the video \(sourceLink)\(clipText.map { ", \($0)" } ?? "")."
            } else {
                sentence = "Made elsewhere and registered by its id."
            }
        case "clip":
            sentence = "Clip only: no provider id, its clip\(clipText.map { " (\($0))" } ?? "") travels with every request\(report.source.url.map { ": \($0)" } ?? "")."
        default:
            sentence = "\(report.source.kind)"
        }
        var html: HTML = "<h2>Provenance</h2><p>\(sentence)</p>"
        if let sha256 = media.clipSha256 {
            let range: HTML = media.clip.map { " data-start=\"\(seconds($0.start))\" data-end=\"\(seconds($0.end))\"" } ?? .empty
            html.append("""
                <video id="source" class="source" src="\(fileURL(sha256))"\(range) controls muted playsinline preload="metadata"></video>
                """)
            if let clip = media.clip {
                html.append(clipBar(clip, duration: media.duration))
                html.append("<p><button type=\"button\" data-play-clip=\"source\">Play the clip (\(seconds(clip.start))–\(seconds(clip.end)) s)</button></p>")
            }
        } else if media.clip != nil || report.source.url != nil {
            html.append("<p class=\"muted\">The source file is not in the vault, so it cannot be shown here.</p>")
        }
        return html
    }

    /// The clip's range as a highlighted part of a bar the length of its source video (SVG:
    /// geometry in attributes, since the page's CSP allows no inline style).
    static func clipBar(_ clip: ClipRange, duration: Double?) -> HTML {
        let total = max(duration ?? 0, clip.end, 0.001)
        let x = clip.start / total * 1000
        let width = max((clip.end - clip.start) / total * 1000, 4)
        return """
            <figure class="clipbar"><svg viewBox="0 0 1000 24" preserveAspectRatio="none" role="img" aria-label="seconds \(seconds(clip.start)) to \(seconds(clip.end)) of \(seconds(total))"><rect class="track" x="0" y="8" width="1000" height="8" rx="4"></rect><rect class="range" x="\(x)" y="2" width="\(width)" height="20" rx="4"></rect></svg>
            <figcaption><span>0 s</span><span class="strong">clip \(seconds(clip.start))–\(seconds(clip.end)) s</span><span>\(duration == nil ? "" : seconds((total * 10).rounded() / 10) + " s")</span></figcaption></figure>
            """
    }

    /// The reference image, when it has one.
    static func imageBlock(_ report: CharacterReport, media: CharacterMedia) -> HTML {
        guard let image = report.image else { return .empty }
        let source: String
        switch image.source {
        case "file": source = "from a file"
        case "url": source = "a URL the provider fetches"
        case "clip-frame": source = "the first frame of its clip"
        default: source = image.source
        }
        let picture: HTML = media.imageSha256.map { "<img class=\"reference\" src=\"\(fileURL($0))\" alt=\"@\(report.handle)’s reference image\">" }
            ?? (image.url.map { url -> HTML in "<p><code>\(url)</code></p>" } ?? .empty)
        return "<h2>Reference image</h2><p class=\"muted\">\(source)</p>\(picture)"
    }
}
