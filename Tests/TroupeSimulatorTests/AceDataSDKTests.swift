import Foundation
import Testing
import TroupeSimulator

/// The official `acedatacloud` Python SDK (installed into `.venv` by `make test`) against the simulator.
@Suite struct AceDataSDKTests {
    static let script = OpenAISDKTests.root.appendingPathComponent("Tests/sdk/check_acedata.py")
    static let available =
        OpenAISDKTests.available
        && FileManager.default.fileExists(atPath: OpenAISDKTests.root.appendingPathComponent(".venv/.acedatacloud-2026.10.20.0").path)

    /// Skipped only outside CI when the SDK is missing; under CI=true a missing SDK fails.
    @Test(
        .enabled(
            if: available || OpenAISDKTests.underCI, "run `make test` (or `make venv`) to install the acedatacloud SDK into .venv"))
    func officialSDKSubmitsRetrievesAndWaitsOnSeedanceAndSora() async throws {
        try #require(Self.available, "missing the acedatacloud SDK in .venv: `make venv` installs it")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("sdk.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        let status: Int32 = try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.3, seed: 22, key: "test-key")) { server in
            let process = Process()
            process.executableURL = OpenAISDKTests.python
            process.arguments = [Self.script.path, server.baseURL, "test-key"]
            process.standardOutput = output
            process.standardError = output
            // Wait through the termination handler: blocking here would starve the server's threads.
            return try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch { continuation.resume(throwing: error) }
            }
        }
        try output.close()
        let text = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        #expect(status == 0, "check_acedata.py said:\n\(text)")
        #expect(text.contains("acedatacloud SDK check passed"))
    }
}
