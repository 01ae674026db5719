import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeSimulator
@testable import TroupeStudio

/// A studio in a temporary home wired to an in-process simulator on a free loopback port.
final class StudioHarness: @unchecked Sendable {
    let directory: String
    let studio: Studio
    let server: SimulatorServer

    /// A 429 without Retry-After is sent again at once in tests; a Retry-After is honoured.
    static let fastRateLimit = RateLimitRetry(backoff: 0.01, maxBackoff: 0.05)

    /// Runs `body` with a studio wired to a fresh simulator; the simulator is stopped and the home
    /// removed when `body` ends, however it ends.
    @discardableResult
    static func with<T>(_ configuration: SimulatorConfiguration = SimulatorConfiguration(latency: 0.3, seed: 1),
                        rateLimit: RateLimitRetry = fastRateLimit,
                        _ body: (StudioHarness) async throws -> T) async throws -> T {
        try await serving({ try await start(configuration, rateLimit: rateLimit) }, stop: { await $0.stop() }, body)
    }

    private static func start(_ configuration: SimulatorConfiguration, rateLimit: RateLimitRetry) async throws -> StudioHarness {
        let server = try await SimulatorServer.start(configuration)
        do {
            return try StudioHarness(server: server, rateLimit: rateLimit)
        } catch {
            await server.stop()
            throw error
        }
    }

    private init(server: SimulatorServer, rateLimit: RateLimitRetry) throws {
        self.server = server
        directory = FileManager.default.temporaryDirectory.path + "/troupe-studio-" + UUID().uuidString
        studio = try Studio(home: TroupeHome(directory: directory), pollInterval: 0.05, maxPollInterval: 0.2, rateLimit: rateLimit)
        try studio.catalog.setBaseURL(server.baseURL, ofProvider: "sim")
        try studio.catalog.useProvider(named: "sim")
    }

    private func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The simulator's admin view of its tasks.
    func simulatorTasks() async throws -> [[String: Any]] {
        let response = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/_sim/tasks"))
        let object = try JSONSerialization.jsonObject(with: response.body)
        if let list = object as? [[String: Any]] { return list }
        return (object as? [String: Any])?["tasks"] as? [[String: Any]] ?? []
    }

    func ledger() async throws -> [String: Any] {
        let response = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/_sim/ledger"))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    func generate(_ prompt: String, remixOf: String? = nil, wait: Bool = true, dryRun: Bool = false) async throws -> WorkOutcome {
        var options = GenerateOptions(prompt: .text(prompt))
        options.remixOf = remixOf
        options.wait = wait
        options.dryRun = dryRun
        return try await studio.generate(options)
    }
}

/// Collects the notes a workflow reports.
final class NoteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var events: StudioEvents {
        { [self] event in
            guard case .note(let text) = event else { return }
            lock.lock()
            stored.append(text)
            lock.unlock()
        }
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

extension WorkOutcome {
    var entry: JournalEntry? {
        if case .done(let entry) = self { return entry }
        return nil
    }
}
