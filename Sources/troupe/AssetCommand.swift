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
            abstract: "Check the catalogue (PRAGMA integrity_check), re-hash every vault file and list partial downloads; exit 1 on any problem.",
            discussion: "A partial download is one left in vault/incoming: `troupe task resume` resumes it, or removes it once its task is done.\n\nExample:\n  troupe asset verify --json")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let studio = try global.openStudio()
            let integrity = try studio.catalog.integrityCheck()
            let checks = try studio.verifyAssets()
            if global.json {
                try Output.json(checks)
            } else {
                Output.note("catalogue integrity: \(integrity)")
                for check in checks where check.result != .ok {
                    print("\(check.result.rawValue)  \(check.path)" + (check.taskId.map { "  (task \($0))" } ?? ""))
                }
                let files = checks.filter { $0.result != .partial }
                let bad = files.filter { $0.result != .ok }.count
                let partial = checks.count - files.count
                Output.note("\(files.count) file(s) checked, \(bad) missing or corrupt"
                            + (partial > 0 ? "; \(partial) partial download(s) left in the vault (`troupe task resume` resumes or removes them)" : ""))
            }
            if integrity != "ok" {
                Output.note("Error: the catalogue is damaged: \(integrity)")
                throw ExitCode.failure
            }
            if checks.contains(where: { $0.result != .ok }) { throw ExitCode.failure }
        }
    }
}
