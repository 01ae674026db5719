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
        let (status, text) = try await SDKCheck.run("check_openai.py", seed: 21, baseURL: "/v1")
        #expect(status == 0, "check_openai.py said:\n\(text)")
        #expect(text.contains("openai SDK check passed"))
    }
}
