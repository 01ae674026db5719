import ArgumentParser
import TroupeCatalog
import TroupeDomain
import TroupeStudio

struct TaskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "The journal of paid calls: list, show, resume, reconcile, retry.",
        discussion: """
            A call answered 429 is sent again after the wait (up to 5 sends), then fails \
            rate_limited. A call the provider refused (not_accepted, rate_limited: nothing charged) \
            can be sent again with `task retry` or by re-running its batch. A call whose outcome is \
            unknown (sent, no task id came back) is never resent: look for it in the provider's \
            console and settle it with `task reconcile`.

            Example:
              troupe task list --open
              troupe task show 12 --json
              troupe task resume
              troupe task reconcile 12 --remote-id 8a1f03c2
              troupe task reconcile 13 --not-taken
              troupe task retry 13
            """,
        subcommands: [List.self, Show.self, Resume.self, Reconcile.self, Retry.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List journaled calls, newest first.",
            discussion: "Example:\n  troupe task list --open")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only tasks not finished (or finished without their file).") var open = false
        @Option(help: "Show at most this many.") var limit: Int?

        func run() throws {
            let reports = try global.openCatalog().taskReports(open: open, limit: limit)
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
            let report = TaskReport(entry.task, model: entry.video?.model)
            if global.json { return try Output.json(report) }
            let fields: [(String, String?)] = [
                ("id", String(report.id)), ("kind", report.kind), ("provider", report.provider), ("model", report.model), ("state", report.state),
                ("remote id", report.remoteId), ("attempts", String(report.attempts)), ("failure", report.failureReason),
                ("error", report.error), ("cost", report.currency.map { "\(Currency.text(Currency.rounded(report.cost, $0), $0)) \($0)" }), ("video", entry.video?.nodeName), ("character", entry.character.map { "@\($0.handle)" }),
                ("request", entry.task.request), ("created", report.createdAt),
            ]
            for (name, value) in fields {
                if let value { print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + (name == "request" ? Output.escapedLines(value) : Output.escaped(value))) }
            }
            if report.state == "unknown" {
                Output.note("this call was sent but no task id came back: troupe will not send it again; check the provider's console, then "
                            + "`troupe task reconcile \(report.id) --remote-id ID` if it is there (`task resume` then tracks it), "
                            + "else `troupe task reconcile \(report.id) --not-taken`")
            } else if entry.task.failureReason == .rateLimited {
                Output.note("the provider kept answering 429 (nothing was charged): `troupe task retry \(report.id)` sends it again")
            } else if entry.task.isRefused {
                Output.note("the provider refused this call (nothing was charged). If the error says the request is at fault, "
                            + "sending it again is refused the same way: run the original command again with what it asks. "
                            + "If the refusal had a passing cause (an outage, a balance since topped up), "
                            + "`troupe task retry \(report.id)` sends it again")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Finish every open task: poll, record, download. Unknown calls are never resent.",
            discussion: """
                With --find, an unknown call to an OpenAI-style provider is first looked for in the \
                provider's list of videos, as `troupe task reconcile ID --find` does: exactly one \
                video with its prompt, made since, held by no other task, is attached and tracked to \
                its file; otherwise the call stays unknown.

                Example:
                  troupe task resume
                  troupe task resume --find
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Look for unknown calls in OpenAI-style providers' lists first.") var find = false

        func run() async throws {
            let results = try await global.openStudio().resume(find: find, events: ProgressPrinter(verbose: global.verbose).events)
            if global.json {
                try Output.json(results.map { ["id": String($0.taskId), "before": $0.before.rawValue, "after": $0.after.rawValue, "summary": $0.summary] })
            } else if results.isEmpty {
                print("nothing to resume")
            } else {
                for result in results { print("task \(result.taskId): \(Output.escaped(result.summary))") }
            }
            let code = ExitStatus.code(for: results.map(\.ending))
            if code != ExitStatus.success {
                let open = results.filter { [.open, .unknown].contains($0.ending) }.map { String($0.taskId) }
                let failed = results.filter { $0.ending == .failed }.map { String($0.taskId) }
                Output.note([open.isEmpty ? nil : "task(s) \(open.joined(separator: ", ")) not finished: "
                                + "unknown ones need `troupe task reconcile ID`, open ones `troupe task resume` again",
                             failed.isEmpty ? nil : "task(s) \(failed.joined(separator: ", ")) failed at the provider"]
                    .compactMap { $0 }.joined(separator: "; "))
                throw ExitCode(code)
            }
        }
    }
}

extension TaskCommand {
    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle an unknown call by what the provider shows.",
            discussion: """
                An unknown call was sent but no task id came back: the provider may have taken it. \
                Look for it in the provider's console (same prompt, same time). If it is there, attach \
                its task id: the task becomes submitted and `troupe task resume` tracks it to its file. \
                If the provider confirms it never took the call, mark it --not-taken: it fails \
                not_accepted (nothing charged), and `troupe task retry` or a batch re-run sends it again. \
                With an OpenAI-style provider, --find looks in its list of videos for one with the \
                same prompt made since the call, held by no other task, and attaches it when exactly \
                one matches (nothing changes otherwise).

                Example:
                  troupe task reconcile 12 --remote-id 8a1f03c2 && troupe task resume
                  troupe task reconcile 13 --not-taken --json
                  troupe task reconcile 14 --find
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The task id (an unknown task).") var id: Int64
        @Option(name: .customLong("remote-id"), help: ArgumentHelp("The provider's task id for this call.", valueName: "id")) var remoteId: String?
        @Flag(name: .customLong("not-taken"), help: "The provider never took this call.") var notTaken = false
        @Flag(help: "Look for the call in the provider's list of videos (OpenAI-style providers).") var find = false

        func validate() throws {
            if [remoteId != nil, notTaken, find].filter({ $0 }).count != 1 {
                throw ValidationError("give one of --remote-id ID (the provider has the call), --not-taken (it never took it) or --find (look in its list)")
            }
        }

        func run() async throws {
            let studio = try global.openStudio()
            let entry: JournalEntry
            if find {
                switch try await studio.find(taskId: id, events: ProgressPrinter(verbose: global.verbose).events) {
                case .attached(let found):
                    entry = found
                case .notFound(let looked):
                    throw CLIError("task \(id): no video of the provider matches its prompt and time (\(looked) looked at); if it never took the call: `troupe task reconcile \(id) --not-taken`")
                case .ambiguous(let ids):
                    throw CLIError("task \(id): \(ids.count) videos match its prompt and time (\(ids.joined(separator: ", "))): attach the right one with `troupe task reconcile \(id) --remote-id ID`")
                }
            } else {
                entry = try remoteId.map { try studio.reconcile(taskId: id, remoteId: $0) } ?? studio.reconcileNotTaken(taskId: id)
            }
            let report = TaskReport(entry.task, model: entry.video?.model)
            if global.json { return try Output.json(report) }
            if let remote = report.remoteId {
                print("task \(report.id): submitted as provider task \(Output.escaped(remote)); `troupe task resume` tracks it to its file")
            } else {
                print("task \(report.id): failed (not_accepted, nothing charged); `troupe task retry \(report.id)` or re-running its batch sends it again")
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send again a call the provider refused (not_accepted or rate_limited: nothing was charged).",
            discussion: """
                The journaled request is sent again on the same journal row, then tracked to its file. \
                Unknown calls are refused: they may have been taken; `troupe task reconcile` them first.

                Example:
                  troupe task retry 13
                  troupe task retry 13 --no-wait --json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The task id (a refused task).") var id: Int64
        @Flag(name: .customLong("no-wait"), help: "Return once the provider has the task (`troupe task resume` finishes it).") var noWait = false

        func run() async throws {
            let studio = try global.openStudio()
            let entry = try await studio.retry(taskId: id, wait: !noWait, events: ProgressPrinter(verbose: global.verbose).events)
            if global.json {
                try Output.json(TaskReport(entry.task, model: entry.video?.model))
                return try ExitStatus.finish(entry, waited: !noWait)
            }
            print("task \(id): \(entry.task.state.rawValue)" + (entry.task.remoteId.map { " (provider task \(Output.escaped($0)))" } ?? ""))
            try printOutcome(.done(entry), studio: studio, global: global, waited: !noWait)
        }
    }
}
