import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `troupe demo --web`: once the story is told, the web app serves the demo's catalogue until
/// Ctrl-C; a build without the web app refuses `--web` before running the demo.
@Suite struct DemoWebCommandTests {
    /// Whether this build has `troupe web` (an unknown subcommand's --help prints the top-level help).
    static let webBuilt: Bool = (try? CLIRunner().run("web", "--help").stdout.contains("USAGE: troupe web")) == true

    @Test func demoWebServesTheDemosCatalogueUntilInterrupted() async throws {
        let cli = CLIRunner()
        guard Self.webBuilt else {
            let refused = try cli.run("demo", "--web")
            #expect(refused.status == 64 && refused.stderr.contains("built without the web app"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("$ troupe"), "refused before the demo ran")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["demo", "--web", "--web-port", "0", "--latency", "0.05"]
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
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(120)
        var url: String?
        while url == nil, process.isRunning, Date() < deadline {
            url = printed.text.split(separator: "\n").first { $0.hasPrefix("troupe web: ") }.map { String($0.dropFirst(12)) }
            if url == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let base = try #require(url, "no `troupe web:` line; the demo printed: \(printed.text)")
        #expect(printed.text.contains("$ troupe lineage @owl"), "the story was told first")
        let home = printed.text.split(separator: "\n").first { $0.hasPrefix("home: ") }.map { String($0.dropFirst(6).prefix { $0 != " " }) }

        let (page, pageAnswer) = try await URLSession.shared.data(from: URL(string: base)!)
        #expect((pageAnswer as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("hero"), "the cast shows the demo's @hero")
        let (api, _) = try await URLSession.shared.data(from: URL(string: (base.hasSuffix("/") ? base : base + "/") + "api/videos")!)
        let videos = try #require(try JSONSerialization.jsonObject(with: api) as? [String: Any])
        #expect((videos["total"] as? Int ?? 0) >= 4, "the demo's videos")

        kill(process.processIdentifier, SIGINT)
        let stopBy = Date().addingTimeInterval(20)
        while process.isRunning, Date() < stopBy { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "Ctrl-C stops it")
        if !process.isRunning { #expect(process.terminationStatus == 0) }
        if let home { #expect(!FileManager.default.fileExists(atPath: home), "the demo's temporary home is removed after Ctrl-C") }
    }
}
