import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeStudio

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data directory (default: $TROUPE_HOME, $XDG_DATA_HOME/troupe or ~/.local/share/troupe).", valueName: "dir"))
    var home: String?

    @Option(name: .long, help: ArgumentHelp("The catalogue: postgres://USER:PASSWORD@HOST:PORT/DB for a team's PostgreSQL, or an SQLite file (default: $TROUPE_DATABASE_URL, else the home's catalog.sqlite).", valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("The vault folder, e.g. on shared storage (default: $TROUPE_VAULT, else the home's vault/).", valueName: "dir"))
    var vault: String?

    @Flag(name: .long, help: "Machine-readable JSON on stdout.")
    var json = false

    @Flag(name: .long, help: "Show every request sent to a provider (credentials redacted) on stderr.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Provider to use (default: the one chosen with `troupe provider use`).", valueName: "name"))
    var provider: String?

    var troupeHome: TroupeHome {
        get throws { try TroupeHome.resolve(option: home, database: database, vault: vault) }
    }

    /// Moves global options written before the subcommand to after it, where every command
    /// declares them: `--home DIR video list` → `video list --home DIR`.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--json" || argument == "--verbose" {
                leading.append(argument)
                index += 1
            } else if ["--home", "--provider", "--database", "--vault"].contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if ["--home=", "--provider=", "--database=", "--vault="].contains(where: { argument.hasPrefix($0) }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        if let separator = rest.firstIndex(of: "--") {
            return Array(rest[..<separator]) + leading + Array(rest[separator...])
        }
        return rest + leading
    }

    func openCatalog() throws -> Catalog {
        try Catalog(home: troupeHome)
    }

    func openStudio(_ polling: PollingOptions? = nil) throws -> Studio {
        let troupeHome = try troupeHome
        guard let polling else { return try Studio(home: troupeHome) }
        return try Studio(home: troupeHome, pollInterval: polling.pollInterval, maxPollInterval: max(15, polling.pollInterval))
    }

    /// The provider named by --provider, else the default.
    func chosenProvider(_ catalog: Catalog) throws -> Provider {
        if let provider { return try catalog.provider(named: provider) }
        return try catalog.defaultProvider()
    }
}

/// Writes data to stdout.
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// A plain aligned table; cells are shown with their control characters escaped.
    static func table(_ header: [String], _ rows: [[String]]) {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    /// Progress and diagnostics go to stderr, each line with its control characters escaped.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escapedLines(text) + "\n").utf8))
    }
}

/// A refusal found while running a command: printed as one line (`Error: …`), exit 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
