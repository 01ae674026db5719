import ArgumentParser
import TroupeStudio

struct AssetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset",
        abstract: "Check the store: the catalogue's integrity, and every vault file there with its hash.",
        discussion: "Example:\n  troupe asset verify",
        subcommands: [Verify.self],
        defaultSubcommand: Verify.self)

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the catalogue (PRAGMA integrity_check) and re-hash every vault file; exit 1 on any problem.",
            discussion: "Example:\n  troupe asset verify --json")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let studio = try global.openStudio()
            let integrity = try studio.catalog.integrityCheck()
            let checks = try studio.verifyAssets()
            if global.json {
                try Output.json(checks)
            } else {
                Output.note("catalogue integrity: \(integrity)")
                for check in checks where check.result != .ok { print("\(check.result.rawValue)  \(check.path)") }
                let bad = checks.filter { $0.result != .ok }.count
                Output.note("\(checks.count) file(s) checked, \(bad) missing or corrupt")
            }
            if integrity != "ok" {
                Output.note("Error: the catalogue is damaged: \(integrity)")
                throw ExitCode.failure
            }
            if checks.contains(where: { $0.result != .ok }) { throw ExitCode.failure }
        }
    }
}
