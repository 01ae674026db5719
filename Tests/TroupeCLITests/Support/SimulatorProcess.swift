import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `troupe sim serve --port 0 …` as a child process of the test, on loopback. Stopped with
/// SIGTERM (then SIGKILL) when its `serving` body ends (or, at the latest, when released).
final class SimulatorProcess: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The base URL it printed: `http://127.0.0.1:PORT`.
    let baseURL: String
    private let process: Process

    /// Runs `body` with a simulator started with `options`, stopped when `body` ends however it
    /// ends: a test's server lives inside the closure that uses it.
    @discardableResult
    static func serving<T>(_ options: [String], _ body: (SimulatorProcess) throws -> T) throws -> T {
        let simulator = try SimulatorProcess(options)
        defer { stop(simulator.process) }
        return try body(simulator)
    }

    /// `serving` for a body that awaits.
    @discardableResult
    static func serving<T>(_ options: [String], _ body: (SimulatorProcess) async throws -> T) async throws -> T {
        let simulator = try SimulatorProcess(options)
        defer { stop(simulator.process) }
        return try await body(simulator)
    }

    /// Starts the simulator and waits for its "simulator listening on URL" line.
    private init(_ options: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["sim", "serve", "--port", "0"] + options
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let printed = LockedText()
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { printed.append(data) }
        }
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        var found: String?
        while found == nil {
            found = Self.listeningURL(in: printed.text)
            if found != nil { break }
            guard process.isRunning, Date() < deadline else {
                Self.stop(process)
                throw StartFailure(description: "`troupe sim serve --port 0` printed no listening line within 30 s; it printed: \(printed.text)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        baseURL = found!
    }

    deinit {
        Self.stop(process)
    }

    /// The URL in "simulator listening on http://127.0.0.1:PORT (Ctrl-C to stop)".
    static func listeningURL(in text: String) -> String? {
        guard let range = text.range(of: "simulator listening on ") else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.firstIndex(where: { $0 == " " || $0 == "\n" }) else { return nil }
        return String(rest[..<end])
    }

    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// An admin endpoint's JSON object (`/_sim/ledger`, `/_sim/tasks`).
    func admin(_ path: String) async throws -> [String: Any] {
        let (data, response) = try await URLSession.shared.data(from: URL(string: baseURL + path)!)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw StartFailure(description: "GET \(path) answered \(String(describing: (response as? HTTPURLResponse)?.statusCode))")
        }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The tasks the simulator created (and charged), oldest first.
    func tasks() async throws -> [[String: Any]] {
        try await admin("/_sim/tasks")["tasks"] as? [[String: Any]] ?? []
    }
}

/// Text appended from a pipe's handler thread and read from the test's.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The lowercase hex SHA-256 of a file.
func sha256Hex(ofFileAt path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

extension CLIRunner {
    /// Adds a provider speaking `kind` at the simulator's URL; no key variable (the simulator
    /// takes any key).
    func addProvider(_ name: String, kind: String, at simulator: SimulatorProcess) throws {
        let result = try run("provider", "add", name, "--kind", kind, "--base-url", simulator.baseURL)
        guard result.status == 0 else { throw CLIFailure(result: result) }
    }

    /// `--json` output that is an array of objects.
    func jsonArray(_ arguments: [String], environment: [String: String]) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"], environment: environment)
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    func jsonArray(_ arguments: String...) throws -> [[String: Any]] {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// `--json` output that is one object.
    func jsonObject(_ arguments: String...) throws -> [String: Any] {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }
}
