import Foundation
import TroupeCatalog
import TroupeProviders

/// What one child task of a batch run did.
enum BatchStep: Sendable {
    /// A row was sent (or an earlier run's row looked at again): its journal entry, or the error.
    case sent(row: Int, entry: JournalEntry?, error: String?)
    /// Another process journaled the row first: it sends it; the row is followed from here.
    case taken(row: Int, taskId: Int64)
    /// A row another worker sent, followed here to its end in the journal.
    case followed(row: Int, entry: JournalEntry?, error: String?)
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
            // Another worker has it: its slots go to the rows nobody has sent yet, so that
            // several workers share a batch rather than all following the same rows.
            taken.insert(row)
            sending -= 1
            inFlight -= 1
            events(.note("line \(plan.rows[row].line): task \(taskId) is being sent by another troupe process running this batch; followed here, not sent again"))
            group.addTask { [studio, environment, events] in
                do {
                    return .followed(row: row, entry: try await studio.followTaken(taskId: taskId, environment: environment, events: events), error: nil)
                } catch {
                    return .followed(row: row, entry: nil, error: "\(error)")
                }
            }
        case .followed(let row, let entry, let error):
            guard let entry, error == nil else { return end(row, entry: entry, error: error) }
            follow(row, entry: entry)
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
            let provider = try? transport(for: entry.task.providerName).provider
            let service = provider.flatMap { studio.pollService(of: entry, provider: $0) }
            guard let cursor = PollCursor(entry.task, delay: studio.pollInterval, service: service) else { return end(row, entry: entry, error: nil) }
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
        // A followed row gave its slot back when it was found taken.
        if !taken.contains(row) { inFlight -= 1 }
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

