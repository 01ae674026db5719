import Foundation
import Testing

@Suite struct ProviderSetupCommandTests {
    @Test func providerSetEditsAProviderAndRefusesBadInputInOneLine() throws {
        let cli = CLIRunner()
        #expect(try cli.run("provider", "add", "gate", "--kind", "openai", "--base-url", "https://gate.example.com/v1/", "--key-env", "GATE_KEY").status == 0)
        var gate = try #require(try cli.json("provider", "list") as? [[String: Any]]).first { $0["name"] as? String == "gate" }
        #expect(gate?["base_url"] as? String == "https://gate.example.com", "stored without the trailing /v1")

        let edited = try #require(try cli.json("provider", "set", "gate", "--base-url", "http://127.0.0.1:9000/v1", "--key-env", "OTHER_KEY") as? [String: Any])
        #expect(edited["base_url"] as? String == "http://127.0.0.1:9000" && edited["key_env"] as? String == "OTHER_KEY")
        #expect(edited["default"] as? Bool == false)
        let plain = try cli.run("provider", "set", "gate", "--no-key")
        #expect(plain.status == 0 && plain.stdout == "provider gate: http://127.0.0.1:9000, key none\n")
        gate = try #require(try cli.json("provider", "list") as? [[String: Any]]).first { $0["name"] as? String == "gate" }
        #expect(gate?["key_env"] is NSNull)

        for (arguments, message) in [
            (["provider", "set", "gate"], "nothing to change: give --base-url, --key-env or --no-key"),
            (["provider", "set", "gate", "--key-env", "A", "--no-key"], "--key-env and --no-key contradict each other: give one"),
            (["provider", "set", "gate", "--base-url", "gate.example.com"], "invalid base URL 'gate.example.com': use an http:// or https:// URL"),
            (["provider", "set", "gate", "--key-env", "sk-live-abc123"], "invalid key variable: name an environment variable"),
            (["provider", "set", "nope", "--base-url", "https://x.example"], "unknown provider 'nope'"),
        ] {
            let refused = try cli.run(arguments)
            let first = refused.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(refused.status != 0 && first.hasPrefix("Error: ") && first.contains(message), "\(arguments): \(refused.stderr)")
            #expect(!refused.stderr.contains("sk-live-abc123"))
        }
        let help = try cli.run("provider", "set", "--help")
        #expect(help.status == 0 && help.stdout.contains("troupe provider set"))
    }

    /// `demo --keep DIR` leaves a home whose `sim` provider works afterwards, with the simulator
    /// serving the demo's state.
    @Test func aKeptDemoHomeWorksAfterwards() throws {
        let cli = CLIRunner()
        let kept = cli.home + "-demo"
        defer { try? FileManager.default.removeItem(atPath: kept) }
        let demo = try cli.run("demo", "--keep", kept, "--latency", "0.05")
        #expect(demo.status == 0, "\(demo.stderr)")
        let state = kept + "/simulator-state.json"
        #expect(demo.stdout.contains("its provider sim points at http://127.0.0.1:8787") && demo.stdout.contains("troupe sim serve --state \(state)"))
        let sim = try #require(try cli.json("--home", kept, "provider", "list") as? [[String: Any]]).first { $0["name"] as? String == "sim" }
        #expect(sim?["base_url"] as? String == "http://127.0.0.1:8787", "not the demo's stopped port")
        #expect(sim?["default"] as? Bool == true)

        // The printed command (on a free port here, as tests must not take 8787), then a remix of
        // the demo's last video: the simulator knows it from the kept state.
        try SimulatorProcess.serving(["--state", state, "--latency", "0.05"]) { server in
            #expect(try cli.run("--home", kept, "provider", "set", "sim", "--base-url", server.baseURL).status == 0)
            let videos = try #require(try cli.json("--home", kept, "video", "list") as? [[String: Any]])
            let pid = try #require(videos.compactMap { $0["pid"] as? String }.last)
            let remix = try cli.run("--home", kept, "video", "remix", pid, "the market at noon")
            #expect(remix.status == 0, "\(remix.stderr)")
            #expect(try #require(try cli.json("--home", kept, "video", "list") as? [[String: Any]]).count == videos.count + 1)
            #expect(try cli.run("--home", kept, "lineage", pid).stdout.contains(pid))
        }
    }
}
