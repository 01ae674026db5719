import ArgumentParser
import TroupeCatalog
import TroupeStudio

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "The journal of paid calls: list, show, resume.",
        discussion: """
            Example:
              troupe task list --open
              troupe task show 12 --json
              troupe task resume
            """,
        subcommands: [List.self, Show.self, Resume.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List journaled calls, newest first.",
            discussion: "Example:\n  troupe task list --open")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only tasks not finished (or finished without their file).") var open = false
        @Option(help: "Show at most this many.") var limit: Int?

        func run() throws {
            let reports = try global.openCatalog().tasks(open: open, limit: limit).map(TaskReport.init)
            if global.json { return try Output.json(reports) }
            if reports.isEmpty { return Output.note(open ? "no open tasks" : "no tasks yet") }
            Output.table(["ID", "KIND", "PROVIDER", "STATE", "ATTEMPTS", "REMOTE ID", "CREATED"], reports.map {
                [String($0.id), $0.kind, $0.provider, $0.state, String($0.attempts), $0.remoteId ?? "-", $0.createdAt]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one journaled call.",
            discussion: "Example:\n  troupe task show 12")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The task id.") var id: Int64

        func run() throws {
            let entry = try global.openCatalog().journalEntry(taskId: id)
            let report = TaskReport(entry.task)
            if global.json { return try Output.json(report) }
            let fields: [(String, String?)] = [
                ("id", String(report.id)), ("kind", report.kind), ("provider", report.provider), ("state", report.state),
                ("remote id", report.remoteId), ("attempts", String(report.attempts)), ("failure", report.failureReason),
                ("error", report.error), ("video", entry.video?.pid?.rawValue), ("character", entry.character.map { "@\($0.handle)" }),
                ("request", entry.task.request), ("created", report.createdAt),
            ]
            for (name, value) in fields {
                if let value { print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + value) }
            }
            if report.state == "unknown" {
                Output.note("this call was sent but no task id came back: troupe will not send it again; check the provider's console")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Finish every open task: poll, record, download. Unknown calls are never resent.",
            discussion: "Example:\n  troupe task resume")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let results = try await global.openStudio().resume(events: ProgressPrinter(verbose: global.verbose).events)
            if global.json {
                return try Output.json(results.map { ["id": String($0.taskId), "before": $0.before.rawValue, "after": $0.after.rawValue, "summary": $0.summary] })
            }
            if results.isEmpty { return print("nothing to resume") }
            for result in results { print("task \(result.taskId): \(result.summary)") }
        }
    }
}

struct CostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costs",
        abstract: "What the journaled calls cost, by day and provider (refunds subtracted).",
        discussion: "Example:\n  troupe costs --json")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lines = try global.openCatalog().costs()
        if global.json { return try Output.json(lines) }
        if lines.isEmpty { return Output.note("no paid calls yet") }
        Output.table(["DAY", "PROVIDER", "CALLS", "CHARGED", "REFUNDED", "NET"], lines.map {
            [$0.day, $0.provider, String($0.calls), String(format: "%.2f", $0.charged), String(format: "%.2f", $0.refunded), String(format: "%.2f", $0.net)]
        })
    }
}
