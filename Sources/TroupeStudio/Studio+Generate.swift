import Foundation
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeProviders

/// What `video generate` and `video remix` ask for.
public struct GenerateOptions: Sendable {
    public var prompt: PromptSource
    public var variables: [String] = []
    public var providerName: String?
    public var model: VideoModel?
    public var aspect: AspectRatio?
    public var duration: Int?
    public var size: VideoSize?
    /// Reference images, each a local path or a URL, in order (before the characters' images).
    public var images: [String] = []
    /// The first reference image (setting it keeps only that one).
    public var image: String? {
        get { images.first }
        set { images = newValue.map { [$0] } ?? [] }
    }
    /// The video's first frame, for models that take one: a local path or a URL.
    public var firstFrame: String?
    /// The video's last frame (with a first frame), for models that take one.
    public var lastFrame: String?
    /// The pid to remix.
    public var remixOf: String?
    /// How the result comes back: poll (the default), stream or webhook.
    public var delivery: DeliveryMode = .poll
    /// The callback URL for `webhook` delivery; nil means the one the running receiver recorded.
    public var webhookURL: String?
    /// Wait for the result and download it (else return once the provider has the task).
    public var wait = true
    /// Show the compiled request and its price without sending anything.
    public var dryRun = false

    public init(prompt: PromptSource) {
        self.prompt = prompt
    }
}

/// How a generation's result comes back.
public enum DeliveryMode: String, Sendable, CaseIterable {
    /// The task id comes back at once and troupe polls for the result (the default).
    case poll
    /// GrsAI: live progress on one connection.
    case stream
    /// The receiver of `troupe webhook serve` finishes it.
    case webhook

    /// Reads `poll`, `stream` or `webhook`.
    public init(parsing text: String) throws(DomainError) {
        guard let mode = DeliveryMode(rawValue: text.lowercased()) else {
            throw DomainError("unknown delivery '\(text)': use poll (the default), stream or webhook")
        }
        self = mode
    }
}

/// A request shown instead of sent.
public struct DryRunReport: Sendable, Encodable {
    public var provider: String
    public var kind: String
    /// The model the request asks for (nil for a character).
    @NullEncoded public var model: String?
    /// The request as it would be sent, without the key.
    public var request: String
    /// In `currency` (a number in JSON, as in every other report).
    public var price: Decimal
    public var currency: String
    public var compiledPrompt: String?
    public var referenced: [String]

    enum CodingKeys: String, CodingKey {
        case provider, kind, model, request, price, currency, compiledPrompt = "compiled_prompt", referenced
    }

    public init(provider: String, kind: String, model: String?, request: String, price: Decimal, currency: String,
                compiledPrompt: String?, referenced: [String]) {
        self.provider = provider
        self.kind = kind
        self.model = model
        self.request = request
        self.price = price
        self.currency = currency
        self.compiledPrompt = compiledPrompt
        self.referenced = referenced
    }
}

/// A generation validated, compiled and built, not yet journaled or sent.
public struct PreparedGeneration: Sendable {
    public var provider: Provider
    public var wire: WireRequest
    /// The request as journaled and shown: no key, no webhook token.
    public var preview: String
    public var price: PriceTable.Price
    public var delivery: Delivery
    var video: Video
    var features: [Handle]
    public var kind: TaskKind
    public var compiled: CompiledPrompt

    /// What `--dry-run` shows.
    public var dryRunReport: DryRunReport {
        DryRunReport(provider: provider.name, kind: kind.rawValue, model: video.model, request: preview, price: price.amount,
                     currency: price.currency, compiledPrompt: compiled.prompt, referenced: compiled.referenced)
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
        let prepared = try prepareGeneration(options)
        if options.dryRun { return .dryRun(prepared.dryRunReport) }
        return .done(try await run(prepared, wait: options.wait, environment: environment, events: events))
    }

