import Foundation
import TroupeDomain

/// Where a reference image or a clip comes from: a URL the provider fetches, or a local file
/// sent inline.
public enum MediaSource: Sendable, Equatable {
    case url(String)
    case file(String)

    /// `http(s)://…` is a URL; anything else is a local path.
    public init(parsing text: String) {
        let lower = text.lowercased()
        self = lower.hasPrefix("http://") || lower.hasPrefix("https://") ? .url(text) : .file(text)
    }
}

/// How the result of a task comes back.
public enum Delivery: Sendable, Equatable {
    /// The task id comes back at once; the caller polls (GrsAI `webHook: "-1"`).
    case poll
    /// The response body streams task frames (GrsAI only).
    case stream
    /// The provider POSTs the result to this URL.
    case webhook(String)
}

/// A character that travels as a clip with the request (GrsAI `characters`, AceData `character_url`).
public struct ClipCharacter: Sendable, Equatable {
    /// The clip's URL.
    public var url: String
    public var clip: ClipRange

    public init(url: String, clip: ClipRange) {
        self.url = url
        self.clip = clip
    }
}

/// A video generation or remix, with the prompt already compiled for the dialect.
public struct GenerateRequest: Sendable, Equatable {
    public var prompt: String
    /// The model, as the model table describes it: what is checked and how the body is shaped.
    public var model: ModelSpec
    /// `nil` means the model's default (its first aspect), filled in on the wire.
    public var aspect: AspectRatio?
    /// `nil` means the model's default (its first duration).
    public var duration: Int?
    /// `nil` means the model's default (its first size, or none).
    public var size: VideoSize?
    /// Reference images: the user's first, then the characters' in mention order.
    public var referenceImages: [MediaSource]
    public var firstFrame: MediaSource?
    public var lastFrame: MediaSource?
    /// The pid of the video to remix, as the user wrote it (validated per dialect).
    public var remixOf: String?
    /// GrsAI clip-only characters: `@character1` in the prompt is the first.
    public var characters: [ClipCharacter]
    /// OpenAI-style character ids (`characters: [{id}]`).
    public var characterIDs: [CharacterID]
    /// AceData's one clip character (`character_url` with start and end).
    public var characterClip: ClipCharacter?
    public var delivery: Delivery
    /// Where each reference image comes from, for messages (`--image`, `@hero as its image`);
    /// empty when not known.
    public var referenceOrigins: [String] = []

    public init(prompt: String, model: ModelSpec, aspect: AspectRatio? = nil, duration: Int? = nil,
                size: VideoSize? = nil, referenceImages: [MediaSource] = [], firstFrame: MediaSource? = nil,
                lastFrame: MediaSource? = nil, remixOf: String? = nil,
                characters: [ClipCharacter] = [], characterIDs: [CharacterID] = [],
                characterClip: ClipCharacter? = nil, delivery: Delivery = .poll) {
        self.prompt = prompt
        self.model = model
        self.aspect = aspect
        self.duration = duration
        self.size = size
        self.referenceImages = referenceImages
        self.firstFrame = firstFrame
        self.lastFrame = lastFrame
        self.remixOf = remixOf
        self.characters = characters
        self.characterIDs = characterIDs
        self.characterClip = characterClip
        self.delivery = delivery
    }

    /// The duration sent: the one asked for, else the model's default.
    public var chosenDuration: Int? { duration ?? model.defaultDuration }
    /// The aspect sent: the one asked for, else the model's default.
    public var chosenAspect: AspectRatio? { aspect ?? model.defaultAspect }
    /// The size sent: the one asked for, else the model's default (`nil` when the model takes none).
    public var chosenSize: VideoSize? { size ?? model.defaultSize }
}

/// A character made from a clip (GrsAI `sora-upload-character`, OpenAI `/videos/characters`).
public struct UploadCharacterRequest: Sendable, Equatable {
    public var source: MediaSource
    public var clip: ClipRange
    /// The character's name (OpenAI requires one; GrsAI ignores it).
    public var name: String?
    public var delivery: Delivery

