import ArgumentParser
import TroupeCatalog

struct ProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "List, add, remove and choose providers.",
        discussion: """
            A fresh catalogue knows grsai, grsai-cn, acedata and sim (the local simulator). \
            Keys are read from the environment variable a provider names; they are never stored.

            Example:
              troupe provider list
              troupe provider add mygate --kind openai --base-url https://gate.example.com/v1 --key-env MYGATE_KEY
              troupe provider use sim
            """,
        subcommands: [List.self, Add.self, Remove.self, Use.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the providers (the default one is marked *).",
            discussion: "Example:\n  troupe provider list --json")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let reports = try global.openCatalog().providerReports()
            if global.json { return try Output.json(reports) }
            Output.table(["", "NAME", "KIND", "KEY FROM", "BASE URL"], reports.map {
                [$0.isDefault ? "*" : "", $0.name, $0.kind, $0.keyEnv.map { "$" + $0 } ?? "-", $0.baseUrl]
            })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a provider endpoint.",
            discussion: """
                Example:
                  troupe provider add mygate --kind openai --base-url https://gate.example.com/v1 --key-env MYGATE_KEY
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A name for it (letters, digits, '_', '-', '.').") var name: String
        @Option(help: "The API it speaks: grsai, acedata or openai.") var kind: String
        @Option(name: .customLong("base-url"), help: "Its base URL (http or https).") var baseURL: String
        @Option(name: .customLong("key-env"), help: "The environment variable holding its key (never the key itself).") var keyEnv: String?

        func run() throws {
            let kind = try ProviderKind(parsing: self.kind)
            let provider = try global.openCatalog().addProvider(name: name, kind: kind, baseURL: baseURL, keyEnv: keyEnv)
            if global.json {
                return try Output.json(ProviderReport(name: provider.name, kind: provider.kind.rawValue, baseUrl: provider.baseURL, keyEnv: provider.keyEnv, isDefault: false))
            }
            print("added provider \(provider.name) (\(provider.kind.rawValue), \(provider.baseURL))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a provider that nothing in the catalogue uses.",
            discussion: "Example:\n  troupe provider remove mygate")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The provider's name.") var name: String

        func run() throws {
            try global.openCatalog().removeProvider(named: name)
            if global.json { return try Output.json(["removed": name]) }
            print("removed provider \(name)")
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Choose the provider used when --provider is not given.",
            discussion: "Example:\n  troupe provider use grsai-cn")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The provider's name.") var name: String

        func run() throws {
            try global.openCatalog().useProvider(named: name)
            if global.json { return try Output.json(["default": name]) }
            print("now using provider \(name)")
        }
    }
}
