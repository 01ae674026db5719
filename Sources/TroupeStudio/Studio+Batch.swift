import Crypto
import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeHTTP
import TroupePrompt
import TroupeProviders

/// A batch, checked and priced, before anything is sent.
public struct BatchPlan: Sendable {
    public struct Row: Sendable {
        /// The CSV line (the header is line 1).
        public var line: Int
        public var key: String
        /// The row's CSV fields, in the header's order. A plan keeps no compiled request per
        /// row (a 100,000-row plan stays small): `prepared()` compiles it again, as it is sent.
        public var fields: [String]
        let context: BatchContext
        /// What the row asks for.
        public var options: GenerateOptions { get throws { try context.options(for: fields) } }
        /// The journal row of an earlier run of this batch, if any (nil for a refused row sent again).
        public var earlier: JournalEntry? {
            get { earlierBox?.entry }
            set { earlierBox = newValue.map(EntryBox.init) }
        }
        /// `earlier`, boxed: most rows have none, and a journal entry inline would make every
        /// row of a plan a kilobyte.
        private var earlierBox: EntryBox?
        /// The journal row of an earlier run the provider refused (failed with no task id,
        /// nothing charged): this row is sent again, reusing it.
        public var resendTaskId: Int64? = nil

        init(line: Int, key: String, fields: [String], context: BatchContext, earlier: JournalEntry?, resendTaskId: Int64?) {
            self.line = line
            self.key = key
            self.fields = fields
            self.context = context
            self.earlierBox = earlier.map(EntryBox.init)
            self.resendTaskId = resendTaskId
        }

        /// The row compiled and built as it was planned; throws when what it compiles to has
        /// changed since (a character or template edited meanwhile): its key no longer names it.
        public func prepared() throws -> PreparedGeneration {
            let prepared = try context.studio.prepareGeneration(options, characters: context.characters, provider: context.provider,
                                                                target: context.target)
            guard key.hasPrefix("batch:" + Studio.batchDigest(of: prepared) + ":") else {
                throw StudioError("line \(line) compiles to another request than when the batch was planned (a character or template changed): not sent; run the batch again")
            }
            return prepared
        }
    }

    public var rows: [Row]
    /// The price of the rows not sent yet (refused rows to send again included), in `currency`:
    /// the whole estimate when the rows price in one currency (see `estimates`).
    public var estimate: Decimal
    /// The first row's currency.
    public var currency: String
    /// The estimate by currency, sorted by code: rows on models that price in different
    /// currencies are summed apart, never added together.
    public var estimates: [PriceTable.Price] = []

    public init(rows: [Row], estimate: Decimal, currency: String, estimates: [PriceTable.Price]? = nil) {
        self.rows = rows
        self.estimate = estimate
        self.currency = currency
        self.estimates = estimates ?? [PriceTable.Price(amount: estimate, currency: currency)]
    }

    /// The estimate as one line: `1.20 CNY`, or `1.20 CNY and 0.60 USD`.
    public var estimateText: String {
        estimates.map { "\(Currency.text($0.amount, $0.currency)) \($0.currency)" }.joined(separator: " and ")
    }
    /// The rows to send: new ones and refused ones sent again.
    public var toSend: Int { rows.reduce(0) { $0 + ($1.earlier == nil ? 1 : 0) } }
    /// Of `toSend`, the rows an earlier run sent and the provider refused (nothing charged).
    public var toResend: Int { rows.reduce(0) { $0 + ($1.resendTaskId != nil ? 1 : 0) } }
}

final class EntryBox: Sendable {
    let entry: JournalEntry
    init(_ entry: JournalEntry) { self.entry = entry }
}

/// What every row of a plan is compiled against, looked up once, and how a row's CSV fields
/// become its options.
final class BatchContext: Sendable {
    let studio: Studio
    let characters: CharacterTable
    let provider: Provider
    let target: PromptTarget
    let prompt: PromptSource
    let providerName: String?
    /// `--var` assignments for every row.
    let variables: [String]
    /// The index of each column name (a name given twice counts once, by its first column).
    let columns: [String: Int]
    /// The columns that fill `{{variables}}`: their names and indices.
    let variableColumns: [(name: String, index: Int)]

    init(studio: Studio, characters: CharacterTable, provider: Provider, target: PromptTarget, prompt: PromptSource, providerName: String?,
         variables: [String], header: [String]) {
        self.studio = studio
        self.characters = characters
        self.provider = provider
        self.target = target
        self.prompt = prompt
        self.providerName = providerName
        self.variables = variables
        let columns = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.columns = columns
        variableColumns = header.enumerated().filter { !Studio.batchOptionColumns.contains($0.element) && columns[$0.element] == $0.offset }
            .map { (name: $0.element, index: $0.offset) }
    }

