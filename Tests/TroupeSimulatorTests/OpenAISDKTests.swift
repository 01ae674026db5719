import Foundation
import Testing
import TroupeSimulator

/// The official `openai` Python SDK (installed into `.venv` by `make test`) against the simulator.
@Suite struct OpenAISDKTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python")
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let available = FileManager.default.isExecutableFile(atPath: python.path)

    /// Skipped only outside CI when the venv is missing; under CI=true a missing venv fails.
    @Test(.enabled(if: available || underCI, "run `make test` (or `make venv`) to install the openai SDK into .venv"))
    func officialSDKDrivesTheVideosAPI() async throws {
        try #require(Self.available, "missing \(Self.python.path): `make venv` installs the openai SDK")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("sdk.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let status: Int32 = try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.3, seed: 21, key: "test-key")) { server in
            let process = Process()
            process.executableURL = Self.python
            process.arguments = [
                Self.root.appendingPathComponent("Tests/sdk/check_openai.py").path, server.baseURL + "/v1", "test-key",
            ]
            process.standardOutput = output
            process.standardError = output
            // Wait through the termination handler: blocking here would starve the server's threads.
            return try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch { continuation.resume(throwing: error) }
            }
        }
        try output.close()
        let data = try Data(contentsOf: log)
        let text = String(decoding: data, as: UTF8.self)
        #expect(status == 0, "check_openai.py said:\n\(text)")
        #expect(text.contains("openai SDK check passed"))
    }
}
