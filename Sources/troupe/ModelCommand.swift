import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDomain

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "List, show, add and remove video models (the model table).",
        discussion: """
            Each model row says which provider kind serves it, how a request to it is shaped \
            (its family), the durations, aspects and sizes it takes, how characters reach it, \
            which images it takes and what it costs. A row is for every provider of a kind \
            (--kind) or for one catalogue provider (--provider), looked up first for it.

            Example:
              troupe model list --provider sim
              troupe model show veo3.1-fast --kind grsai
              troupe model add wan-2 --provider mygate --durations 5,10 --price 0.05
              troupe model remove wan-2 --provider mygate
            """,
        subcommands: [List.self, Show.self, Add.self, Remove.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the models (the default of each kind or provider is marked *).",
            discussion: """
                With --provider, the models that provider can use: its kind's rows and its own.

                Example:
                  troupe model list
                  troupe model list --provider sim --json
                  troupe model list --kind acedata
                """)

        @OptionGroup var global: ModelOptions
        @Option(help: ArgumentHelp("Only the models this catalogue provider can use (default: every row).", valueName: "name"))
        var provider: String?
        @Option(help: "Only this provider kind's rows: grsai, acedata or openai.", transform: ProviderKind.parse) var kind: ProviderKind?

        func validate() throws {
            if kind != nil && provider != nil { throw ValidationError("give --provider or --kind, not both") }
        }

        func run() throws {
            let models = try global.openCatalog().models(kind: kind, provider: provider)
            if global.json { return try Output.json(models.map(ModelReport.init)) }
            if models.isEmpty { return Output.note("no models: `troupe model add NAME --kind KIND …` adds one") }
            Output.table(["", "NAME", "ON", "FAMILY", "SECONDS", "ASPECTS", "SIZES", "CHARACTERS", "REMIX", "IMAGES", "PRICE"], models.map {
                [$0.isDefault ? "*" : "", $0.name.rawValue, ModelText.place($0), $0.family.rawValue,
                 $0.durations.map(String.init).joined(separator: ","), $0.aspects.map(\.rawValue).joined(separator: ","),
                 $0.sizes.isEmpty ? "-" : $0.sizes.map(\.rawValue).joined(separator: ","), ModelText.characters($0),
                 $0.remix ? "yes" : "no", ModelText.images($0), ModelText.price($0)]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one model: everything its row holds.",
            discussion: """
                A name on several kinds needs --kind or --provider to say which row.

                Example:
                  troupe model show veo3.1-pro
                  troupe model show sora-2 --provider sim --json
                """)

        @OptionGroup var global: ModelOptions
        @Argument(help: "The model's name.", transform: VideoModel.parse) var name: VideoModel
        @Option(help: ArgumentHelp("The row this catalogue provider uses (no default: a name on one row needs none).", valueName: "name"))
        var provider: String?
        @Option(help: "The row for this provider kind: grsai, acedata or openai.", transform: ProviderKind.parse) var kind: ProviderKind?

        func validate() throws {
            if kind != nil && provider != nil { throw ValidationError("give --provider or --kind, not both") }
        }

        func run() throws {
            let model = try global.openCatalog().model(named: name, kind: kind, provider: provider)
            if global.json { return try Output.json(ModelReport(model)) }
            let none = "-"
            let fields: [(String, String)] = [
                ("name", model.name.rawValue), ("on", ModelText.place(model)), ("family", model.family.rawValue),
                ("service", model.service ?? none), ("durations", model.durations.map(String.init).joined(separator: ", ") + " s"),
                ("aspects", model.aspects.map(\.rawValue).joined(separator: ", ")),
                ("sizes", model.sizes.isEmpty ? "none (the request has no size)" : model.sizes.map(\.rawValue).joined(separator: ", ")),
                ("characters", ModelText.characters(model)), ("remix", model.remix ? "yes" : "no"),
                ("images", model.imageInputs.isEmpty ? "none" : model.imageInputs.map(\.rawValue).joined(separator: ", ")),
                ("references", "at most \(model.maxReferenceImages)"), ("price", ModelText.price(model)),
                ("default", model.isDefault ? "yes" : "no"),
            ]
            for (name, value) in fields {
                print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + Output.escaped(value))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a model row, with every capability as an option.",
            discussion: """
                --kind K adds it for every provider of kind K; --provider P for catalogue provider \
                P only. Lists are comma-separated; the first duration, aspect and size are the \
                defaults. Without --family the kind's standard family is used (grsai-sora, \
                acedata-sora, openai-videos); without --currency the kind's (CNY for grsai, else USD). \
                --price-for size=SIZE:PRICE or from=SECONDS:PRICE overrides the price; both \
                conditions go before one price, joined with + in either order \
                (size=large+from=10:0.70); give --price-for again for another price; the first \
                match wins. Each value must be one the family can send (aspects, sizes, reference \
                images): a malformed value is a usage error (64), one the family or the table \
                cannot take is refused (1). --default makes it the model used when \
                none is named, in place of the old default.

                Example:
                  troupe model add wan-2 --provider mygate --durations 5,10 \\
                    --price 0.05 --per second
                  troupe model add sora-2-pro --provider mygate --durations 4,8,12 \\
                    --sizes small,large --price 0.30 --per second \\
                    --price-for size=large+from=8:0.60 --price-for size=large:0.50
                  troupe model add veo3.1-fast-1080p --kind grsai --family grsai-veo \\
                    --durations 8 --aspects 16:9,9:16 --max-characters 3 \\
                    --character-forms image --max-reference-images 3 \\
                    --image-inputs reference,first_frame,last_frame --price 0.60
                """)

        @OptionGroup var global: ModelOptions
        @Argument(help: "The model's name, as the provider spells it.", transform: VideoModel.parse) var name: VideoModel
        @Option(help: ArgumentHelp("For this catalogue provider only (no default: give --provider or --kind).", valueName: "name"))
        var provider: String?
        @Option(help: "For every provider of this kind: grsai, acedata or openai.", transform: ProviderKind.parse) var kind: ProviderKind?
        @Option(help: "How a request is shaped (grsai-sora, grsai-veo, acedata-sora, acedata-seedance, openai-videos).",
                transform: RequestFamily.parse) var family: RequestFamily?
        @Option(help: "AceData's service path segment (/{service}/videos), e.g. seedance.") var service: String?
        @Option(parsing: .unconditional, help: "The durations it takes, in seconds, 1–600 each (e.g. 5,10).", transform: CommaList.seconds)
        var durations: [Int]
        @Option(help: "The aspect ratios it takes, among its family's (default: 9:16,16:9; 16:9,9:16 on grsai-veo and acedata-seedance).",
                transform: CommaList.of(AspectRatio.self, option: "--aspects")) var aspects: [AspectRatio]?
        @Option(help: "The sizes it takes, among its family's (default: what the family sends: small on openai-videos, small,large on the Sora families, 720p on acedata-seedance, none on grsai-veo).",
                transform: CommaList.of(VideoSize.self, option: "--sizes")) var sizes: [VideoSize]?
        @Option(name: .customLong("max-characters"), parsing: .unconditional,
                help: "The most characters one prompt may use, 0 or more (default: the kind's limit).",
                transform: CommaList.count("--max-characters")) var maxCharacters: Int?
        @Option(name: .customLong("character-forms"), help: "How characters reach it: id, clip, image (default: all its family can carry).",
                transform: CommaList.of(CharacterForm.self, option: "--character-forms")) var characterForms: [CharacterForm]?
        @Flag(help: "It can remix an earlier video.") var remix = false
        @Option(name: .customLong("image-inputs"), help: "The images it takes: reference, first_frame, last_frame (default: its family's).",
                transform: CommaList.of(ImageInput.self, option: "--image-inputs")) var imageInputs: [ImageInput]?
        @Option(name: .customLong("max-reference-images"), parsing: .unconditional,
                help: "The most reference images one request may carry, within its family's (grsai-veo 3, acedata-seedance 4, grsai-sora and openai-videos 1).",
                transform: CommaList.count("--max-reference-images")) var maxReferenceImages: Int?
        @Option(parsing: .unconditional, help: "Its price, an exact decimal, 0 to 100000 with up to 8 decimal places (e.g. 0.30).",
                transform: CommaList.amount) var price: Decimal
        @Option(help: "What the price counts: video or second.", transform: PriceUnit.parse) var per: PriceUnit = .video
        @Option(name: .customLong("price-for"),
                help: "A price for some requests only: size=large:0.50, from=25:1.00, or both joined with + before one price (size=large+from=25:1.50); repeat for more.",
                transform: PriceOverride.parse) var priceFor: [PriceOverride] = []
        @Option(help: "The price's ISO currency code (default: the kind's).") var currency: String?
        @Flag(name: .customLong("default"), help: "Make it the model used when none is named.") var isDefault = false

        func validate() throws {
            if kind != nil && provider != nil { throw ValidationError("give --provider or --kind, not both") }
            if kind == nil && provider == nil {
                throw ValidationError("say whose model it is: --kind KIND (every provider of the kind) or --provider NAME (one provider)")
            }
        }

        func run() throws {
            let catalog = try global.openCatalog()
            let providerKind = try provider.map { try catalog.provider(named: $0).kind } ?? kind!
            let family = family ?? RequestFamily.standard(for: providerKind)
            let forms = characterForms ?? family.characterForms
            let inputs = imageInputs ?? family.imageInputs
            let limit = maxCharacters ?? providerKind.maxCharacters
            let wanted = inputs.contains(.reference) ? (forms.contains(.image) ? max(1, limit ?? 3) : 1) : 0
            let references = maxReferenceImages ?? min(wanted, family.maxReferenceImages ?? wanted)
            let spec = ModelSpec(
                name: name, providerKind: providerKind, provider: provider, family: family, service: service,
                durations: durations, aspects: aspects ?? family.aspects.filter { [.portrait, .landscape].contains($0) }, sizes: sizes ?? family.defaultSizes, maxCharacters: limit,
                characterForms: forms, remix: remix, imageInputs: inputs, maxReferenceImages: references,
                price: ModelPrice(price, per: per, overrides: priceFor), currency: (currency ?? providerKind.currency).uppercased(),
                isDefault: isDefault)
            let added = try catalog.addModel(spec)
            if global.json { return try Output.json(ModelReport(added.model)) }
            var line = "added model \(added.model.name) on \(ModelText.place(added.model)) (\(added.model.family.rawValue), \(ModelText.price(added.model)))"
            if added.model.isDefault {
                line += added.replacedDefault.map { "; it is now the default there in place of \($0)" } ?? "; it is the default there"
            }
            print(Output.escaped(line))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a model row (refused while an unsettled task uses it).",
            discussion: """
                --kind K removes the row for every provider of kind K; --provider P the row of \
                provider P; neither, the one row of that name. Videos already made keep the \
                model's name.

                Example:
                  troupe model remove wan-2 --provider mygate
                  troupe model remove veo3.1-fast-1080p --kind grsai
                """)

        @OptionGroup var global: ModelOptions
        @Argument(help: "The model's name.", transform: VideoModel.parse) var name: VideoModel
        @Option(help: ArgumentHelp("The row this catalogue provider holds as its own (no default).", valueName: "name"))
        var provider: String?
        @Option(help: "The row for every provider of this kind.", transform: ProviderKind.parse) var kind: ProviderKind?

        func validate() throws {
            if kind != nil && provider != nil { throw ValidationError("give --provider or --kind, not both") }
        }

        func run() throws {
            let removed = try global.openCatalog().removeModel(name: name, kind: kind, provider: provider)
            if global.json { return try Output.json(ModelReport(removed)) }
            print(Output.escaped("removed model \(removed.name) on \(ModelText.place(removed))"))
        }
    }
}

