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
        let web = try ServingProcess(["web", "--port", "0"], home: cli.home)
        let url = try await web.line(startingWith: "troupe web: ", within: 90)
        let base = try #require(url, "printed: \(web.printed.text)")
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
        #expect(try await web.interrupt(within: 20), "Ctrl-C stops it")
        #expect(web.process.terminationReason == .exit && web.process.terminationStatus == 0)
    }
}
