import ArgumentParser
import TroupeCatalog
import TroupeDomain

struct ProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "List, add, edit, remove and choose providers.",
        discussion: """
            A fresh catalogue knows grsai, grsai-cn, acedata and sim (the local simulator). \
            Keys are read from the environment variable a provider names; they are never stored.

            Example:
              troupe provider list
              troupe provider add mygate --kind openai --base-url https://gate.example.com/v1 --key-env MYGATE_KEY
              troupe provider set sim --base-url http://127.0.0.1:9000
              troupe provider use sim
            """,
        subcommands: [List.self, Add.self, Edit.self, Remove.self, Use.self],
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
                The base URL is stored without a trailing '/' and, for grsai and openai (whose \
                paths begin with /v1), without a trailing /v1: https://gate.example.com/v1 and \
                https://gate.example.com reach the same endpoints.

                Example:
                  troupe provider add mygate --kind openai --base-url https://gate.example.com/v1 --key-env MYGATE_KEY
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A name for it (letters, digits, '_', '-', '.').") var name: String
        @Option(help: "The API it speaks: grsai, acedata or openai.", transform: ProviderKind.parse) var kind: ProviderKind
        @Option(name: .customLong("base-url"), help: "Its base URL (http or https).") var baseURL: String
        @Option(name: .customLong("key-env"), help: "The environment variable holding its key (never the key itself).") var keyEnv: String?

        func run() throws {
            let provider = try global.openCatalog().addProvider(name: name, kind: kind, baseURL: baseURL, keyEnv: keyEnv)
            if global.json {
                return try Output.json(ProviderReport(name: provider.name, kind: provider.kind.rawValue, baseUrl: provider.baseURL, keyEnv: provider.keyEnv, isDefault: false))
            }
            print("added provider \(provider.name) (\(provider.kind.rawValue), \(provider.baseURL))")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a provider's base URL or where its key comes from.",
            discussion: """
                Checked as `provider add` checks them. Tasks already journaled are tracked at the \
                new base URL.

                Example:
                  troupe provider set mygate --base-url https://gate2.example.com/v1 --key-env MYGATE_KEY
                  troupe provider set sim --base-url http://127.0.0.1:9000 --json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The provider's name.") var name: String
        @Option(name: .customLong("base-url"), help: "Its new base URL (http or https).") var baseURL: String?
        @Option(name: .customLong("key-env"), help: "The environment variable holding its key (never the key itself).") var keyEnv: String?
        @Flag(name: .customLong("no-key"), help: "Send no key of its own (the local simulator takes any).") var noKey = false

        func validate() throws {
            if keyEnv != nil && noKey { throw ValidationError("--key-env and --no-key contradict each other: give one") }
            if baseURL == nil && keyEnv == nil && !noKey {
                throw ValidationError("nothing to change: give --base-url, --key-env or --no-key")
            }
        }

        func run() throws {
            let catalog = try global.openCatalog()
            let key: Catalog.KeySource? = noKey ? .noKey : keyEnv.map { .variable($0) }
            let provider = try catalog.updateProvider(named: name, baseURL: baseURL, key: key)
            if global.json {
                let isDefault = try catalog.defaultProvider().name == provider.name
                return try Output.json(ProviderReport(name: provider.name, kind: provider.kind.rawValue, baseUrl: provider.baseURL,
                                                      keyEnv: provider.keyEnv, isDefault: isDefault))
            }
            print("provider \(provider.name): \(provider.baseURL), key " + (provider.keyEnv.map { "from $" + $0 } ?? "none"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a provider that nothing in the catalogue uses (with the model rows added for it alone).",
            discussion: "Example:\n  troupe provider remove mygate")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The provider's name.") var name: String

        func run() throws {
            let models = try global.openCatalog().removeProvider(named: name)
            if global.json { return try Output.json(RemovedProvider(removed: name, models: models)) }
            print("removed provider \(name)" + (models.isEmpty ? "" : " and its own model row(s): \(models.joined(separator: ", "))"))
        }
    }

    /// What `provider remove --json` prints.
    struct RemovedProvider: Encodable {
        var removed: String
        /// The model rows added for this provider alone, removed with it.
        var models: [String]
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