    public init(source: MediaSource, clip: ClipRange, name: String? = nil, delivery: Delivery = .poll) {
        self.source = source
        self.clip = clip
        self.name = name
        self.delivery = delivery
    }
}

/// A character extracted from a generated video (GrsAI `sora-create-character`).
public struct ExtractCharacterRequest: Sendable, Equatable {
    /// The source video's pid, as the user wrote it.
    public var pid: String
    public var clip: ClipRange
    public var delivery: Delivery

    public init(pid: String, clip: ClipRange, delivery: Delivery = .poll) {
        self.pid = pid
        self.clip = clip
        self.delivery = delivery
    }
}

/// Every problem found in a request before sending, in one error.
public struct InvalidRequest: Error, Equatable, Sendable, CustomStringConvertible {
    public let provider: ProviderKind
    public let problems: [String]

    public init(provider: ProviderKind, problems: [String]) {
        self.provider = provider
        self.problems = problems
    }

    public var description: String {
        "invalid request for \(provider.rawValue): " + problems.joined(separator: "; ")
    }
}

/// Collects problems; `check` runs a validation and keeps its message.
struct Problems {
    var list: [String] = []

    mutating func add(_ problem: String) { list.append(problem) }

    mutating func check(_ body: () throws(DomainError) -> Void) {
        do { try body() } catch { list.append(error.message) }
    }

    func raise(_ kind: ProviderKind) throws(InvalidRequest) {
        if !list.isEmpty { throw InvalidRequest(provider: kind, problems: list) }
    }
}

/// Checks shared by the dialects.
enum CommonChecks {
    /// The prompt, the model's family, duration, aspect, size, remix and images of a generation,
    /// checked against the model's row.
    static func basics(_ request: GenerateRequest, kind: ProviderKind, into found: inout Problems) {
        prompt(request.prompt, into: &found)
        shape(request, kind: kind, into: &found)
        images(request, into: &found)
    }

    /// The model's family belongs to this dialect; duration, aspect and size are among the model's.
    static func shape(_ request: GenerateRequest, kind: ProviderKind, into found: inout Problems) {
        let model = request.model
        family(model, kind: kind, into: &found)
        if model.durations.isEmpty || model.aspects.isEmpty {
            found.add("\(model.label)'s row lists no durations or no aspects: fix it with `troupe model add`")
        }
        if let duration = request.duration { found.check { () throws(DomainError) in try model.validate(duration: duration) } }
        if let aspect = request.aspect { found.check { () throws(DomainError) in try model.validate(aspect: aspect) } }
        if let size = request.size { found.check { () throws(DomainError) in try model.validate(size: size) } }
        if request.remixOf != nil {
            found.check { () throws(DomainError) in try model.validateRemix() }
            if model.remix && !model.family.canRemix { found.add("\(model.family.rawValue) cannot remix: its body has no remix field") }
        }
    }

    /// The model's family is one this dialect speaks.
    static func family(_ model: ModelSpec, kind: ProviderKind, into found: inout Problems) {
        if model.family.kind != kind {
            found.add("\(model.name.rawValue) is a \(model.family.rawValue) model, which \(kind.rawValue) does not speak")
        }
    }

    /// Reference images and frames: taken by the model, within its count, each a usable source.
    static func images(_ request: GenerateRequest, into found: inout Problems) {
        let model = request.model
        if !request.referenceImages.isEmpty {
            found.check { () throws(DomainError) in try model.validate(imageInput: .reference) }
            if model.imageInputs.contains(.reference), request.referenceImages.count > model.maxReferenceImages {
                found.add("\(model.label) takes at most \(model.maxReferenceImages) reference image(s), this request has \(request.referenceImages.count) (the --image and the characters' images together)")
            }
        }
        if request.firstFrame != nil { found.check { () throws(DomainError) in try model.validate(imageInput: .firstFrame) } }
        if request.lastFrame != nil {
            found.check { () throws(DomainError) in try model.validate(imageInput: .lastFrame) }
            if request.firstFrame == nil, model.imageInputs.contains(.lastFrame) {
                found.add("a last frame needs a first frame: add --first-frame")
            }
        }
        for (index, source) in request.referenceImages.enumerated() {
            media(source, what: request.referenceImages.count == 1 ? "reference image" : "reference image \(index + 1)", into: &found)
        }
        media(request.firstFrame, what: "first frame", into: &found)
        media(request.lastFrame, what: "last frame", into: &found)
    }

