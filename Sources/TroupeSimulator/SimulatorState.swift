import Foundation

/// Everything the simulator remembers, behind one lock; polls are hash lookups.
final class SimulatorState: @unchecked Sendable {
    /// What is written to `statePath`.
    struct Snapshot: Codable {
        var tasks: [SimulatorTask]
        var generator: SeededGenerator
        var signingKey: Data
        var clockOffset: Double
    }

    private let lock = NSLock()
    private var tasks: [String: SimulatorTask] = [:]
    private var order: [String] = []
    private var pidIndex: [String: String] = [:]
    private var characterIndex: [String: String] = [:]
    private var generator: SeededGenerator
    private var clockOffset: Double = 0
    private var charged = 0
    private var refunded = 0
    /// Failing tasks not yet refunded (refunds land when the failure is due).
    private var pendingFailures: Set<String> = []
    private var hooks: [String: [JSONValue]] = [:]
    private var stopped = false
    private let statePath: String?
    let signingKey: Data
    let creditMilli: Int

    init(configuration: SimulatorConfiguration) throws {
        statePath = configuration.statePath
        creditMilli = Int((configuration.credit * 1000).rounded())
        if let path = configuration.statePath, FileManager.default.fileExists(atPath: path) {
            let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            generator = snapshot.generator
            signingKey = snapshot.signingKey
            clockOffset = snapshot.clockOffset
            for task in snapshot.tasks { insert(task) }
        } else {
            var generator = SeededGenerator(seed: configuration.seed ?? UInt64.random(in: .min ... .max))
            signingKey = Data((0..<4).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } })
            self.generator = generator
        }
    }

    private func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    // MARK: clock and randomness

    /// The simulator's clock: wall time plus whatever `/_sim/clock` advanced it by.
    func now() -> Date { withLock { Date().addingTimeInterval(clockOffset) } }

    func advanceClock(by seconds: Double) -> Double {
        withLock {
            clockOffset += seconds
            persistLocked()
            return clockOffset
        }
    }

    /// With probability `rate`, one of the four faults (drawn from the seeded generator).
    func drawFault(rate: Double) -> Fault? {
        guard rate > 0 else { return nil }
        return withLock {
            guard generator.unit() < rate else { return nil }
            return Fault.allCases[Int(generator.next() % UInt64(Fault.allCases.count))]
        }
    }

    func draw() -> Double { withLock { generator.unit() } }

    func hex(_ count: Int) -> String { withLock { generator.hex(count) } }

    func uuid() -> String { withLock { generator.uuid() } }

    // MARK: tasks

    private func insert(_ task: SimulatorTask) {
        if tasks[task.id] == nil { order.append(task.id) }
        tasks[task.id] = task
        if let pid = task.pid { pidIndex[pid] = task.id }
        if let character = task.characterID { characterIndex[character] = task.id }
        charged += task.cost
        if task.failureReason != nil {
            if task.refunded { refunded += task.cost } else { pendingFailures.insert(task.id) }
        }
    }

    /// Records a new task and charges it; returns false (nothing charged) when the balance is short.
    func add(_ task: SimulatorTask) -> Bool {
        withLock {
            settleLocked(now: Date().addingTimeInterval(clockOffset))
            guard creditMilli - charged + refunded >= task.cost else { return false }
            insert(task)
            persistLocked()
            return true
        }
    }

    func task(_ id: String) -> SimulatorTask? { withLock { tasks[id] } }

    func update(_ id: String, _ change: (inout SimulatorTask) -> Void) {
        withLock {
            guard var task = tasks[id] else { return }
            change(&task)
            tasks[id] = task
            persistLocked()
        }
    }

    /// The task whose finished, successful video has this pid.
    func video(pid: String, at now: Date) -> SimulatorTask? {
        withLock {
            guard let id = pidIndex[pid], let task = tasks[id], !task.kind.makesCharacter,
                task.status(at: now) == .succeeded
            else { return nil }
            return task
        }
    }

    /// The task that made a ready character with this id, in this dialect.
    func character(_ characterID: String, dialect: Dialect, at now: Date) -> SimulatorTask? {
        withLock {
            guard let id = characterIndex[characterID], let task = tasks[id], task.dialect == dialect,
                task.status(at: now) == .succeeded
            else { return nil }
            return task
        }
    }

    /// The task whose result file is named `file` (the pid, or the task id when it has none).
    func taskID(forFile file: String) -> String? {
        withLock { pidIndex[file] ?? (tasks[file] != nil ? file : nil) }
    }

    /// All tasks in creation order.
    func allTasks() -> [SimulatorTask] { withLock { order.compactMap { tasks[$0] } } }

    // MARK: ledger

    private func settleLocked(now: Date) {
        guard !pendingFailures.isEmpty else { return }
        for id in pendingFailures {
            guard var task = tasks[id], now >= task.readyAt else { continue }
            task.refunded = true
            tasks[id] = task
            refunded += task.cost
            pendingFailures.remove(id)
        }
    }

    /// Charges, refunds and balance in thousandths, after refunding failures that are due.
    func ledger() -> (charged: Int, refunded: Int, balance: Int, tasks: [SimulatorTask]) {
        withLock {
            settleLocked(now: Date().addingTimeInterval(clockOffset))
            return (charged, refunded, creditMilli - charged + refunded, order.compactMap { tasks[$0] })
        }
    }

    /// Set when the server stops, so callback loops end.
    var isStopped: Bool { withLock { stopped } }

    func stop() { withLock { stopped = true } }

    // MARK: webhook sink

    func recordHook(_ name: String, _ body: JSONValue) {
        withLock { hooks[name, default: []].append(body) }
    }

    func hookDeliveries(_ name: String) -> [JSONValue] { withLock { hooks[name] ?? [] } }

    // MARK: persistence

    private func persistLocked() {
        guard let statePath else { return }
        let snapshot = Snapshot(
            tasks: order.compactMap { tasks[$0] }, generator: generator, signingKey: signingKey,
            clockOffset: clockOffset)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(snapshot) {
            try? data.write(to: URL(fileURLWithPath: statePath), options: .atomic)
        }
    }
}
