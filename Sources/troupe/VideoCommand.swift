import ArgumentParser
import TroupeCatalog
import TroupeDomain

struct VideoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "video",
        abstract: "Catalogue videos: register ones made elsewhere, list and show them.",
        discussion: """
            Example:
              troupe video generate "@hero skateboards through a market"
              troupe video remix s_68f1a2 "same ride, at night"
              troupe video add s_68f1a2 --prompt "a cat on a skateboard"
              troupe video add s_77aa01 --remix-of s_68f1a2 --prompt "now at night"
              troupe video list --search "skateboard night" --tag keeper
              troupe video show s_77aa01 --json
              troupe video tag s_77aa01 +keeper
              troupe video export ./keepers --tag keeper
            """,
        subcommands: [List.self, Show.self, Generate.self, Remix.self, Fetch.self, Add.self, TagCommand.self, Note.self, Export.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a video made elsewhere (GrsAI's web tool, say).",
            discussion: """
                An uncatalogued --remix-of video is registered too. Giving --remix-of to a video \
                already catalogued without a parent links it, unless that would make a cycle.

                Example:
                  troupe video add s_77aa01 --remix-of s_68f1a2 --prompt "now at night"
                  troupe video add s_88bb02 --prompt "@hero meets @villain" --features hero --features villain
                  troupe video add s_99cc03 --model sora-2-pro --prompt "a fox at dawn"
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid (s_ followed by hex digits).") var pid: String
        @Option(name: .customLong("remix-of"), help: ArgumentHelp("The pid it was remixed from (a unique start of a catalogued one will do).", valueName: "pid")) var remixOf: String?
        @Option(help: "The prompt it was made with.") var prompt: String?
        @Option(help: "Its result URL (http or https).") var url: String?
        @Option(help: ArgumentHelp("A catalogued character it features (repeatable).", valueName: "handle")) var features: [String] = []
        @Option(help: ArgumentHelp("The model that made it, as its provider names it (any name: it need not be in `troupe model list`).", valueName: "name"),
                transform: VideoModel.parse) var model: VideoModel?

        func run() throws {
            let pid = try Pid(self.pid)
            let features = try self.features.map { try Handle($0) }
            let catalog = try global.openCatalog()
            let parent = try remixOf.map { text in try catalog.resolvePidOrNew(text) }
            let video = try catalog.registerVideo(pid: pid, parent: parent, prompt: prompt, url: url, features: features,
                                                  providerName: try global.chosenProvider(catalog).name, model: model?.rawValue)
            if global.json { return try Output.json(catalog.report(for: video, vaultPath: global.troupeHome.vaultPath)) }
            print("registered \(pid)" + (parent.map { " (remix of \($0))" } ?? ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List catalogued videos, newest first.",
            discussion: """
                Every filter given must hold. --search looks in the prompt as written and as \
                compiled and in the notes, for all the words given (in any order); put a phrase \
                in double quotes inside the text, and end a word with * for the words it begins. \
                Other characters are only text. --provider lists the videos made on it.

                Example:
                  troupe video list --limit 20
                  troupe video list --search 'skate* "at night"' --character @hero
                  troupe video list --status succeeded --since 2026-11-01 --tag keeper --json
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup(title: "Filters") var filters: VideoFilters

        func run() throws {
            let catalog = try global.openCatalog()
            let page = try catalog.videos(matching: filters.query(provider: global.provider))
            let reports = try catalog.reports(for: page.videos, vaultPath: global.troupeHome.vaultPath)
            let footer = VideoFilters.footer(page)
            if global.json {
                if let footer { Output.note(footer) }
                return try Output.json(reports)
            }
            if page.total == 0 {
                let filtered = filters.query(provider: global.provider) != VideoQuery(limit: filters.limit, offset: filters.offset)
                return Output.note(filtered ? "no videos match" : "no videos yet: `troupe video add PID` registers one")
            }
            let tagged = reports.contains { !$0.tags.isEmpty }
            Output.table(["PID", "STATUS", "PROVIDER", "MODEL", "PARENT"] + (tagged ? ["TAGS"] : []) + ["PROMPT"], reports.map {
                [$0.pid ?? "video#\($0.id)", $0.status, $0.provider ?? "-", $0.model ?? "-", $0.parentPid ?? "-"]
                    + (tagged ? [$0.tags.joined(separator: ",")] : []) + [String(($0.prompt ?? "").prefix(50))]
            })
            if let footer { print(footer) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one video.",
            discussion: """
                PID may be a unique start of a pid (s_68f1), or video#ID for a video without one.

                Example:
                  troupe video show s_68f1a2 --json
                  troupe video show s_68f1
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid, a unique start of it, or video#ID.") var pid: String

        func run() throws {
            let catalog = try global.openCatalog()
            let report = try catalog.report(for: catalog.resolveVideo(pid), vaultPath: global.troupeHome.vaultPath)
            if global.json { return try Output.json(report) }
            let fields: [(String, String?)] = [
                ("pid", report.pid), ("video", report.pid == nil ? "video#\(report.id)" : nil), ("status", report.status), ("provider", report.provider),
                ("remix of", report.parentPid), ("prompt", report.prompt), ("compiled", report.compiledPrompt),
                ("model", report.model), ("aspect", report.aspect), ("duration", report.duration.map { "\($0) s" }),
                ("size", report.size), ("features", report.features.isEmpty ? nil : report.features.joined(separator: ", ")),
                ("tags", report.tags.isEmpty ? nil : report.tags.joined(separator: ", ")), ("notes", report.notes.isEmpty ? nil : report.notes),
                ("url", report.url), ("url expires", report.urlExpiresAt), ("failure", report.failureReason),
                ("error", report.error), ("conflict", report.pidConflict), ("file", report.asset?.path), ("created", report.createdAt),
            ]
            for (name, value) in fields {
                if let value { print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + Output.escaped(value)) }
            }
        }
    }
}