/// How model rows read in tables and `model show`.
enum ModelText {
    /// `grsai`, or `mygate (openai)` for a provider's own row.
    static func place(_ model: ModelSpec) -> String {
        model.provider.map { "\($0) (\(model.providerKind.rawValue))" } ?? model.providerKind.rawValue
    }

    /// `id,clip, any number`, `image, at most 3`, or `none`.
    static func characters(_ model: ModelSpec) -> String {
        if model.characterForms.isEmpty || model.maxCharacters == 0 { return "none" }
        let forms = model.characterForms.map(\.rawValue).joined(separator: ",")
        return forms + ", " + (model.maxCharacters.map { "at most \($0)" } ?? "any number")
    }

    /// `reference,first_frame (3)`, or `none`.
    static func images(_ model: ModelSpec) -> String {
        model.imageInputs.isEmpty ? "none" : model.imageInputs.map(\.rawValue).joined(separator: ",") + " (\(model.maxReferenceImages))"
    }

    /// `0.08 CNY/video`, `0.30 USD/second; size=large: 0.50`.
    static func price(_ model: ModelSpec) -> String {
        let base = amount(model.price.amount, model.currency) + " " + model.currency + "/" + model.price.per.rawValue
        let overrides = model.price.overrides.map { override in
            let when = [override.size.map { "size \($0.rawValue)" }, override.minDuration.map { "from \($0) s" }].compactMap { $0 }
            return when.joined(separator: " ") + ": " + amount(override.amount, model.currency)
        }
        return ([base] + overrides).joined(separator: "; ")
    }

    /// `0.40` (the currency's minor-unit digits) when that is exact, else every digit (`0.005`): never rounded.
    static func amount(_ value: Decimal, _ currency: String) -> String {
        let padded = Currency.text(value, currency)
        return Decimal(string: padded, locale: Locale(identifier: "en_US_POSIX")) == value ? padded : ModelPrice.text(value)
    }
}
