import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDemo
import TroupeStudio
import TroupeWeb

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

            With --web, once the story is told the web app serves the demo's catalogue (its URL \
            is printed; the simulator keeps serving too) until Ctrl-C.

            Example:
              troupe demo
              troupe demo --web
              troupe demo --keep ./demo-home && troupe sim serve --state ./demo-home/simulator-state.json
            """)

    @Option(help: ArgumentHelp("Keep the demo's catalogue and vault in this directory.", valueName: "dir")) var keep: String?
    @Option(help: "Seconds each simulated task takes.") var latency: Double = 0.4
    @Flag(help: "At the end, serve the web app on the demo's catalogue until Ctrl-C.") var web = false
    @Option(name: .customLong("web-port"), help: "Port for --web (0 picks a free one).") var webPort: Int = 8790

    func validate() throws {
        if keep?.isEmpty == true { throw ValidationError("--keep needs a directory, e.g. --keep ./demo-home") }
        guard (0...65535).contains(webPort) else { throw ValidationError("--web-port must be between 0 and 65535, e.g. --web-port 8790") }
    }

    func run() async throws {
        let keepHome = keep.map { TroupeHome.resolve(option: $0).directory }
        try await Demo.run(latency: latency, keepHome: keepHome, then: web ? Self.serveWeb(port: webPort) : nil) { line in
            print(line)
            fflush(nil)
        }
    }

    /// `--web`: the web app on the demo's studio, in the foreground until SIGINT or SIGTERM.
    static func serveWeb(port: Int) -> @Sendable (Studio) async throws -> Void {
        { studio in
            try await WebServer.serve(studio: studio, port: port) { url in
                FileHandle.standardOutput.write(Data("troupe web: \(url)\n".utf8))
                FileHandle.standardError.write(Data("serving the demo's catalogue (Ctrl-C to stop)\n".utf8))
            }
        }
    }
}
