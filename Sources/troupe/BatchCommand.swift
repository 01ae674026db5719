import ArgumentParser
import Foundation
import TroupeStudio

struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Generate one video per CSV row: every row is checked first, the cost shown and capped.",
        discussion: """
            CSV columns fill {{variables}}; the columns aspect, duration, size, model, remix_of, \
            image, first_frame and last_frame set those options per row (image may hold several \
            reference images separated by `;`). Nothing is sent while any row has a problem (all are \
            listed at once). Re-running the same batch continues where it stopped: rows already \
            sent are finished, never sent again; rows the provider refused (not_accepted or \
            rate_limited: nothing charged) are sent again on their journal rows; unknown rows wait \
            for `troupe task reconcile`. The CSV must be UTF-8 (a file that is not is refused with \
            the line of its first bad bytes). Two runs at once send each row once: the rows the \
            other run sends are named and followed to their end. Exit status: 0 all rows \
            succeeded, 3 a row failed at the provider, 4 a row is unknown or still open.

            Example (scenes.csv):
              place,model,duration,image
              Paris,veo3.1-fast,,https://img.example.com/a.png;https://img.example.com/b.png
              Rome,sora-2,15,

              troupe batch scenes.csv --template duel --concurrency 4 --max-cost 5 --yes
              troupe batch scenes.csv --prompt "@hero visits {{place}}" --yes --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file (first line: column names).") var file: String
    @Option(help: ArgumentHelp("A saved template to fill with each row.", valueName: "name")) var template: String?
    @Option(help: "A prompt to fill with each row (instead of --template).") var prompt: String?
    @Option(name: .customLong("var"), help: ArgumentHelp("A variable for every row, name=value (repeatable).", valueName: "name=value")) var variables: [String] = []
    @Option(help: "Rows in flight at once.") var concurrency: Int = 4
    @Option(name: .customLong("max-cost"), help: "Refuse when the estimated cost of the rows to send exceeds this.") var maxCost: Double?
    @Flag(help: "Send without asking.") var yes = false
    @OptionGroup var polling: PollingOptions

    func validate() throws {
        if (template == nil) == (prompt == nil) { throw ValidationError("give --template NAME or --prompt TEXT (one of them)") }
        if concurrency < 1 || concurrency > 20_000 { throw ValidationError("--concurrency must be between 1 and 20000") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let studio = try global.openStudio(polling)
        let source: PromptSource = template.map { .template(name: $0) } ?? .text(prompt ?? "")
        let plan: BatchPlan
        do {
            plan = try studio.planBatch(csv: data, prompt: source, providerName: global.provider, variables: variables)
        } catch let error as BatchError {
            Output.note("Error: " + error.description)
            throw ExitCode.failure
        }
        let earlier = plan.rows.count - plan.toSend
        Output.note("\(plan.rows.count) row(s): \(plan.toSend) to send"
                    + (plan.toResend > 0 ? " (\(plan.toResend) refused by the provider in an earlier run, sent again)" : "")
                    + (earlier > 0 ? ", \(earlier) sent by an earlier run" : "")
                    + "; estimated cost \(plan.estimateText)")
        if let maxCost {
            // One amount cannot cap two currencies: amounts in different currencies are never added.
            guard plan.estimates.count == 1 else {
                throw CLIError("--max-cost is one amount, but the rows to send price in \(plan.estimateText): run the rows of each currency as a batch of their own: nothing was sent")
            }
            if plan.estimate > Decimal(maxCost) {
                throw CLIError("the estimated cost \(plan.estimateText) exceeds --max-cost \(maxCost): nothing was sent")
            }
        }
        if plan.toSend > 0 && !yes {
            guard isatty(STDIN_FILENO) != 0 else {
                throw CLIError("add --yes to send \(plan.toSend) paid call(s) (estimated \(plan.estimateText))")
            }
            FileHandle.standardError.write(Data("send \(plan.toSend) paid call(s) for about \(plan.estimateText)? [y/N] ".utf8))
            guard readLine()?.lowercased().hasPrefix("y") == true else { throw CLIError("nothing was sent") }
        }
        let counter = RowCounter(total: plan.rows.count, toSend: plan.toSend)
        let results = await studio.runBatch(plan, concurrency: concurrency, events: counter.note, onStart: counter.started, onRow: counter.record)
        if global.json { try Output.json(results) } else {
            Output.table(["LINE", "TASK", "STATE", "VIDEO", "NOTE"], results.map { result -> [String] in
                let task: String = result.taskId.map { String($0) } ?? "-"
                let note: String = (result.sentByOtherProcess ? "(other process) " : result.sentNow ? "" : "(earlier run) ") + (result.error ?? "")
                return [String(result.line), task, result.state, result.video ?? "-", note]
            })
        }
        let failed = results.filter { $0.state != "succeeded" }.count
        Output.note("\(results.count - failed) succeeded, \(failed) did not")
        let others = results.filter(\.sentByOtherProcess)
        if !others.isEmpty {
            Output.note("line(s) \(others.map { String($0.line) }.joined(separator: ", ")) were sent by another troupe process running this batch "
                        + "(task(s) \(others.compactMap { $0.taskId.map(String.init) }.joined(separator: ", "))): followed here to their end, not sent twice")
        }
        try Self.finish(results)
    }

    /// Ends the command by where its rows stand (see `ExitStatus`): a row never journaled
    /// (a local error) counts as a local error, below any paid call that failed or is open.
    static func finish(_ results: [BatchRowResult]) throws {
        let code = ExitStatus.code(for: results.compactMap(\.ending))
        let open = results.filter { $0.ending == .open || $0.ending == .unknown }
        if code == ExitStatus.unknownOrOpen {
            let unknown = open.filter { $0.ending == .unknown }.compactMap(\.taskId).map(String.init)
            let running = open.filter { $0.ending == .open }.map { String($0.line) }
            Output.note([unknown.isEmpty ? nil : "task(s) \(unknown.joined(separator: ", ")) unknown: `troupe task reconcile ID` settles each",
                         running.isEmpty ? nil : "line(s) \(running.joined(separator: ", ")) still open: `troupe task resume` (or re-running the batch) finishes them"]
                .compactMap { $0 }.joined(separator: "; "))
        }
        if code != ExitStatus.success { throw ExitCode(code) }
        if results.contains(where: { $0.ending == nil }) { throw ExitCode.failure }
    }
}

/// Counts finished rows and estimates the time left: a bar rewritten in place on a terminal, one
/// line per finished row otherwise (for logs).
final class RowCounter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    /// Rows this run sends; the others an earlier run sent, followed here to their end.
    private let toSend: Int
    private var done = 0
    private var succeeded = 0
    private var inFlight = 0
    /// Rows another worker (a troupe process running the same batch on the same catalogue) sent.
    private var byOthers = 0
    private var announced = false
    private let startTime = Date()
    private let terminal = isatty(STDERR_FILENO) != 0

    init(total: Int, toSend: Int) {
        self.total = total
        self.toSend = toSend
    }

    /// Records a row put in flight; the bar shows it at once (a log gets one line, at the first).
    func started(_ line: Int) {
        let text = lock.withLock { () -> String? in
            inFlight += 1
            if terminal { return bar() }
            guard !announced else { return nil }
            announced = true
            return toSend == 0 ? "following \(total) row(s) an earlier run sent (nothing to send)\n"
                : "sending \(toSend) of \(total) row(s), \(inFlight) in flight\n"
        }
        if let text { FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// Records a finished row and prints the progress.
    func record(_ result: BatchRowResult) {
        let text = lock.withLock { () -> String in
            done += 1
            inFlight = max(0, inFlight - 1)
            if result.state == "succeeded" { succeeded += 1 }
            if result.sentByOtherProcess { byOthers += 1 }
            return terminal ? bar() + (done == total ? "\n" : "") : line(for: result) + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a note of the run (a row another process sends, a wait after a 429) on a line of
    /// its own, above the bar.
    var note: StudioEvents {
        { [self] event in
            guard case .note(let text) = event else { return }
            let line = lock.withLock { terminal ? "\r\u{1B}[K" + text + "\n" + bar() : text + "\n" }
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private var eta: String {
        let elapsed = Date().timeIntervalSince(startTime)
        guard done < total else { return String(format: "%.0f s", elapsed) }
        guard done > 0 else { return "time left not known yet" }
        return String(format: "about %.0f s left", elapsed / Double(done) * Double(total - done))
    }

    func line(for result: BatchRowResult) -> String {
        "[\(done)/\(total), \(inFlight) in flight, \(eta)] line \(result.line): \(result.state)" + (result.video.map { " \($0)" } ?? "")
            + (result.sentByOtherProcess ? " (sent by another worker, followed here)" : "")
    }

    private func bar() -> String {
        let width = 30
        let filled = done * width / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let others = byOthers > 0 ? ", \(byOthers) by other workers" : ""
        return "\r[\(bar)] \(done)/\(total) (\(succeeded) succeeded, \(done - succeeded) not, \(inFlight) in flight\(others)), \(eta)   "
    }
}
