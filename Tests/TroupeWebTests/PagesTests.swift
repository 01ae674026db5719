import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeStudio
@testable import TroupeWeb

@Suite struct PagesTests {
    /// No inline script or style anywhere (the CSP forbids them), and nothing fetched from elsewhere.
    static func checkShell(_ html: String, page: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.hasPrefix("<!doctype html>"), sourceLocation: sourceLocation)
        #expect(html.contains("<body data-page=\"\(page)\">"), sourceLocation: sourceLocation)
        #expect(html.contains("<meta name=\"csrf-token\" content=\"tok&quot;&lt;en&gt;\">"), sourceLocation: sourceLocation)
        #expect(!html.contains("style="), sourceLocation: sourceLocation)
        #expect(!html.contains("<style"), sourceLocation: sourceLocation)
        #expect(html.occurrences(of: "<script") == 1, sourceLocation: sourceLocation)
        #expect(html.contains("<script src=\"/assets/app.js\" defer></script>"), sourceLocation: sourceLocation)
        #expect(html.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, sourceLocation: sourceLocation)
        #expect(html.range(of: #"(src|href)="(https?:)?//"#, options: .regularExpression) == nil, sourceLocation: sourceLocation)
        #expect(!html.contains("<script>alert"), sourceLocation: sourceLocation)
        // Markup escaped twice would show as text.
        #expect(html.range(of: #"&lt;/?(a|p|pre|div|span|code|video|section|ul|li|dt|dd|h2|svg|g|rect|text|br)[ &]"#, options: .regularExpression) == nil,
                sourceLocation: sourceLocation)
        #expect(!html.contains("&amp;lt;") && !html.contains("&amp;quot;"), sourceLocation: sourceLocation)
        for section in ["Cast", "Videos", "Compose", "Tasks", "Costs"] {
            #expect(html.contains(">\(section)</a>"), sourceLocation: sourceLocation)
        }
    }

    @Test func castShowsEachCharacterWithItsClipLoopingFromTheVault() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let html = try Pages.cast(fixture.studio, fixture.context)
        Self.checkShell(html, page: "cast")
        #expect(html.contains("<article class=\"card\" data-handle=\"hero\">"))
        #expect(html.contains("<article class=\"card\" data-handle=\"dancer\">"))
        // hero was extracted from s_a001, whose file is in the vault: its clip loops from second 1 to 3.
        #expect(html.contains("<video class=\"clip\" src=\"/files/\(WebFixture.sha(1))\" data-start=\"1\" data-end=\"3\" muted loop data-loop data-autoplay"))
        #expect(html.contains("<li>lead</li>"))
        #expect(html.contains("from s_a001"))
        // dancer's clip is only a URL: no external request, a placeholder instead.
        #expect(!html.contains("cdn.example.com"))
    }

    @Test func emptyPagesSayWhatToDoNext() throws {
        let fixture = try WebFixture()
        let cast = try Pages.cast(fixture.studio, fixture.context)
        #expect(cast.contains("No characters yet") && cast.contains("troupe character upload"))
        let videos = try Pages.videos(fixture.studio, fixture.context)
        #expect(videos.contains("No videos yet") && videos.contains("troupe video generate"))
        let tasks = try Pages.tasks(fixture.studio, fixture.context)
        #expect(tasks.contains("No paid calls yet") && tasks.contains("<table id=\"tasks\""))
        let costs = try Pages.costs(fixture.studio, fixture.context)
        #expect(costs.contains("Nothing spent yet"))
        for (html, page) in [(cast, "cast"), (videos, "videos"), (tasks, "tasks"), (costs, "costs")] {
            Self.checkShell(html, page: page)
        }
    }

    @Test func hostilePromptIsEscapedEverywhere() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;"
        let video = try Pages.video(fixture.studio, pid: "s_a001", fixture.context)
        Self.checkShell(video, page: "video")
        #expect(video.contains("<pre class=\"prompt\">\(escaped)</pre>"))
        let videos = try Pages.videos(fixture.studio, fixture.context)
        Self.checkShell(videos, page: "videos")
        #expect(videos.contains(escaped))
        let lineage = try Pages.lineage(fixture.studio, subject: "s_a001", fixture.context)
        Self.checkShell(lineage, page: "lineage")
        #expect(lineage.contains("&lt;script&gt;alert(1)"))
        // A hostile search text comes back escaped in the form.
        let search = PageContext(csrfToken: "t", query: ["search": "\"><script>alert(2)</script>"])
        let searched = try Pages.videos(fixture.studio, search)
        #expect(!searched.contains("<script>alert(2)"))
        #expect(searched.contains("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""))
        let missing = Pages.notFound("no video <img src=x>", fixture.context)
        #expect(missing.contains("no video &lt;img src=x&gt;"))
    }

    @Test func videosGridHasRealPlayersFiltersAndPages() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        for index in 0..<61 { try fixture.video(String(format: "s_d%04x", index), prompt: "bulk take \(index)", file: 10 + index) }
        let first = try Pages.videos(fixture.studio, fixture.context)
        #expect(first.occurrences(of: "<video data-pid=") == 60)
        #expect(first.contains("<video data-pid=\"s_d003c\" src=\"/files/\(WebFixture.sha(70))#t=0.1\" preload=\"metadata\" muted controls playsinline>"))
        #expect(first.contains("1–60 of 64 videos"))
        #expect(first.contains("href=\"/videos?page=2\""))
        #expect(first.contains("data-autosubmit"))
        let second = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["page": "2"]))
        #expect(second.contains("61–64 of 64 videos"))
        #expect(second.contains("<video data-pid=\"s_b002\" src=\"/files/\(WebFixture.sha(2))#t=0.1\" preload=\"metadata\" muted controls playsinline>"))
        // A video with no file says why instead of showing a player.
        #expect(second.contains("No file: registered without a result URL, so there is nothing to fetch"))
        #expect(!second.contains("troupe video fetch s_c003"))

        let filtered = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["character": "@hero", "search": "night"]))
        #expect(filtered.occurrences(of: "<video data-pid=") == 1)
        #expect(filtered.contains("data-pid=\"s_b002\""))
        #expect(filtered.contains("<option value=\"hero\" selected>@hero</option>"))
        let paged = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["search": "bulk", "page": "1"]))
        #expect(paged.contains("href=\"/videos?search=bulk&amp;page=2\""))

        let bad = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["status": "great", "since": "yesterday"]))
        #expect(bad.contains("invalid status &#39;great&#39;: use one of pending, running, succeeded, failed, unknown"))
        #expect(bad.contains("invalid date &#39;yesterday&#39;"))
    }

    @Test func videoPageShowsPromptFamilyDownloadAndActionsThatAsk() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let html = try Pages.video(fixture.studio, pid: "s_b00", fixture.context)
        Self.checkShell(html, page: "video")
        #expect(html.contains("<video id=\"player\" data-pid=\"s_b002\" src=\"/files/\(WebFixture.sha(2))\""))
        #expect(html.contains("href=\"/files/\(WebFixture.sha(2))\" download=\"s_b002.mp4\""))
        #expect(html.contains("<a href=\"/videos/s_a001\">s_a001</a>"))
        #expect(html.contains("<a href=\"/characters/hero\">@hero</a>"))
        #expect(html.contains("<h2>1 remix</h2>") && html.contains("<a href=\"/videos/s_c003\" title=\"s_c003\">s_c003</a>"), "its remix is listed")
        #expect(html.contains("data-action=\"/api/videos/s_b002/remix\""))
        #expect(html.contains("data-action=\"/api/characters/extract\""))
        #expect(html.contains("<dialog id=\"confirm\""))
        #expect(html.contains("Registered: made elsewhere"))

        let root = try Pages.video(fixture.studio, pid: "s_a001", fixture.context)
        #expect(root.contains("<a class=\"chip\" href=\"/characters/hero\">@hero</a>"), "the character extracted from it")
        #expect(throws: (any Error).self) { try Pages.video(fixture.studio, pid: "s_ffff", fixture.context) }
    }

    @Test func videoPageShowsTheTaskJournal() throws {
        let fixture = try WebFixture()
        let entry = try fixture.task(provider: "grsai", state: .unknown, cost: 0.4, prompt: "journaled <call>")
        let html = try Pages.video(fixture.studio, pid: "video#\(entry.video!.id!)", fixture.context)
        #expect(html.contains("<a href=\"/tasks#task-\(entry.task.id!)\">#\(entry.task.id!)</a> generate on grsai"))
        #expect(html.contains("0.40 CNY"))
        #expect(html.contains("connection reset &lt;b&gt;after&lt;/b&gt; sending"))
        #expect(html.contains("journaled &lt;call&gt;"))
    }

    @Test func characterPageShowsProvenanceTheClipRangeAndItsVideos() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let html = try Pages.character(fixture.studio, handle: "hero", fixture.context)
        Self.checkShell(html, page: "character")
        #expect(html.contains("Extracted from the video <a href=\"/videos/s_a001\">s_a001</a>, seconds 1–3."))
        #expect(html.contains("<video id=\"source\" class=\"source\" src=\"/files/\(WebFixture.sha(1))\" data-start=\"1\" data-end=\"3\""))
        // The range 1–3 of a 10 s video: from 100 to 300 on a bar of 1000.
        #expect(html.contains("<rect class=\"range\" x=\"100\" y=\"2\" width=\"200\""))
        #expect(html.contains("data-pid=\"s_b002\""), "the video featuring it")
        #expect(html.contains("Featured in 1 video"))
        let dancer = try Pages.character(fixture.studio, handle: "@dancer", fixture.context)
        #expect(dancer.contains("Clip only"))
        #expect(dancer.contains("No video features @dancer yet"))
        #expect(throws: (any Error).self) { try Pages.character(fixture.studio, handle: "nobody", fixture.context) }
    }

    @Test func lineagePageDrawsOneNodePerVideoAndCharacter() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let html = try Pages.lineage(fixture.studio, subject: "@hero", fixture.context)
        Self.checkShell(html, page: "lineage")
        #expect(html.contains("<svg id=\"lineage\""))
        #expect(html.occurrences(of: "<g class=\"node ") == 4)
        for id in ["s_a001", "s_b002", "s_c003", "@hero"] { #expect(html.contains("data-id=\"\(id)\"")) }
        #expect(html.contains("<a href=\"/characters/hero\">"))
        #expect(html.occurrences(of: "<path class=\"edge ") == 4)
        #expect(throws: (any Error).self) { try Pages.lineage(fixture.studio, subject: "s_a001", PageContext(csrfToken: "t", query: ["direction": "sideways"])) }
    }

    @Test func composeHasTheEditorHooks() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let html = try Pages.compose(fixture.studio, PageContext(csrfToken: "t", query: ["prompt": "@hero </textarea><script>x</script>"]))
        #expect(html.contains("<body data-page=\"compose\">"))
        for hook in ["<textarea id=\"prompt\"", "<select id=\"provider\"", "<select id=\"model\"", "<ul id=\"problems\"",
                     "<pre id=\"request\"", "<span id=\"price\">", "<button id=\"generate\"", "<dialog id=\"confirm\""] {
            #expect(html.contains(hook), "\(hook)")
        }
        #expect(html.contains("@hero &lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>"))
        #expect(html.contains("data-insert=\"@hero \""))
        #expect(html.contains("(default)"))
    }

    @Test func tasksListOpenCallsWithTheirActions() throws {
        let fixture = try WebFixture()
        let unknown = try fixture.task(provider: "grsai", state: .unknown, cost: 0.4)
        let done = try fixture.task(provider: "acedata", state: .succeeded, cost: 0.5)
        let onlyUnknown = try Pages.tasks(fixture.studio, fixture.context)
        // An unknown call is never resumed (it is reconciled), so there is nothing to resume yet.
        #expect(!onlyUnknown.contains("/resume\""))
        #expect(onlyUnknown.contains("data-post=\"/api/reconcile\" data-body=\"{&quot;task_id&quot;:\(unknown.task.id!)}\""))
        let running = try fixture.task(provider: "grsai", state: .running, cost: 0)
        let html = try Pages.tasks(fixture.studio, fixture.context)
        Self.checkShell(html, page: "tasks")
        #expect(html.contains("<tr id=\"task-\(unknown.task.id!)\" data-task=\"\(unknown.task.id!)\" data-state=\"unknown\""))
        #expect(html.contains("data-task=\"\(done.task.id!)\" data-state=\"succeeded\""))
        // One Resume for all open calls (the server follows them all), saying it charges nothing.
        #expect(html.occurrences(of: "/resume\"") == 1)
        #expect(html.contains("data-post=\"/api/tasks/\(running.task.id!)/resume\""))
        #expect(html.contains("Resume 1 open</button>"))
        #expect(html.contains("nothing is charged"))
        #expect(html.contains("data-events=\"/api/events\""))
        #expect(html.contains("<span id=\"open-count\">2</span> open, <span id=\"finished-count\">1</span> recent finished"))
        #expect(html.contains("<th>Made</th><th>Actions</th>"))
        // Each row links to the video its call makes (here video#ID: no pid yet).
        #expect(html.contains("<td class=\"made\"><a href=\"/videos/video%23\(running.video!.id!)\""))
    }

    @Test func costsNeverAddTwoCurrencies() throws {
        let fixture = try WebFixture()
        try fixture.task(provider: "grsai", state: .succeeded, cost: 0.4)
        try fixture.task(provider: "grsai", state: .succeeded, cost: 0.8)
        try fixture.task(provider: "acedata", state: .succeeded, cost: 0.5)
        let html = try Pages.costs(fixture.studio, fixture.context)
        Self.checkShell(html, page: "costs")
        #expect(html.contains("<svg id=\"cost-chart\""))
        #expect(html.contains("<span class=\"amount\">1.20 CNY</span>"))
        #expect(html.contains("<span class=\"amount\">0.50 USD</span>"))
        #expect(!html.contains("1.70"))
        #expect(html.contains("data-currency=\"CNY\"") && html.contains("data-currency=\"USD\""))
    }

    @Test func aThousandVideoChainPageCollapsesAndLinksToEveryNode() throws {
        let fixture = try WebFixture()
        let synthetic = try fixture.catalog.populateSyntheticLineage(videoCount: 1_200, chainDepth: 1_000, fanOut: 10, subtreeSize: 101)
        let html = try Pages.lineage(fixture.studio, subject: synthetic.deepest.rawValue, fixture.context)
        Self.checkShell(html, page: "lineage")
        #expect(html.contains("<g class=\"node collapsed\" data-count=\"998\""))
        #expect(html.occurrences(of: "<g class=\"node ") == 3)
        #expect(html.contains("998 of 1000 nodes are collapsed"))
        #expect(html.contains("href=\"/lineage/\(synthetic.deepest.rawValue)?expand=all\""))
        let expanded = try Pages.lineage(fixture.studio, subject: synthetic.deepest.rawValue,
                                         PageContext(csrfToken: "t", query: ["expand": "all"]))
        #expect(expanded.occurrences(of: "<g class=\"node video") == 1000)
        #expect(expanded.contains("Collapse long chains"))
    }

    @Test func assetsAreSelfContainedAndSendTheToken() {
        for text in [Assets.css, Assets.js] {
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("@import"))
        }
        #expect(Assets.js.contains("meta[name=\"csrf-token\"]"))
        #expect(Assets.js.contains("'X-CSRF-Token': csrf"))
        #expect(Assets.js.contains("post('/api/compile', body())"))
        #expect(Assets.js.contains("setTimeout(compile, 200)"))
        #expect(Assets.js.contains("new EventSource(table.getAttribute('data-events') || '/api/events')"))
        #expect(Assets.js.contains("confirm: true"))
        #expect(Assets.css.contains("@media (max-width: 820px)"))
    }

    @Test func pastTheLastPageSaysSoAndLinksBack() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        for index in 0..<61 { try fixture.video(String(format: "s_e%04x", index), prompt: "bulk take \(index)") }
        let html = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["page": "3"]))
        #expect(html.contains("Page 3 of 2"))
        #expect(html.contains("href=\"/videos?page=2\">Go to the last page (2)</a>"))
        #expect(!html.contains("No videos yet"))
        let filtered = try Pages.videos(fixture.studio, PageContext(csrfToken: "t", query: ["search": "bulk", "page": "9"]))
        #expect(filtered.contains("Page 9 of 2"))
        #expect(filtered.contains("href=\"/videos?search=bulk&amp;page=2\""))
    }

    @Test func aVideoWithoutAPidHasItsLineagePage() throws {
        let fixture = try WebFixture()
        let entry = try fixture.task(provider: "grsai", state: .running, cost: 0)
        let id = entry.video!.id!
        let page = try Pages.video(fixture.studio, pid: "video#\(id)", fixture.context)
        #expect(page.contains("<a class=\"button quiet\" href=\"/lineage/video%23\(id)\">Lineage</a>"))
        let lineage = try Pages.lineage(fixture.studio, subject: "video#\(id)", fixture.context)
        Self.checkShell(lineage, page: "lineage")
        #expect(lineage.contains("<g class=\"node video root\" data-id=\"video#\(id)\""))
        #expect(throws: (any Error).self) { try Pages.lineage(fixture.studio, subject: "video#99999", fixture.context) }
    }

    @Test func videoFactsSayTheDurationWasAskedFor() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        var video = try fixture.catalog.video(pid: try Pid("s_b002"))
        video.duration = 10
        try fixture.catalog.update(video)
        let html = try Pages.video(fixture.studio, pid: "s_b002", fixture.context)
        #expect(html.contains("<dt>Duration</dt><dd>asked for 10 s</dd>"))
    }

    @Test func castingAdviceNamesAModelThatTakesTheCharacter() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let pilot = try Handle("pilot")
        _ = try fixture.catalog.insert(CharacterEntry(handle: pilot, providerName: nil, characterId: nil, sourceKind: .registered, status: .ready))
        try fixture.catalog.setCharacterImage(pilot, to: .url("https://cdn.example.com/pilot.png"))
        let html = try Pages.character(fixture.studio, handle: "pilot", fixture.context)
        // An image-only character on the default sora-2 would be refused: the advice names a model that takes images.
        #expect(!html.contains("<code>troupe video generate &quot;@pilot walks into the light&quot;</code>"))
        #expect(html.contains("<code>troupe video generate --provider "))
        let character = try fixture.catalog.character(handle: pilot)
        let command = try #require(Pages.castingCommand(fixture.catalog, character, prompt: "@pilot walks"))
        let model = try #require(command.components(separatedBy: "--model ").last?.components(separatedBy: " ").first)
        let specs = try fixture.catalog.models().filter { $0.name.rawValue == model }
        #expect(specs.contains { $0.characterForms.contains(.image) })
        // Compose marks each chip with its forms and each model with the forms it takes.
        let compose = try Pages.compose(fixture.studio, fixture.context)
        #expect(compose.contains("data-insert=\"@pilot \" data-forms=\"image\""))
        #expect(compose.contains("data-forms=\"id clip\" selected>sora-2 (default)</option>"))
    }
}

