import ArgumentParser
import TroupeStudio

struct AssetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset",
        abstract: "Check the vault: every catalogued file is there and has its hash.",
        discussion: "Example:\n  troupe asset verify",
        subcommands: [Verify.self],
        defaultSubcommand: Verify.self)

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash every vault file; exit 1 when one is missing or corrupt.",
            discussion: "Example:\n  troupe asset verify --json")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let checks = try global.openStudio().verifyAssets()
            if global.json {
                try Output.json(checks)
            } else {
                for check in checks where check.result != .ok { print("\(check.result.rawValue)  \(check.path)") }
                let bad = checks.filter { $0.result != .ok }.count
                Output.note("\(checks.count) file(s) checked, \(bad) missing or corrupt")
            }
            if checks.contains(where: { $0.result != .ok }) { throw ExitCode.failure }
        }
    }
}
