import Foundation
import TroupeSimulator

/// Runs one of the official-SDK checks in `Tests/sdk` with the project's `.venv` Python against a
/// simulator of its own, and returns its exit status and everything it printed.
enum SDKCheck {
    static func run(_ script: String, seed: UInt64, baseURL suffix: String = "") async throws -> (status: Int32, output: String) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("sdk.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let status: Int32 = try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.3, seed: seed, key: "test-key")) { server in
            let process = Process()
            process.executableURL = OpenAISDKTests.python
            process.arguments = [OpenAISDKTests.root.appendingPathComponent("Tests/sdk/" + script).path, server.baseURL + suffix, "test-key"]
            process.standardOutput = output
            process.standardError = output
            // Wait through the termination handler: blocking here would starve the server's threads.
            return try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch { continuation.resume(throwing: error) }
            }
        }
        try output.close()
        return (status, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}