    /// Validates and compiles a generation and builds its wire request; journals and sends nothing.
    /// `characters`, `provider` and `target`, when given, save looking them up again (a batch
    /// prepares thousands of rows against the same ones).
    public func prepareGeneration(_ options: GenerateOptions, characters: CharacterTable? = nil, provider chosen: Provider? = nil,
                                  target: PromptTarget? = nil) throws -> PreparedGeneration {
        let delivery: Delivery = switch options.delivery {
        case .poll: .poll
        case .stream: .stream
        case .webhook: .webhook(try webhookDeliveryURL(options.webhookURL))
        }
        // Images are checked first (a URL's shape, a file's first bytes): one line each, nothing journaled.
        let referenceImages = try options.images.map { try ImageInputCheck.source($0, role: "reference image") }
        let firstFrame = try options.firstFrame.map { try ImageInputCheck.source($0, role: "first frame") }
        let lastFrame = try options.lastFrame.map { try ImageInputCheck.source($0, role: "last frame") }
        let provider = try chosen ?? provider(named: options.providerName)
        let dialect = TroupeProviders.dialect(for: provider.kind)
        // A unique start of a catalogued pid names it (a batch's `remix_of` column too).
        let parent = try options.remixOf.map { try catalog.resolvePidOrNew($0) }
        let parentVideo = try parent.flatMap { try catalog.knows(pid: $0) ? catalog.video(pid: $0) : nil }
        let spec = try remixModel(options.model, parent: parentVideo, provider: provider)
        // The prompt is compiled for the model: its character forms and limits (a batch's shared
        // target is reused for the rows on the same model).
        var modelTarget = try target ?? promptTarget(for: provider, model: spec)
        modelTarget.model = spec
        let rendered = try render(options.prompt, variables: options.variables, providerName: provider.name, characters: characters,
                                  target: modelTarget)
        let compiled = rendered.compiled

        var request = GenerateRequest(prompt: compiled.prompt, model: spec, aspect: options.aspect, duration: options.duration, size: options.size,
                                      referenceImages: referenceImages, firstFrame: firstFrame, lastFrame: lastFrame,
                                      remixOf: parent?.rawValue,
                                      delivery: delivery)
        try Self.attachCharacters(compiled, to: &request, dialect: provider.kind)
        try Self.attachCharacterImages(compiled, to: &request, model: spec)
        let wire = try dialect.generate(request, parentKnown: parentVideo != nil)
        // What was sent: the values asked for, else the model's defaults (a Veo body has no size).
        // An OpenAI-style remix sends only a prompt: the provider keeps the parent's shape.
        let keepsParentShape = parent != nil && provider.kind == .openai
        let duration = (keepsParentShape ? parentVideo?.duration : nil) ?? request.chosenDuration ?? 0
        let size = keepsParentShape ? parentVideo.flatMap { $0.size.flatMap { try? VideoSize(parsing: $0) } } ?? request.chosenSize
            : request.chosenSize
        let aspect = (keepsParentShape ? parentVideo?.aspect : nil) ?? request.chosenAspect?.rawValue
        let price = PriceTable().video(spec, duration: duration, size: size)

        var video = Video(pid: nil, providerName: provider.name, origin: .generated, status: .pending, prompt: rendered.filled)
        video.compiledPrompt = compiled.prompt
        video.model = spec.name.rawValue
        video.aspect = aspect
        video.duration = duration
        video.size = size?.rawValue
        video.parentId = parentVideo?.id
        video.referenceURL = options.images.first
        video.cost = NSDecimalNumber(decimal: price.amount).doubleValue
        return PreparedGeneration(provider: provider, wire: wire, preview: journaledPreview(wire), price: price, delivery: delivery, video: video,
                                  features: try compiled.referenced.map { try Handle($0) },
                                  kind: parent == nil ? .generate : .remix, compiled: compiled)
    }

    /// Journals a prepared generation, sends it and (with `wait`) tracks it to its file.
    /// `reusing` names a refused task (failed with no task id: see `TaskEntry.isRefused`) whose
    /// journal row, batch key included, is reused for this send instead of a new one.
    public func run(_ prepared: PreparedGeneration, batchKey: String? = nil, reusing taskId: Int64? = nil, wait: Bool = true,
                    environment: [String: String] = ProcessInfo.processInfo.environment,
                    events: @escaping StudioEvents = { _ in }) async throws -> JournalEntry {
        let provider = prepared.provider
        let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)
        let entry: JournalEntry
        if let taskId {
            entry = try claimingBatchRow(batchKey) {
                try catalog.rejournal(taskId: taskId, request: prepared.preview, producing: .video(prepared.video, features: prepared.features))
            }
            events(.journaled(taskId: taskId))
            events(.note("task \(taskId): the provider refused it earlier (nothing was charged); sending it again"))
        } else {
            var task = TaskEntry(providerName: provider.name, kind: prepared.kind, request: prepared.preview)
            task.currency = prepared.price.currency
            task.batchKey = batchKey
            entry = try await claimingBatchRow(batchKey) {
                try await catalog.journalGrouped(task, producing: .video(prepared.video, features: prepared.features))
            }
            events(.journaled(taskId: entry.task.id!))
        }
        return try await settling(taskId: entry.task.id!) {
            try await send(entry, wire: prepared.wire, price: prepared.price, delivery: prepared.delivery, wait: wait,
                           transport: transport, events: events)
        }
    }

    /// Sends a journaled `prepared` call and (with `wait`) tracks it to its file.
    func send(_ entry: JournalEntry, wire: WireRequest, price: PriceTable.Price, delivery: Delivery, wait: Bool,
              transport: Transport, events: @escaping StudioEvents) async throws -> JournalEntry {
        let dialect = TroupeProviders.dialect(for: transport.provider.kind)
        if delivery == .stream {
            return try await submitStreaming(entry, wire: wire, price: price, transport: transport, dialect: dialect, events: events)
        }
        let entry = try await submit(entry, wire: wire, price: price, transport: transport, dialect: dialect, events: events)
        // The answer may already be the finished video (AceData is synchronous): track() then
        // polls nothing and only downloads it into the vault.
        guard wait, [.submitted, .running, .succeeded].contains(entry.task.state) else { return entry }
        if case .webhook = delivery, entry.task.state != .succeeded {
            events(.note("task \(entry.task.id!): the webhook receiver will finish it (`troupe task resume` polls it meanwhile)"))
            return entry
        }
        return try await track(entry, transport: transport, dialect: dialect, events: events)
    }

    /// The model a generation asks for: `name`, else for a remix the parent's model (when this
    /// provider serves it), else the provider's default. The dialect then refuses a model that
    /// cannot remix, before anything is sent.
    func remixModel(_ name: VideoModel?, parent: Video?, provider: Provider) throws -> ModelSpec {
        if name == nil, let model = parent?.model, let parentModel = VideoModel(rawValue: model),
           let spec = try? modelSpec(named: parentModel, for: provider) {
            return spec
        }
        return try modelSpec(named: name, for: provider)
    }

    /// Puts the compiled prompt's side fields where the dialect wants them.
    static func attachCharacters(_ compiled: CompiledPrompt, to request: inout GenerateRequest, dialect kind: ProviderKind) throws {
        switch kind {
        case .grsai:
            request.characters = (compiled.characters ?? []).compactMap { character in
                guard let url = character.url, let clip = character.clip else { return nil }
                return ClipCharacter(url: url, clip: clip)
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