    /// The field of column `name` in `fields`, nil when the column is missing or the field empty.
    func column(_ name: String, in fields: [String]) -> String? {
        columns[name].flatMap { fields[$0].isEmpty ? nil : fields[$0] }
    }

    /// A row's options (a `duration` that is not a whole number is left out: the plan refuses it).
    /// Throws for an aspect, size or model the domain does not know (the plan reports its line).
    func options(for fields: [String]) throws -> GenerateOptions {
        var options = GenerateOptions(prompt: prompt)
        options.providerName = providerName
        options.variables = variables + variableColumns.map { "\($0.name)=\(fields[$0.index])" }
        options.aspect = try column("aspect", in: fields).map { try AspectRatio(parsing: $0) }
        options.size = try column("size", in: fields).map { try VideoSize(parsing: $0) }
        options.model = try column("model", in: fields).map { try VideoModel(parsing: $0) }
        options.remixOf = column("remix_of", in: fields)
        // Several reference images in one cell are separated by `;` (so a URL holding one cannot be given here).
        options.images = (column("image", in: fields) ?? "").split(separator: ";")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        options.firstFrame = column("first_frame", in: fields)
        options.lastFrame = column("last_frame", in: fields)
        options.duration = column("duration", in: fields).flatMap { Int($0) }
        return options
    }
}

/// One row's ending.
public struct BatchRowResult: Sendable, Encodable {
    public var line: Int
    public var taskId: Int64?
    public var state: String
    /// Null in JSON when the video has none (yet, or ever: Veo and Seedance give none).
    @NullEncoded public var pid: String?
    /// How the row's video is named: its pid, else `video#ID` (nil before it is journaled).
    @NullEncoded public var video: String?
    /// The model the row's video is made with.
    @NullEncoded public var model: String?
    public var error: String?
    /// False when an earlier run had already sent it.
    public var sentNow: Bool
    /// True when another troupe process running this batch at the same time sent it (this one
    /// followed it in the journal).
    public var sentByOtherProcess = false
    /// Where the row's paid call stands (`not_sent` rows, never journaled, have none).
    public var ending: CallEnding?

    enum CodingKeys: String, CodingKey {
        case line, taskId = "task_id", state, pid, video, model, error, sentNow = "sent_now", sentByOtherProcess = "sent_by_other_process", ending
    }
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
    static let batchOptionColumns: Set<String> = ["aspect", "duration", "size", "model", "remix_of", "image", "first_frame", "last_frame"]

