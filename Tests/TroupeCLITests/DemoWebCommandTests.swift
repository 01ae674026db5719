import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `troupe demo --web`: once the story is told, the web app serves the demo's catalogue until Ctrl-C.
@Suite struct DemoWebCommandTests {
    @Test func demoWebServesTheDemosCatalogueUntilInterrupted() async throws {
        let cli = CLIRunner()
        let demo = try ServingProcess(["demo", "--web", "--web-port", "0", "--latency", "0.05"], home: cli.home)
        let url = try await demo.line(startingWith: "troupe web: ", within: 120)
        let printed = demo.printed
        let base = try #require(url, "no `troupe web:` line; the demo printed: \(printed.text)")
        #expect(printed.text.contains("$ troupe lineage @owl"), "the story was told first")
        let home = printed.text.split(separator: "\n").first { $0.hasPrefix("home: ") }.map { String($0.dropFirst(6).prefix { $0 != " " }) }

        let (page, pageAnswer) = try await URLSession.shared.data(from: URL(string: base)!)
        #expect((pageAnswer as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page, as: UTF8.self).contains("hero"), "the cast shows the demo's @hero")
        let (api, _) = try await URLSession.shared.data(from: URL(string: (base.hasSuffix("/") ? base : base + "/") + "api/videos")!)
        let videos = try #require(try JSONSerialization.jsonObject(with: api) as? [String: Any])
        #expect((videos["total"] as? Int ?? 0) >= 4, "the demo's videos")

        #expect(try await demo.interrupt(within: 20), "Ctrl-C stops it")
        if !demo.process.isRunning { #expect(demo.process.terminationStatus == 0) }
        if let home { #expect(!FileManager.default.fileExists(atPath: home), "the demo's temporary home is removed after Ctrl-C") }
    }
}
