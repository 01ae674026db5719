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