    /// Compiles every row first and reports all problems at once; prices what is left to send and
    /// finds rows an earlier run already journaled (by a key derived from what each row sends).
    /// A row the provider refused then (failed with no task id: nothing was charged) is to send
    /// again, reusing its journal row. A provider key missing from `environment` is refused
    /// first, once.
    public func planBatch(csv: String, prompt: PromptSource, providerName: String?, variables: [String] = [],
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BatchPlan {
        try planBatch(table: { try CSVTable(parsing: csv) }, prompt: prompt, providerName: providerName, variables: variables, environment: environment)
    }

    /// `planBatch` of a CSV file's bytes, which must be UTF-8: a file that is not is refused
    /// with the line of the first bytes that are not, before anything is sent.
    public func planBatch(csv: Data, prompt: PromptSource, providerName: String?, variables: [String] = [],
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BatchPlan {
        try planBatch(table: { try CSVTable(parsing: csv) }, prompt: prompt, providerName: providerName, variables: variables, environment: environment)
    }

    private func planBatch(table parse: () throws -> CSVTable, prompt: PromptSource, providerName: String?, variables: [String],
                           environment: [String: String]) throws -> BatchPlan {
        let provider = try provider(named: providerName)
        // Every row would need it: said once, before the rows are read.
        _ = try Transport.key(for: provider, environment: environment)
        let table = try parse()
        // Looked up once for every row.
        let context = BatchContext(studio: self, characters: try characterTable(), provider: provider, target: try promptTarget(for: provider),
                                   prompt: PromptSource.text(try text(of: prompt)), providerName: providerName, variables: variables,
                                   header: table.header)
        var problems: [String] = []
        // Each row's request is compiled to check it, price it and key it, then dropped: a row
        // keeps its CSV fields (shared with the table) and its key.
        var rows: [BatchPlan.Row] = []
        rows.reserveCapacity(table.records.count)
        var prices: [PriceTable.Price] = []
        prices.reserveCapacity(table.records.count)
        var currency = ""
        var seen: [String: Int] = [:]
        for (index, fields) in table.records.enumerated() {
            let line = index + 2
            if let duration = context.column("duration", in: fields), Int(duration) == nil {
                problems.append("line \(line): duration '\(duration)' is not a whole number of seconds")
                continue
            }
            if context.column("last_frame", in: fields) != nil, context.column("first_frame", in: fields) == nil {
                problems.append("line \(line): a last frame needs a first frame: fill the row's first_frame column")
                continue
            }
            do {
                let prepared = try prepareGeneration(context.options(for: fields), characters: context.characters, provider: provider, target: context.target)
                let content = Self.batchDigest(of: prepared)
                let occurrence = seen[content, default: 0]
                seen[content] = occurrence + 1
                rows.append(BatchPlan.Row(line: line, key: "batch:\(content):\(occurrence)", fields: fields, context: context, earlier: nil, resendTaskId: nil))
                prices.append(prepared.price)
                if currency.isEmpty { currency = prepared.price.currency }
            } catch let error as PromptError {
                problems.append("line \(line): \(error.description)")
            } catch {
                problems.append("line \(line): \(error)")
            }
        }
        if !problems.isEmpty { throw BatchError(problems: problems) }
        if rows.isEmpty { throw StudioError("the CSV has a header but no rows") }
        // Rows an earlier run journaled, found in one read.
        let journaled = try catalog.taskIds(batchKeys: rows.map(\.key))
        // Models price in their own currencies: each is summed apart.
        var byCurrency: [String: Decimal] = [currency: 0]
        for index in rows.indices {
            var earlier = try journaled[rows[index].key].map { try catalog.journalEntry(taskId: $0) }
            // Journaled but never sent by a run that stopped: give it up, then send it below.
            if let unsent = earlier, unsent.task.state == .prepared, unsent.task.attempts == 0,
               try catalog.abandonUnsent(taskId: unsent.task.id!, olderThan: unsentGrace) {
                earlier = try catalog.journalEntry(taskId: unsent.task.id!)
            }
            var resendTaskId: Int64?
            if let refused = earlier, refused.task.isRefused {
                resendTaskId = refused.task.id
                earlier = nil
            }
            if earlier == nil { byCurrency[prices[index].currency, default: 0] += prices[index].amount }
            if earlier != nil || resendTaskId != nil {
                rows[index].earlier = earlier
                rows[index].resendTaskId = resendTaskId
            }
        }
        // A currency none of the rows left to send is in is not shown (the first row's stays, at 0 when nothing is left).
        let estimates = byCurrency.filter { $0.key == currency || $0.value != 0 }
            .map { PriceTable.Price(amount: $0.value, currency: $0.key) }.sorted { $0.currency < $1.currency }
        return BatchPlan(rows: rows, estimate: byCurrency[currency] ?? 0, currency: currency, estimates: estimates)
    }

    /// What a batch row's key is derived from: the provider and the request as journaled.
    static func batchDigest(of prepared: PreparedGeneration) -> String {
        SHA256.hash(data: Data((prepared.provider.name + "\n" + prepared.preview).utf8)).hexadecimal
    }

    /// Runs a plan with at most `concurrency` rows in flight. Rows an earlier run sent are
    /// finished (polled, downloaded), never sent again.
    ///
    /// Rows are sent by a few child tasks at a time; once the provider has a row's task, the row
    /// waits as a small `PollCursor` in one schedule that a single loop polls when due, so that
    /// thousands of rows in flight cost a few hundred bytes each rather than a suspended task.
    ///
    /// `onStart` is called with a row's line as it is put in flight, `onRow` with its result
    /// when it ends. A row another troupe process running the same batch journaled first is
    /// not sent: it is followed in the journal (and polled, downloaded) to its end.
    public func runBatch(_ plan: BatchPlan, concurrency: Int, environment: [String: String] = ProcessInfo.processInfo.environment,
                         events: @escaping StudioEvents = { _ in },
                         onStart: @escaping @Sendable (Int) -> Void = { _ in },
                         onRow: @escaping @Sendable (BatchRowResult) -> Void = { _ in }) async -> [BatchRowResult] {
        var run = BatchRun(studio: self, plan: plan, concurrency: max(1, concurrency), environment: environment, events: events,
                           onStart: onStart, onRow: onRow)
        await withTaskGroup(of: BatchStep.self) { group in
            while !run.isDone {
                run.start(in: &group)
                guard let step = await group.next() else { break }
                run.handle(step, in: &group)
            }
            group.cancelAll()
        }
        run.endUnfinished()
        return run.results.sorted { $0.line < $1.line }
    }

    /// A row's ending as the journal has it.
    func rowResult(_ row: BatchPlan.Row, entry: JournalEntry?, error: String? = nil, taken: Bool = false) -> BatchRowResult {
        let entry = entry ?? (try? catalog.journalEntry(batchKey: row.key))
        return BatchRowResult(line: row.line, taskId: entry?.task.id, state: entry?.task.state.rawValue ?? "not_sent", pid: entry?.video?.pid?.rawValue,
                              video: entry?.video?.nodeName, model: entry?.video?.model,
                              error: error ?? entry?.task.errorText ?? entry?.video?.failureReason?.rawValue, sentNow: row.earlier == nil && entry != nil && !taken,
                              sentByOtherProcess: taken, ending: entry?.ending)
    }

    /// Seconds since the task's journal row last changed.
    func age(of task: TaskEntry) -> Double {
        guard let updated = try? Date(task.updatedAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return 0 }
        return max(0, Date().timeIntervalSince(updated))
    }

    /// How long a row another worker holds may stand unchanged before this one takes it over
    /// (that worker stopped): longer than any wait of a live sender.
    var followPatience: Double { unsentGrace + rateLimit.maxWait }

    /// Follows a row another worker (a troupe process running the same batch on the same
    /// catalogue) journaled first, in the journal only, until that worker has settled it: so
    /// that one process polls, downloads and records each row. A row left `prepared` by a worker
    /// that stopped is settled as `task resume` does (given up when never sent, else unknown);
    /// one it left open (sent, not finished) is taken over and tracked here, once it has not
    /// changed for longer than any wait of a live worker.
    func followTaken(taskId: Int64, environment: [String: String], events: @escaping StudioEvents) async throws -> JournalEntry {
        var entry = try catalog.journalEntry(taskId: taskId)
        var lastChange = ContinuousClock.now - .seconds(age(of: entry.task))
        var seen = (entry.task.updatedAt, entry.task.attempts)
        while !entry.isSettled {
            if entry.task.state == .prepared, entry.task.attempts == 0, try catalog.abandonUnsent(taskId: taskId, olderThan: unsentGrace) {
                return try catalog.journalEntry(taskId: taskId)
            }
            if entry.task.attempts > 0, ContinuousClock.now - lastChange > .seconds(followPatience) {
                events(.note("task \(taskId): the worker that sent it has not recorded anything for \(Int(followPatience)) s; tracked here from now on"))
                return try await resume(entry, environment: environment, events: events)
            }
            try await Task.sleep(for: .seconds(min(max(pollInterval, 0.05), 1)))
            entry = try catalog.journalEntry(taskId: taskId)
            if (entry.task.updatedAt, entry.task.attempts) != seen {
                seen = (entry.task.updatedAt, entry.task.attempts)
                lastChange = .now
            }
        }
        return entry
    }
}

extension JournalEntry {
    /// Nothing more to do for it: it ended (succeeded with its file, failed, or unknown).
    var isSettled: Bool {
        switch task.state {
        case .prepared, .submitted, .running: false
        case .succeeded: !(video?.status == .succeeded && video?.assetSha256 == nil)
        case .failed, .unknown: true
        }
    }
}

/// A batch row another troupe process journaled first (two runs of one batch at once on one
/// home): that process sends it; this one follows it in the journal.
public struct BatchRowTaken: Error, Sendable, CustomStringConvertible {
    public var taskId: Int64
    public var description: String { "task \(taskId) is being sent by another troupe process running this batch; followed here, not sent twice" }
}

extension Studio {
    /// Journals a batch row with `journal`; when that fails because another process holds the
    /// row's batch key (it journaled or sent the row meanwhile), throws `BatchRowTaken` instead
    /// of the catalogue's error.
    func claimingBatchRow<T>(_ batchKey: String?, _ journal: () async throws -> T) async throws -> T {
        do {
            return try await journal()
        } catch {
            throw takenRow(batchKey, error, resending: false)
        }
    }

    /// The same for a refused row sent again (`journal` rejournals it): taken when another
    /// process rejournaled it first (it is not refused any more).
    func claimingBatchRow<T>(_ batchKey: String?, _ journal: () throws -> T) throws -> T {
        do {
            return try journal()
        } catch {
            throw takenRow(batchKey, error, resending: true)
        }
    }

    /// `BatchRowTaken` when the journal holds `batchKey` in another process's row (any row, for
    /// a new one; one not refused any more, for a refused one sent again), else `error` itself.
    private func takenRow(_ batchKey: String?, _ error: any Error, resending: Bool) -> any Error {
        guard let batchKey, let holder = try? catalog.journalEntry(batchKey: batchKey), !(resending && holder.task.isRefused) else { return error }
        return BatchRowTaken(taskId: holder.task.id!)
    }
}
