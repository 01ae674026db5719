import Foundation

/// A `troupe` command that serves until interrupted (`web`, `demo --web`), run as a child of the
/// test in its home: it waits for the line starting with `prefix` and returns the rest of it.
final class ServingProcess: @unchecked Sendable {
    let process = Process()
    let printed = LockedText()

    init(_ arguments: [String], home: String) throws {
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TROUPE_HOME"] = home
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let printed = self.printed
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { printed.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// The rest of the first printed line that starts with `prefix`, once it is printed (nil if the
    /// process ends or `seconds` pass first: a loaded machine may take a while to start it).
    func line(startingWith prefix: String, within seconds: Double) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline {
            if let line = printed.text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                return String(line.dropFirst(prefix.count))
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return printed.text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Sends SIGINT (Ctrl-C) and waits up to `seconds` for the process to end; whether it did.
    func interrupt(within seconds: Double) async throws -> Bool {
        kill(process.processIdentifier, SIGINT)
        let stopBy = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < stopBy { try await Task.sleep(for: .milliseconds(50)) }
        return !process.isRunning
    }
}
