import Foundation

/// Runs the built `troupe` binary in a temporary home of its own.
final class CLIRunner: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: String

    init() {
        home = FileManager.default.temporaryDirectory.path + "/troupe-cli-" + UUID().uuidString
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// The binary next to the test bundle (`.build/debug/troupe`).
    static let binary: String = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        for candidate in [bundleDirectory + "/troupe", bundleDirectory + "/../troupe"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.path + "/.build/debug/troupe"
    }()

    /// Runs `commands` at the same moment, each on a thread of its own (as separate processes
    /// run), and returns their results in order once all have ended or `timeout` has passed
    /// (nil for one that could not start or had not ended).
    static func atOnce(_ commands: [@Sendable () throws -> Result], timeout: TimeInterval) async -> [Result?] {
        let results = LockedResults(count: commands.count)
        let threads = commands.enumerated().map { index, command in Thread { results.set(index, try? command()) } }
        threads.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(timeout)
        while !results.allEnded && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return results.values
    }

    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, environment: extra)
    }

    /// Runs `executable` (the troupe binary unless told) with `arguments`. Its stdout and stderr
    /// are read at the same time, so that a child filling one pipe (64 KiB) while the other is
    /// read never blocks.
    func run(_ arguments: [String], environment extra: [String: String] = [:], executable: String = CLIRunner.binary) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TROUPE_HOME"] = home
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errText = LockedText()
        let errRead = DispatchGroup()
        DispatchQueue.global().async(group: errRead) { errText.append(err.fileHandleForReading.readDataToEndOfFile()) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errRead.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: errText.text)
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var result: CLIRunner.Result
    var description: String { "exit \(result.status): \(result.stderr)" }
}

/// The results of `CLIRunner.atOnce`, filled from its threads.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLIRunner.Result?]
    private var ended: Int = 0

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: CLIRunner.Result?) {
        lock.withLock {
            results[index] = result
            ended += 1
        }
    }

    var allEnded: Bool { lock.withLock { ended == results.count } }
    var values: [CLIRunner.Result?] { lock.withLock { results } }
}
