import ArgumentParser
import Foundation
import TroupeSimulator

struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the local provider simulator (GrsAI, AceData and OpenAI-style APIs on one port).",
        discussion: """
            Example:
              troupe sim serve --port 8787 --latency 5
              troupe --provider sim video generate "a cat on a skateboard"
            """,
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the simulator on loopback until interrupted.",
            discussion: """
                The `sim` provider points at http://127.0.0.1:8787, the default port. Any non-empty \
                Bearer key is accepted unless --key is given. Admin endpoints: GET /_sim/ledger, \
                GET /_sim/tasks. A succeeded video's file is one of a few bundled real H.264 clips \
                (4 s, chosen by its pid), unless --synthetic-files.

                Example:
                  troupe sim serve --latency 2 --fail-rate 0.3 --seed 1
                """)

        @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8787
        @Option(help: "Interface to bind.") var host: String = "127.0.0.1"
        @Option(help: "Seconds a task takes to finish.") var latency: Double = 2
        @Option(name: .customLong("fail-rate"), help: "Share of calls answered with a fault (429, 500, reset, truncated JSON).") var failRate: Double = 0
        @Option(name: .customLong("moderation-rate"), help: "Share of tasks failing moderation.") var moderationRate: Double = 0
        @Option(name: .customLong("url-ttl"), help: "Seconds result URLs stay valid.") var urlTTL: Double = 7200
        @Option(help: "Seed for repeatable faults.") var seed: UInt64?
        @Option(help: "Accept only this Bearer key.") var key: String?
        @Option(help: "Starting credit on the ledger; a paid call beyond the balance is refused.") var credit: Double = 1000
        @Option(help: ArgumentHelp("Persist the simulator's state to this file.", valueName: "file")) var state: String?
        @Option(name: .customLong("openai-model"),
                help: ArgumentHelp("A model besides Sora that /v1/videos serves, as an OpenAI-style aggregator does (repeatable).", valueName: "name"))
        var openAIModels: [String] = []
        @Flag(name: .customLong("synthetic-files"),
              help: "Serve tiny synthetic MP4s as long as requested instead of the bundled real 4-second clips.")
        var syntheticFiles = false

        func run() async throws {
            let configuration = SimulatorConfiguration(host: host, port: port, latency: latency, failRate: failRate,
                                                       moderationRate: moderationRate, urlTTL: urlTTL, seed: seed, key: key, statePath: state,
                                                       credit: credit, openAIModels: openAIModels, realClips: !syntheticFiles)
            if !configuration.problems.isEmpty { throw ValidationError(configuration.problems.joined(separator: "; ")) }
            try await serveSimulator(configuration) { url in
                print("simulator listening on \(url) (Ctrl-C to stop)")
                // Scripts read this line (for --port 0) through a pipe, where stdout is block-buffered.
                fflush(nil)
            }
        }
    }
}
