import Foundation
import TroupeCatalog
import TroupeDomain

/// The pages of `troupe web`, rendered on the server: one function per page, each returning a
/// whole HTML document. All provider and user text is escaped (see `HTML`).
public enum Pages {
    /// Videos on one page of `/videos`.
    static let pageSize = 60

    /// `/files/<sha256>`: a vault file, served only when the catalogue holds it.
    static func fileURL(_ sha256: String) -> String { "/files/" + HTML.pathSegment(sha256) }

    /// The page of a video: by pid, or `video#ID` while it has none.
    static func videoURL(_ name: String) -> String { "/videos/" + HTML.pathSegment(name) }

    /// The page of a character (`hero` or `@hero`).
    static func characterURL(_ handle: String) -> String {
        "/characters/" + HTML.pathSegment(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
    }

    static func lineageURL(_ subject: String) -> String { "/lineage/" + HTML.pathSegment(subject) }

    /// How a video is named on pages: its pid, or `video#ID`.
    static func name(of report: VideoReport) -> String { report.pid ?? "video#\(report.id)" }

    /// `2026-11-30T18:04:05.123Z` as `2026-11-30 18:04`.
    static func shortTime(_ timestamp: String) -> String {
        guard timestamp.count >= 16 else { return timestamp }
        let chars = Array(timestamp)
        return String(chars[0..<10]) + " " + String(chars[11..<16])
    }

    /// Seconds as a short number: `3`, `1.25`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    /// A status or state as a coloured badge.
    static func badge(_ status: String) -> HTML {
        "<span class=\"badge s-\(status)\">\(status.replacingOccurrences(of: "_", with: " "))</span>"
    }

    /// Tags as a list of chips; nothing when there are none.
    static func tags(_ tags: [String], link: (String) -> String? = { _ in nil }) -> HTML {
        guard !tags.isEmpty else { return .empty }
        let items = tags.map { tag -> HTML in
            if let href = link(tag) { return "<li><a href=\"\(href)\">\(tag)</a></li>" }
            return "<li>\(tag)</li>"
        }
        return "<ul class=\"tags\">\(items)</ul>"
    }

    /// An empty state: what is missing and the command that fills it.
    static func emptyState(_ title: String, _ text: String, commands: [String] = [], links: HTML = .empty) -> HTML {
        let code = commands.map { command -> HTML in "<code>\(command)</code>" }
        return """
            <section class="empty"><h2>\(title)</h2><p>\(text)</p>\(code.isEmpty ? HTML.empty : "<div class=\"commands\">\(code)</div>")\(links)</section>
            """
    }

    /// A video's player (muted, with controls), or a placeholder saying why there is none.
    static func player(_ report: VideoReport, id: String? = nil, preload: String = "metadata") -> HTML {
        guard let asset = report.asset else {
            let why: String
            switch report.status {
            case "succeeded" where report.url == nil: why = "No file: registered without a result URL, so there is nothing to fetch"
            case "succeeded": why = "Not in the vault yet: troupe video fetch \(name(of: report))"
            case "failed": why = "Failed" + (report.failureReason.map { ": \($0.replacingOccurrences(of: "_", with: " "))" } ?? "")
            case "unknown": why = "Unknown: the call may have been taken (see Tasks)"
            default: why = "Being made (\(report.status))"
            }
            return "<div class=\"noplayer np-\(report.status)\"><span>\(why)</span></div>"
        }
        let idAttribute: HTML = id.map { "id=\"\($0)\" " } ?? .empty
        // A grid player that only loads metadata shows a frame from 0.1 s instead of a black box.
        let frame = preload == "metadata" ? "#t=0.1" : ""
        return """
            <video \(idAttribute)data-pid="\(name(of: report))" src="\(fileURL(asset.sha256))\(frame)" preload="\(preload)" muted controls playsinline></video>
            """
    }

    /// A card for a video in a grid: its player, name, status, prompt and model.
    static func videoCard(_ report: VideoReport) -> HTML {
        let href = videoURL(name(of: report))
        let facts = [report.model, report.provider, shortTime(report.createdAt)].compactMap { $0 }.joined(separator: " · ")
        let prompt: HTML = report.prompt.map { "<p class=\"prompt\">\($0)</p>" } ?? "<p class=\"prompt none\">no prompt recorded</p>"
        return """
            <article class="vcard">\(player(report))<div class="body"><div class="title"><a href="\(href)" title="\(name(of: report))">\(name(of: report))</a>\(badge(report.status))</div>\(prompt)<p class="meta">\(facts)</p>\(tags(report.tags) { "/videos" + HTML.query([("tag", $0)]) })</div></article>
            """
    }

    /// A grid of video cards.
    static func videoGrid(_ reports: [VideoReport]) -> HTML {
        "<div class=\"grid videos\">\(reports.map(videoCard))</div>"
    }

    /// A money amount with its currency, never mixed with another.
    static func money(_ amount: Decimal, _ currency: String) -> String {
        Currency.text(amount, currency) + " " + currency
    }

    static func money(_ amount: Double, _ currency: String) -> String {
        money(Currency.rounded(amount, currency), currency)
    }

    /// Each provider's currency, by provider name.
    static func currencies(_ catalog: Catalog) throws -> [String: String] {
        var map: [String: String] = [:]
        for provider in try catalog.providers() { map[provider.name] = provider.kind.currency }
        return map
    }
}
