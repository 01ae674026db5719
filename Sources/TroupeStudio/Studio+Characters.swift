import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeProviders

/// What `character upload` and `character extract` ask for.
public struct CharacterOptions: Sendable {
    public enum Source: Sendable {
        /// A local clip file or a URL (`sora-upload-character`).
        case clip(String)
        /// A generated video (`sora-create-character`).
        case video(Pid)
    }

    public var source: Source
    public var clip: ClipRange
    public var handle: Handle
    public var providerName: String?
    public var wait = true
    public var dryRun = false

    public init(source: Source, clip: ClipRange, handle: Handle) {
        self.source = source
        self.clip = clip
        self.handle = handle
    }
}

extension Studio {
    /// Makes a character from a clip or a generated video, journal first.
    public func createCharacter(_ options: CharacterOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
                                events: @escaping StudioEvents = { _ in }) async throws -> WorkOutcome {
        let provider = try provider(named: options.providerName)
        let dialect = TroupeProviders.dialect(for: provider.kind)
        try options.clip.validate(for: provider.kind)
        if (try? catalog.character(handle: options.handle)) != nil {
            throw StudioError("handle @\(options.handle) is taken: choose another --name")
        }
        var character = CharacterEntry(handle: options.handle, providerName: provider.name, characterId: nil,
                                       sourceKind: .upload, status: .pending, clip: options.clip)
        let wire: WireRequest
        let kind: TaskKind
        switch options.source {
        case .clip(let source):
            let media = MediaSource(parsing: source)
            if case .file(let path) = media {
                guard FileManager.default.fileExists(atPath: path) else { throw StudioError("no such file: \(path)") }
                // Refused before anything is journaled or sent: a provider charges for a bad upload too.
                switch MP4Reader.inspect(atPath: path) {
                case .mp4(let duration): try options.clip.validate(within: duration)
                case .notMP4(let found): throw StudioError("\(path) is not an MP4 video: \(found); upload an MP4 clip")
                }
                if !options.dryRun { character.sourceAssetSha256 = try importFile(path, mediaType: "video/mp4").sha256 }
            } else {
                character.sourceURL = source
            }
            wire = try dialect.uploadCharacter(UploadCharacterRequest(source: media, clip: options.clip, name: options.handle.rawValue))
            kind = .uploadCharacter
        case .video(let pid):
            let known = try catalog.knows(pid: pid)
            if known, let duration = try catalog.video(pid: pid).duration { try options.clip.validate(within: Double(duration)) }
            wire = try dialect.extractCharacter(ExtractCharacterRequest(pid: pid.rawValue, clip: options.clip), sourceKnown: known)
            character.sourceKind = .extract
            character.sourceVideoId = try catalog.video(pid: pid).id
            kind = .extractCharacter
        }
        let price = PriceTable().character(kind: provider.kind)
        if options.dryRun {
            return .dryRun(DryRunReport(provider: provider.name, kind: kind.rawValue, model: nil, request: wire.preview,
                                        price: price.amount, currency: price.currency, compiledPrompt: nil, referenced: []))
        }
        let transport = Transport(client: http, provider: provider, key: try Transport.key(for: provider, environment: environment), events: events)
        var task = TaskEntry(providerName: provider.name, kind: kind, request: wire.preview)
        task.currency = price.currency
        var entry = try await catalog.journalGrouped(task, producing: .character(character))
        events(.journaled(taskId: entry.task.id!))
        return .done(try await settling(taskId: entry.task.id!) {
            entry = try await submit(entry, wire: wire, price: price, transport: transport, dialect: dialect, events: events)
            guard options.wait, [.submitted, .running, .succeeded].contains(entry.task.state) else { return entry }
            return try await track(entry, transport: transport, dialect: dialect, events: events)
        })
    }
}
