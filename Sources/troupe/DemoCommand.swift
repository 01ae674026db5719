import ArgumentParser
import TroupeStudio

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk the whole story against the built-in simulator: no key, no network.",
        discussion: """
            Uploads a character from a bundled clip, generates, remixes twice, extracts a \
            character, composes a two-character prompt and draws the lineage — in a temporary home.

            Example:
              troupe demo
            """)

    @Option(help: ArgumentHelp("Keep the demo's catalogue and vault in this directory.", valueName: "dir")) var keep: String?
    @Option(help: "Seconds each simulated task takes.") var latency: Double = 0.4

    func run() async throws {
        try await Demo.run(latency: latency, keepHome: keep) { line in print(line) }
    }
}
