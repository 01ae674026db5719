import ArgumentParser
import TroupeCatalog
import TroupeDemo

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk the whole story against the built-in simulator: no key, no network.",
        discussion: """
            Uploads a character from a bundled clip, generates, remixes twice, extracts a \
            character, composes a two-character prompt and draws the lineage — in a temporary home.

            With --keep DIR the home stays, usable afterwards: its provider sim points at \
            http://127.0.0.1:8787 and the simulator's state is kept in DIR/simulator-state.json, \
            so `troupe sim serve --state DIR/simulator-state.json` serves the demo's videos again.

            Example:
              troupe demo
              troupe demo --keep ./demo-home && troupe sim serve --state ./demo-home/simulator-state.json
            """)

    @Option(help: ArgumentHelp("Keep the demo's catalogue and vault in this directory.", valueName: "dir")) var keep: String?
    @Option(help: "Seconds each simulated task takes.") var latency: Double = 0.4

    func validate() throws {
        if keep?.isEmpty == true { throw ValidationError("--keep needs a directory, e.g. --keep ./demo-home") }
    }

    func run() async throws {
        let keepHome = keep.map { TroupeHome.resolve(option: $0).directory }
        try await Demo.run(latency: latency, keepHome: keepHome) { line in print(line) }
    }
}
