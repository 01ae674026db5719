import Foundation
import Testing
import TroupeSimulator

/// The official `acedatacloud` Python SDK (installed into `.venv` by `make test`) against the simulator.
@Suite struct AceDataSDKTests {
    static let available =
        OpenAISDKTests.available
        && FileManager.default.fileExists(atPath: OpenAISDKTests.root.appendingPathComponent(".venv/.acedatacloud-2026.10.20.0").path)

    /// Skipped only outside CI when the SDK is missing; under CI=true a missing SDK fails.
    @Test(
        .enabled(
            if: available || OpenAISDKTests.underCI, "run `make test` (or `make venv`) to install the acedatacloud SDK into .venv"))
    func officialSDKSubmitsRetrievesAndWaitsOnSeedanceAndSora() async throws {
        try #require(Self.available, "missing the acedatacloud SDK in .venv: `make venv` installs it")
        let (status, text) = try await SDKCheck.run("check_acedata.py", seed: 22)
        #expect(status == 0, "check_acedata.py said:\n\(text)")
        #expect(text.contains("acedatacloud SDK check passed"))
    }
}
