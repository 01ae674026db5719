import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite struct WebCommandTests {
    /// `troupe web --port 0` as a child process; stopped (SIGTERM) when the test ends.
    @Test func webOnPortZeroPrintsItsURLAndServesThePagesAndTheAPI() async throws {
        let cli = CLIRunner()
        try cli.run("video", "add", "s_68f1a2", "--prompt", "a cat on a skateboard")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["web", "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["TROUPE_HOME"] = cli.home
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let printed = LockedText()
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { printed.append(data) }
        }
        try process.run()
        defer {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
        // A loaded machine (the whole suite in parallel) may take a while to start it.
        let deadline = Date().addingTimeInterval(90)
        func printedURL() -> String? {
            guard let range = printed.text.range(of: "troupe web: "), let end = printed.text[range.upperBound...].firstIndex(of: "\n") else { return nil }
            return String(printed.text[range.upperBound..<end])
        }
        var url = printedURL()
        while url == nil, process.isRunning, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            url = printedURL()
        }
        let base = try #require(url, "printed: \(printed.text)")
        #expect(base.hasPrefix("http://127.0.0.1:") && base.hasSuffix("/"))
        #expect(!base.hasSuffix(":0/"))

        let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: base)!)
        #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect((pageResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Security-Policy")?.hasPrefix("default-src 'self'") == true)
        #expect(String(decoding: page, as: UTF8.self).contains("data-page=\"cast\""))

        let (api, apiResponse) = try await URLSession.shared.data(from: URL(string: base + "api/videos")!)
        #expect((apiResponse as? HTTPURLResponse)?.statusCode == 200)
        let list = try JSONSerialization.jsonObject(with: api) as? [String: Any]
        #expect(list?["total"] as? Int == 1)
        #expect(((list?["videos"] as? [[String: Any]])?.first?["pid"] as? String) == "s_68f1a2")

        // Ctrl-C (or SIGTERM) stops it gracefully.
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
