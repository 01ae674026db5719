import Crypto
import Foundation
import TroupeCatalog
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
        public var options: GenerateOptions { context.options(for: fields) }
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
    /// The price of the rows not sent yet (refused rows to send again included).
    public var estimate: Decimal
    public var currency: String
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
    func options(for fields: [String]) -> GenerateOptions {
        var options = GenerateOptions(prompt: prompt)
        options.providerName = providerName
        options.variables = variables + variableColumns.map { "\($0.name)=\(fields[$0.index])" }
        options.aspect = column("aspect", in: fields)
        options.size = column("size", in: fields)
        options.model = column("model", in: fields)
        options.remixOf = column("remix_of", in: fields)
        options.image = column("image", in: fields)
        options.duration = column("duration", in: fields).flatMap { Int($0) }
        return options
    }
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
    /// True when another troupe process running this batch at the same time sent it (this one
    /// followed it in the journal).
    public var sentByOtherProcess = false
    /// Where the row's paid call stands (`not_sent` rows, never journaled, have none).
    public var ending: CallEnding?

    enum CodingKeys: String, CodingKey {
        case line, taskId = "task_id", state, pid, error, sentNow = "sent_now", sentByOtherProcess = "sent_by_other_process", ending
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
    static let batchOptionColumns: Set<String> = ["aspect", "duration", "size", "model", "remix_of", "image"]

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
        var prices: [Decimal] = []
        prices.reserveCapacity(table.records.count)
        var currency = ""
        var seen: [String: Int] = [:]
        for (index, fields) in table.records.enumerated() {
            let line = index + 2
            if let duration = context.column("duration", in: fields), Int(duration) == nil {
                problems.append("line \(line): duration '\(duration)' is not a whole number of seconds")
                continue
            }
            do {
                let prepared = try prepareGeneration(context.options(for: fields), characters: context.characters, provider: provider, target: context.target)
                let content = Self.batchDigest(of: prepared)
                let occurrence = seen[content, default: 0]
                seen[content] = occurrence + 1
                rows.append(BatchPlan.Row(line: line, key: "batch:\(content):\(occurrence)", fields: fields, context: context, earlier: nil, resendTaskId: nil))
                prices.append(prepared.price.amount)
                currency = prepared.price.currency
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
        var estimate: Decimal = 0
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
            if earlier == nil { estimate += prices[index] }
            if earlier != nil || resendTaskId != nil {
                rows[index].earlier = earlier
                rows[index].resendTaskId = resendTaskId
            }
        }
        return BatchPlan(rows: rows, estimate: estimate, currency: currency)
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
                              error: error ?? entry?.task.errorText ?? entry?.video?.failureReason, sentNow: row.earlier == nil && entry != nil && !taken,
                              sentByOtherProcess: taken, ending: entry?.ending)
    }

    /// Seconds since the task's journal row last changed.
    func age(of task: TaskEntry) -> Double {
        guard let updated = try? Date(task.updatedAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return 0 }
        return max(0, Date().timeIntervalSince(updated))
    }

    /// Follows a row another process journaled first until that process has sent it (the row
    /// leaves `prepared`). A row left `prepared` by a process that stopped is settled as
    /// `task resume` does: given up when never sent, else unknown, once it has not changed for
    /// longer than any wait of a live sender.
    func followTaken(taskId: Int64, environment: [String: String], events: @escaping StudioEvents) async throws -> JournalEntry {
        var entry = try catalog.journalEntry(taskId: taskId)
        var lastChange = ContinuousClock.now - .seconds(age(of: entry.task))
        var seen = (entry.task.updatedAt, entry.task.attempts)
        let patience = unsentGrace + rateLimit.maxWait
        while entry.task.state == .prepared {
            if entry.task.attempts == 0, try catalog.abandonUnsent(taskId: taskId, olderThan: unsentGrace) { return try catalog.journalEntry(taskId: taskId) }
            if entry.task.attempts > 0, ContinuousClock.now - lastChange > .seconds(patience) {
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

/// What one child task of a batch run did.
enum BatchStep: Sendable {
    /// A row was sent (or an earlier run's row looked at again): its journal entry, or the error.
    case sent(row: Int, entry: JournalEntry?, error: String?)
    /// Another process journaled the row first: it sends it; the row is followed from here.
    case taken(row: Int, taskId: Int64)
    /// A poll came back and was recorded: what it means for the row.
    case polled(row: Int, cursor: PollCursor, verdict: Result<PollVerdict, any Error>)
    /// A row's file is in the vault, or could not be fetched.
    case downloaded(row: Int, entry: JournalEntry?, error: String?)
    /// A wait for the next due poll ran out.
    case tick
}

/// The state of a batch run, kept by the one loop that drives it (never shared between tasks).
struct BatchRun {
    /// Sends, polls and downloads under way at once (the HTTP client also caps connections per host).
    static let maxSending = 32
    static let maxPolling = 64
    static let maxDownloading = 16

    let studio: Studio
    let plan: BatchPlan
    let concurrency: Int
    let environment: [String: String]
    let events: StudioEvents
    let onStart: @Sendable (Int) -> Void
    let onRow: @Sendable (BatchRowResult) -> Void
    private(set) var results: [BatchRowResult] = []
    /// Rows another process sent (journaled first).
    private var taken: Set<Int> = []
    private var finished: [Bool]
    private var next = 0
    private var inFlight = 0
    private var sending = 0
    private var polling = 0
    private var downloading = 0
    /// Rows whose file is to download, first come first served (`downloadsHead` is the next).
    private var downloads: [(row: Int, entry: JournalEntry)] = []
    private var downloadsHead = 0
    /// Rows waiting for their next poll, earliest first.
    private var schedule = PollSchedule()
    /// The earliest wake-up a sleeping timer child will give.
    private var timerDue: ContinuousClock.Instant?
    private var transports: [String: Transport] = [:]

    init(studio: Studio, plan: BatchPlan, concurrency: Int, environment: [String: String], events: @escaping StudioEvents,
         onStart: @escaping @Sendable (Int) -> Void, onRow: @escaping @Sendable (BatchRowResult) -> Void) {
        self.studio = studio
        self.plan = plan
        self.concurrency = concurrency
        self.environment = environment
        self.events = events
        self.onStart = onStart
        self.onRow = onRow
        finished = Array(repeating: false, count: plan.rows.count)
    }

    var isDone: Bool { results.count == plan.rows.count }

    /// Starts what may start now: sends (while fewer than `concurrency` rows are in flight),
    /// downloads, due polls, and a timer for the next poll.
    mutating func start(in group: inout TaskGroup<BatchStep>) {
        let (studio, environment, events) = (studio, environment, events)
        while next < plan.rows.count && inFlight < concurrency && sending < Self.maxSending {
            let index = next
            let row = plan.rows[index]
            next += 1
            inFlight += 1
            sending += 1
            onStart(row.line)
            group.addTask {
                do {
                    if let earlier = row.earlier {
                        // An earlier run sent it: finish it, never send it twice.
                        let entry = try studio.catalog.journalEntry(taskId: earlier.task.id!)
                        if [.submitted, .running, .succeeded].contains(entry.task.state) { return .sent(row: index, entry: entry, error: nil) }
                        // Journaled moments ago and not sent yet: another run of this batch is sending it.
                        if entry.task.state == .prepared, studio.age(of: entry.task) < studio.unsentGrace {
                            return .taken(row: index, taskId: entry.task.id!)
                        }
                        return .sent(row: index, entry: try await studio.resume(entry, environment: environment, events: events), error: nil)
                    }
                    // Poll delivery returns once the provider has the task; the schedule polls it.
                    let prepared = try row.prepared()
                    let entry = try await studio.run(prepared, batchKey: row.key, reusing: row.resendTaskId, wait: prepared.delivery != .poll,
                                                     environment: environment, events: events)
                    return .sent(row: index, entry: entry, error: nil)
                } catch let error as BatchRowTaken {
                    return .taken(row: index, taskId: error.taskId)
                } catch {
                    return .sent(row: index, entry: nil, error: "\(error)")
                }
            }
        }
        while downloading < Self.maxDownloading, downloadsHead < downloads.count {
            let (index, entry) = downloads[downloadsHead]
            downloadsHead += 1
            if downloadsHead == downloads.count || (downloadsHead >= 1024 && downloadsHead * 2 >= downloads.count) {
                // Drop the ones started, now and then rather than one at a time.
                downloads.removeFirst(downloadsHead)
                downloadsHead = 0
            }
            downloading += 1
            group.addTask {
                do {
                    return .downloaded(row: index, entry: try await studio.downloadResult(entry, environment: environment, events: events), error: nil)
                } catch {
                    return .downloaded(row: index, entry: nil, error: "\(error)")
                }
            }
        }
        let now = ContinuousClock.now
        while polling < Self.maxPolling, let due = schedule.first?.due, due <= now {
            let (index, cursor) = schedule.removeFirst()
            let transport: Transport
            do {
                transport = try self.transport(for: cursor.providerName)
            } catch {
                end(index, entry: nil, error: "\(error)")
                continue
            }
            polling += 1
            group.addTask {
                // Polled and recorded here, off the loop, which only schedules.
                var cursor = cursor
                let answer = await studio.poll(cursor, transport: transport, dialect: TroupeProviders.dialect(for: transport.provider.kind))
                do {
                    let verdict = try await studio.judge(answer, cursor: &cursor, events: events)
                    return .polled(row: index, cursor: cursor, verdict: .success(verdict))
                } catch {
                    return .polled(row: index, cursor: cursor, verdict: .failure(error))
                }
            }
        }
        if polling < Self.maxPolling, let due = schedule.first?.due, timerDue.map({ due < $0 }) ?? true {
            timerDue = due
            group.addTask {
                try? await Task.sleep(until: due, clock: .continuous)
                return .tick
            }
        }
    }

    /// Takes in what a child task did.
    mutating func handle(_ step: BatchStep, in group: inout TaskGroup<BatchStep>) {
        switch step {
        case .tick:
            if let due = timerDue, due <= .now { timerDue = nil }
        case .sent(let row, let entry, let error):
            sending -= 1
            guard let entry, error == nil else { return end(row, entry: entry, error: error) }
            follow(row, entry: entry)
        case .taken(let row, let taskId):
            // Still one send slot: the wait for the other process to send it.
            taken.insert(row)
            events(.note("line \(plan.rows[row].line): task \(taskId) is being sent by another troupe process running this batch; followed here, not sent again"))
            group.addTask { [studio, environment, events] in
                do {
                    return .sent(row: row, entry: try await studio.followTaken(taskId: taskId, environment: environment, events: events), error: nil)
                } catch {
                    return .sent(row: row, entry: nil, error: "\(error)")
                }
            }
        case .polled(let row, let cursor, let verdict):
            polling -= 1
            switch verdict {
            case .success(.again): schedule.insert(row: row, cursor: cursor, due: .now + .seconds(cursor.delay))
            case .success(.ended(let entry)): follow(row, entry: entry)
            case .failure(let error): end(row, entry: nil, error: "\(error)")
            }
        case .downloaded(let row, let entry, let error):
            downloading -= 1
            end(row, entry: entry, error: error)
        }
    }

    /// Gives every row that did not end a result saying where it stands (none should be left).
    mutating func endUnfinished() {
        for index in finished.indices where !finished[index] { end(index, entry: nil, error: "the batch stopped before this row ended") }
    }

    /// Decides a row's next step from its journal entry.
    private mutating func follow(_ row: Int, entry: JournalEntry) {
        switch entry.task.state {
        case .submitted, .running:
            guard let cursor = PollCursor(entry.task, delay: studio.pollInterval) else { return end(row, entry: entry, error: nil) }
            // A row an earlier run left open is polled at once.
            schedule.insert(row: row, cursor: cursor, due: plan.rows[row].earlier == nil ? .now + .seconds(studio.pollInterval) : .now)
        case .succeeded where entry.video?.status == .succeeded && entry.video?.assetSha256 == nil:
            downloads.append((row, entry))
        default:
            end(row, entry: entry, error: nil)
        }
    }

    private mutating func end(_ row: Int, entry: JournalEntry?, error: String?) {
        guard !finished[row] else { return }
        finished[row] = true
        let result = studio.rowResult(plan.rows[row], entry: entry, error: error, taken: taken.contains(row))
        results.append(result)
        inFlight -= 1
        onRow(result)
    }

    /// One transport per provider, its key read once.
    private mutating func transport(for providerName: String) throws -> Transport {
        if let transport = transports[providerName] { return transport }
        let provider = try studio.catalog.provider(named: providerName)
        let transport = Transport(client: studio.http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)
        transports[providerName] = transport
        return transport
    }
}

/// Rows waiting for a poll, as a binary min-heap on the due time.
struct PollSchedule {
    private var heap: [(due: ContinuousClock.Instant, row: Int, cursor: PollCursor)] = []

    var first: (due: ContinuousClock.Instant, row: Int)? { heap.first.map { ($0.due, $0.row) } }
    var count: Int { heap.count }

    mutating func insert(row: Int, cursor: PollCursor, due: ContinuousClock.Instant) {
        heap.append((due, row, cursor))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() -> (row: Int, cursor: PollCursor) {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].due < heap[smallest].due { smallest = left }
                if right < heap.count && heap[right].due < heap[smallest].due { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (top.row, top.cursor)
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
