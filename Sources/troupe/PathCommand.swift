import ArgumentParser
import TroupeCatalog

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print where the catalogue and the vault are.",
        discussion: """
            Example:
              troupe path
              troupe --home /tmp/studio path --json
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let home = try global.troupeHome
        let catalog = home.catalogLocation.description
        if global.json {
            try Output.json(["home": home.directory, "catalog": catalog, "vault": home.vaultPath])
        } else {
            print("home     \(home.directory)")
            print("catalog  \(catalog)")
            print("vault    \(home.vaultPath)")
        }
    }
}