    /// The characters travel in forms the model takes, and no more of them than it takes.
    /// `clips`, `ids`: whether the dialect's body for this family carries clip characters or
    /// character ids at all (when it does not, the dialect says so itself).
    static func characters(_ request: GenerateRequest, clips carriesClips: Bool, ids carriesIDs: Bool, into found: inout Problems) {
        let model = request.model
        let clips = request.characters.count + (request.characterClip == nil ? 0 : 1)
        if carriesClips, clips > 0, !model.characterForms.contains(.clip) {
            found.add("\(model.label) takes no clip characters (\(formsText(model))): give the character an image with `troupe character image HANDLE FILE|URL`")
        }
        if carriesIDs, !request.characterIDs.isEmpty, !model.characterForms.contains(.id) {
            found.add("\(model.label) takes no character ids (\(formsText(model))): give the character an image with `troupe character image HANDLE FILE|URL`")
        }
        let count = (carriesClips ? clips : 0) + (carriesIDs ? request.characterIDs.count : 0)
        if let limit = model.maxCharacters, count > limit {
            found.add("\(model.label) takes at most \(limit) character(s) per video, this request has \(count)")
        }
    }

    /// A family whose body has no character fields: characters reach it only as images.
    static func imageCharactersOnly(_ request: GenerateRequest, into found: inout Problems) {
        if !request.characters.isEmpty || request.characterClip != nil || !request.characterIDs.isEmpty {
            found.add("\(request.model.label) takes characters only as reference images: give the character an image with `troupe character image HANDLE FILE|URL`")
        }
    }

    static func formsText(_ model: ModelSpec) -> String {
        model.characterForms.isEmpty ? "it takes no characters" : "it takes " + model.characterForms.map(\.rawValue).joined(separator: ", ")
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
              let url = URL(string: text), let host = url.host, !host.isEmpty else { return false }
        return true
    }

    static func prompt(_ prompt: String, into problems: inout Problems) {
        if prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.add("the prompt is empty: write what the video shows")
        }
    }

    static func media(_ source: MediaSource?, what: String, into problems: inout Problems) {
        switch source {
        case .url(let url)? where !isHTTPURL(url):
            problems.add("\(what) '\(url)' is not an http(s) URL")
        case .file(let path)?:
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
                problems.add("\(what) file '\(path)' does not exist")
            }
        default:
            break
        }
    }

    static func delivery(_ delivery: Delivery, into problems: inout Problems) {
        if case .webhook(let url) = delivery, !isHTTPURL(url) {
            problems.add("webhook URL '\(url)' is not an http(s) URL")
        }
    }

    /// The pid as a `Pid` of the dialect's form (`s_…` or `video_…`), and known to the catalogue.
    static func pid(_ text: String, prefix: String, kind: ProviderKind, role: String, known: Bool,
                    into problems: inout Problems) -> Pid? {
        let pid: Pid
        do { pid = try Pid(text) } catch {
            problems.add(error.message)
            return nil
        }
        guard text.hasPrefix(prefix) else {
            problems.add("pid '\(text)' cannot be used on \(kind.rawValue): its pids start with '\(prefix)'")
            return nil
        }
        if !known {
            problems.add("\(role) '\(text)' is not in the catalogue: only known videos can be used (add it with `troupe video add \(text)`)")
        }
        return pid
    }

    static func webHookField(_ delivery: Delivery) -> String? {
        switch delivery {
        case .poll: "-1"
        case .stream: nil
        case .webhook(let url): url
        }
    }
}
