import Foundation
import TroupeCatalog
import TroupeStudio

/// The paid calls `troupe web` sends: each runs in a task of the server process (journal first,
/// as the CLI's), so that an answer returns once the call is journaled and the page follows it on
/// `/api/events`.
public final class WebJobs: Sendable {
    private let running = Locked<[UUID: Task<Void, Never>]>([:])

    init() {}

    /// Starts `work`, handing it the events to report; returns the task id it journals, or
    /// rethrows why it stopped before journaling anything (nothing was sent).
    func journaling(_ work: @escaping @Sendable (@escaping StudioEvents) async throws -> Void) async throws -> Int64 {
        let (ids, continuation) = AsyncStream.makeStream(of: Int64.self)
        let failure = Locked<(any Error)?>(nil)
        let id = UUID()
        let task = Task {
            let events: StudioEvents = { event in
                if case .journaled(let taskId) = event { continuation.yield(taskId) }
            }
            do {
                try await work(events)
            } catch {
                failure.set(error)
            }
            continuation.finish()
            running.update { $0[id] = nil }
        }
        running.update { $0[id] = task }
        for await taskId in ids { return taskId }
        throw failure.get() ?? StudioError("nothing was journaled")
    }

    /// Starts `work` in the background (a resume), not waiting for anything.
    func start(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        let task = Task {
            await work()
            running.update { $0[id] = nil }
        }
        running.update { $0[id] = task }
    }

    /// Waits until every call started so far has ended.
    public func waitAll() async {
        while true {
            let tasks = running.get()
            if tasks.isEmpty { return }
            for (id, task) in tasks {
                await task.value
                running.update { $0[id] = nil }
            }
        }
    }
}

/// A value shared between tasks.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&value) } }
}
