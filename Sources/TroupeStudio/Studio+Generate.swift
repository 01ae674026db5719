import Foundation
import TroupeCatalog
import TroupePrompt
import TroupeProviders

/// What `video generate` and `video remix` ask for.
public struct GenerateOptions: Sendable {
    public var prompt: PromptSource
    public var variables: [String] = []
    public var providerName: String?
    public var model: String?
    public var aspect: String?
    public var duration: Int?
    public var size: String?
    /// A reference image: a local path or a URL.
    public var image: String?
    /// The pid to remix.
    public var remixOf: String?
    /// `poll` (the default); `stream` and `webhook` are not wired to the CLI yet.
    public var delivery: String = "poll"
    /// Wait for the result and download it (else return once the provider has the task).
    public var wait = true
    /// Show the compiled request and its price without sending anything.
    public var dryRun = false

    public init(prompt: PromptSource) {
        self.prompt = prompt
    }
}

/// A request shown instead of sent.
public struct DryRunReport: Sendable, Encodable {
    public var provider: String
    public var kind: String
    /// The request as it would be sent, without the key.
    public var request: String
    public var price: String
    public var currency: String
    public var compiledPrompt: String?
    public var referenced: [String]

    enum CodingKeys: String, CodingKey {
        case provider, kind, request, price, currency, compiledPrompt = "compiled_prompt", referenced
    }
}

/// What a paid workflow ended with.
public enum WorkOutcome: Sendable {
    case dryRun(DryRunReport)
    case done(JournalEntry)
}

extension Studio {
    /// Generates (or, with `remixOf`, remixes) a video: validate → compile → journal → send →
    /// track → record → download. Nothing is sent when validation or compilation fails.
    public func generate(_ options: GenerateOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
                         events: @escaping StudioEvents = { _ in }) async throws -> WorkOutcome {
        guard options.delivery == "poll" else {
            throw StudioError("delivery '\(options.delivery)' is not available yet: use --delivery poll (the default)")
        }
        let provider = try provider(named: options.providerName)
        let dialect = TroupeProviders.dialect(for: provider.kind)
        let rendered = try render(options.prompt, variables: options.variables, providerName: provider.name)
        let compiled = rendered.compiled

        let model = try options.model.map { try VideoModel(parsing: $0) }
        let aspect = try options.aspect.map { try AspectRatio(parsing: $0) }
        let size = try options.size.map { try VideoSize(parsing: $0) }
        let parent = try options.remixOf.map { try Pid($0) }
        let parentVideo = try parent.flatMap { try catalog.knows(pid: $0) ? catalog.video(pid: $0) : nil }

        var request = GenerateRequest(prompt: compiled.prompt, model: model, aspect: aspect, duration: options.duration, size: size,
                                      referenceImage: options.image.map { MediaSource(parsing: $0) }, remixOf: parent?.rawValue,
                                      delivery: .poll)
        try Self.attachCharacters(compiled, to: &request, dialect: provider.kind)
        let wire = try dialect.generate(request, parentKnown: parentVideo != nil)
        let chosenModel = model ?? provider.kind.defaultModel
        let chosenDuration = options.duration ?? provider.kind.defaultDuration
        let price = PriceTable().video(kind: provider.kind, model: chosenModel, duration: chosenDuration, size: size ?? .small)
        let taskKind: TaskKind = parent == nil ? .generate : .remix

        if options.dryRun {
            return .dryRun(DryRunReport(provider: provider.name, kind: taskKind.rawValue, request: wire.preview,
                                        price: "\(price.amount)", currency: price.currency,
                                        compiledPrompt: compiled.prompt, referenced: compiled.referenced))
        }
        let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment))

        var video = Video(pid: nil, providerName: provider.name, origin: .generated, status: .pending, prompt: rendered.source)
        video.compiledPrompt = compiled.prompt
        video.model = chosenModel.rawValue
        video.aspect = (aspect ?? .portrait).rawValue
        video.duration = chosenDuration
        video.size = (size ?? .small).rawValue
        video.parentId = parentVideo?.id
        video.referenceURL = options.image
        video.cost = NSDecimalNumber(decimal: price.amount).doubleValue
        let features = try compiled.referenced.map { try Handle($0) }
        var entry = try catalog.journal(TaskEntry(providerName: provider.name, kind: taskKind, request: wire.preview),
                                        producing: .video(video, features: features))
        events(.journaled(taskId: entry.task.id!))
        entry = try await submit(entry, wire: wire, price: price, transport: transport, dialect: dialect, events: events)
        // The answer may already be the finished video (AceData is synchronous): track() then
        // polls nothing and only downloads it into the vault.
        guard options.wait, [.submitted, .running, .succeeded].contains(entry.task.state) else { return .done(entry) }
        entry = try await track(entry, transport: transport, dialect: dialect, events: events)
        return .done(entry)
    }

    /// Puts the compiled prompt's side fields where the dialect wants them.
    static func attachCharacters(_ compiled: CompiledPrompt, to request: inout GenerateRequest, dialect kind: ProviderKind) throws {
        switch kind {
        case .grsai:
            request.characters = try (compiled.characters ?? []).compactMap { character in
                guard let url = character.url, let timestamps = character.timestamps else { return nil }
                return ClipCharacter(url: url, clip: try ClipRange(parsing: timestamps))
            }
        case .openai:
            request.characterIDs = try (compiled.characters ?? []).compactMap { try $0.id.map { try CharacterID($0) } }
        case .acedata:
            if let url = compiled.characterURL, let start = compiled.characterStart, let end = compiled.characterEnd {
                request.characterClip = ClipCharacter(url: url, clip: try ClipRange(start: start, end: end))
            }
        }
    }
}
