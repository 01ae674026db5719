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
              troupe video list
              troupe video show s_77aa01 --json
            """,
        subcommands: [List.self, Show.self, Generate.self, Remix.self, Fetch.self, Add.self],
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
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid (s_ followed by hex digits).") var pid: String
        @Option(name: .customLong("remix-of"), help: ArgumentHelp("The pid it was remixed from (a unique start of a catalogued one will do).", valueName: "pid")) var remixOf: String?
        @Option(help: "The prompt it was made with.") var prompt: String?
        @Option(help: "Its result URL (http or https).") var url: String?
        @Option(help: ArgumentHelp("A catalogued character it features (repeatable).", valueName: "handle")) var features: [String] = []

        func run() throws {
            let pid = try Pid(self.pid)
            let features = try self.features.map { try Handle($0) }
            let catalog = try global.openCatalog()
            let parent = try remixOf.map { text in try catalog.resolvePidOrNew(text) }
            let video = try catalog.registerVideo(pid: pid, parent: parent, prompt: prompt, url: url, features: features,
                                                  providerName: try global.chosenProvider(catalog).name)
            if global.json { return try Output.json(catalog.report(for: video, vaultPath: global.troupeHome.vaultPath)) }
            print("registered \(pid)" + (parent.map { " (remix of \($0))" } ?? ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List catalogued videos, newest first.",
            discussion: "Example:\n  troupe video list --limit 20\n  troupe video list --json")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Show at most this many.") var limit: Int?

        func run() throws {
            let catalog = try global.openCatalog()
            let reports = try catalog.reports(for: catalog.videos(limit: limit), vaultPath: global.troupeHome.vaultPath)
            if global.json { return try Output.json(reports) }
            if reports.isEmpty { return Output.note("no videos yet: `troupe video add PID` registers one") }
            Output.table(["PID", "STATUS", "PROVIDER", "MODEL", "PARENT", "PROMPT"], reports.map {
                [$0.pid ?? ($0.pidConflict != nil ? "video#\($0.id)" : "-"), $0.status, $0.provider ?? "-", $0.model ?? "-", $0.parentPid ?? "-",
                 String(($0.prompt ?? "").prefix(50))]
            })
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
                ("pid", report.pid), ("status", report.status), ("provider", report.provider),
                ("remix of", report.parentPid), ("prompt", report.prompt), ("compiled", report.compiledPrompt),
                ("model", report.model), ("aspect", report.aspect), ("duration", report.duration.map { "\($0) s" }),
                ("size", report.size), ("features", report.features.isEmpty ? nil : report.features.joined(separator: ", ")),
                ("url", report.url), ("url expires", report.urlExpiresAt), ("failure", report.failureReason),
                ("error", report.error), ("conflict", report.pidConflict), ("file", report.asset?.path), ("created", report.createdAt),
            ]
            for (name, value) in fields {
                if let value { print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + Output.escaped(value)) }
            }
        }
    }
}
