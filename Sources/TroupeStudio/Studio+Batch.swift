import Crypto
import Foundation
import TroupeCatalog
import TroupePrompt
import TroupeProviders

/// A batch, checked and priced, before anything is sent.
public struct BatchPlan: Sendable {
    public struct Row: Sendable {
        /// The CSV line (the header is line 1).
        public var line: Int
        public var key: String
        public var prepared: PreparedGeneration
        /// The journal row of an earlier run of this batch, if any (nil for a refused row sent again).
        public var earlier: JournalEntry?
        /// The journal row of an earlier run the provider refused (failed with no task id,
        /// nothing charged): this row is sent again, reusing it.
        public var resendTaskId: Int64? = nil
    }

    public var rows: [Row]
    /// The price of the rows not sent yet (refused rows to send again included).
    public var estimate: Decimal
    public var currency: String
    /// The rows to send: new ones and refused ones sent again.
    public var toSend: Int { rows.filter { $0.earlier == nil }.count }
    /// Of `toSend`, the rows an earlier run sent and the provider refused (nothing charged).
    public var toResend: Int { rows.filter { $0.resendTaskId != nil }.count }
}

/// One row's ending.
public struct BatchRowResult: Sendable, Encodable {
    public var line: Int
    public var taskId: Int64?
    public var state: String
    public var pid: String?
    public var error: String?
    /// False when an earlier run had already sent it.
    public var sentNow: Bool

    enum CodingKeys: String, CodingKey { case line, taskId = "task_id", state, pid, error, sentNow = "sent_now" }
}

/// Every problem of a batch, found before anything is sent.
public struct BatchError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "the batch has \(problems.count) problem(s); nothing was sent:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
    }
}

extension Studio {
    /// Columns with a meaning of their own; every other column fills a `{{variable}}`.
    static let batchOptionColumns: Set<String> = ["aspect", "duration", "size", "model", "remix_of", "image"]

    /// Compiles every row first and reports all problems at once; prices what is left to send and
    /// finds rows an earlier run already journaled (by a key derived from what each row sends).
    /// A row the provider refused then (failed with no task id: nothing was charged) is to send
    /// again, reusing its journal row.
    public func planBatch(csv: String, prompt: PromptSource, providerName: String?, variables: [String] = []) throws -> BatchPlan {
        let table = try CSVTable(parsing: csv)
        let characters = try characterTable()
        var problems: [String] = []
        var rows: [BatchPlan.Row] = []
        var seen: [String: Int] = [:]
        var estimate: Decimal = 0
        var currency = ""
        for (index, row) in table.rows.enumerated() {
            let line = index + 2
            var options = GenerateOptions(prompt: prompt)
            options.providerName = providerName
            options.variables = variables + row.filter { !Self.batchOptionColumns.contains($0.key) }.map { "\($0.key)=\($0.value)" }
            func column(_ name: String) -> String? { row[name].flatMap { $0.isEmpty ? nil : $0 } }
            options.aspect = column("aspect")
            options.size = column("size")
            options.model = column("model")
            options.remixOf = column("remix_of")
            options.image = column("image")
            if let duration = column("duration") {
                guard let seconds = Int(duration) else { problems.append("line \(line): duration '\(duration)' is not a whole number of seconds"); continue }
                options.duration = seconds
            }
            do {
                let prepared = try prepareGeneration(options, characters: characters)
                let digest = SHA256.hash(data: Data((prepared.provider.name + "\n" + prepared.preview).utf8))
                let content = digest.map { String(format: "%02x", $0) }.joined()
                let occurrence = seen[content, default: 0]
                seen[content] = occurrence + 1
                let key = "batch:\(content):\(occurrence)"
                var earlier = try catalog.journalEntry(batchKey: key)
                var resendTaskId: Int64?
                if let refused = earlier, refused.task.isRefused {
                    resendTaskId = refused.task.id
                    earlier = nil
                }
                if earlier == nil { estimate += prepared.price.amount }
                currency = prepared.price.currency
                rows.append(BatchPlan.Row(line: line, key: key, prepared: prepared, earlier: earlier, resendTaskId: resendTaskId))
            } catch let error as PromptError {
                problems.append("line \(line): \(error.description)")
            } catch {
                problems.append("line \(line): \(error)")
            }
        }
        if !problems.isEmpty { throw BatchError(problems: problems) }
        if rows.isEmpty { throw StudioError("the CSV has a header but no rows") }
        return BatchPlan(rows: rows, estimate: estimate, currency: currency)
    }

    /// Runs a plan with at most `concurrency` rows in flight. Rows an earlier run sent are
    /// finished (polled, downloaded), never sent again.
    public func runBatch(_ plan: BatchPlan, concurrency: Int, environment: [String: String] = ProcessInfo.processInfo.environment,
                         events: @escaping StudioEvents = { _ in },
                         onRow: @escaping @Sendable (BatchRowResult) -> Void = { _ in }) async -> [BatchRowResult] {
        await withTaskGroup(of: BatchRowResult.self) { group in
            var results: [BatchRowResult] = []
            var next = 0
            func start(_ row: BatchPlan.Row) {
                group.addTask { await self.runRow(row, environment: environment, events: events) }
            }
            while next < plan.rows.count && next < max(1, concurrency) {
                start(plan.rows[next])
                next += 1
            }
            while let result = await group.next() {
                results.append(result)
                onRow(result)
                if next < plan.rows.count {
                    start(plan.rows[next])
                    next += 1
                }
            }
            return results.sorted { $0.line < $1.line }
        }
    }

    func runRow(_ row: BatchPlan.Row, environment: [String: String], events: @escaping StudioEvents) async -> BatchRowResult {
        do {
            let entry: JournalEntry
            if let earlier = row.earlier {
                entry = earlier.task.state.isTerminal && earlier.video?.assetSha256 != nil
                    ? earlier : try await resume(earlier, environment: environment, events: events)
            } else {
                entry = try await run(row.prepared, batchKey: row.key, reusing: row.resendTaskId, environment: environment, events: events)
            }
            return BatchRowResult(line: row.line, taskId: entry.task.id, state: entry.task.state.rawValue, pid: entry.video?.pid?.rawValue,
                                  error: entry.task.errorText ?? entry.video?.failureReason, sentNow: row.earlier == nil)
        } catch {
            let entry = try? catalog.journalEntry(batchKey: row.key)
            return BatchRowResult(line: row.line, taskId: entry?.task.id, state: entry?.task.state.rawValue ?? "not_sent",
                                  pid: entry?.video?.pid?.rawValue, error: "\(error)", sentNow: row.earlier == nil && entry != nil)
        }
    }
}
