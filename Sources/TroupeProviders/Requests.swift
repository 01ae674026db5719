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
    /// `nil` means the dialect's default (filled in on the wire where the dialect has one).
    public var model: VideoModel?
    public var aspect: AspectRatio?
    public var duration: Int?
    public var size: VideoSize?
    public var referenceImage: MediaSource?
    /// The pid of the video to remix, as the user wrote it (validated per dialect).
    public var remixOf: String?
    /// GrsAI clip-only characters: `@character1` in the prompt is the first.
    public var characters: [ClipCharacter]
    /// OpenAI-style character ids (`characters: [{id}]`).
    public var characterIDs: [CharacterID]
    /// AceData's one clip character (`character_url` with start and end).
    public var characterClip: ClipCharacter?
    public var delivery: Delivery

    public init(prompt: String, model: VideoModel? = nil, aspect: AspectRatio? = nil, duration: Int? = nil,
                size: VideoSize? = nil, referenceImage: MediaSource? = nil, remixOf: String? = nil,
                characters: [ClipCharacter] = [], characterIDs: [CharacterID] = [],
                characterClip: ClipCharacter? = nil, delivery: Delivery = .poll) {
        self.prompt = prompt
        self.model = model
        self.aspect = aspect
        self.duration = duration
        self.size = size
        self.referenceImage = referenceImage
        self.remixOf = remixOf
        self.characters = characters
        self.characterIDs = characterIDs
        self.characterClip = characterClip
        self.delivery = delivery
    }
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
    /// The prompt, model, duration, aspect and reference image of a generation, for dialects that
    /// take them all on every request.
    static func basics(_ request: GenerateRequest, kind: ProviderKind, into found: inout Problems) {
        prompt(request.prompt, into: &found)
        _ = shape(request, kind: kind, into: &found)
        media(request.referenceImage, what: "reference image", into: &found)
    }

    /// The model (the provider's default when none is asked for), checked with the duration and
    /// the aspect against what the provider takes; returns the model.
    static func shape(_ request: GenerateRequest, kind: ProviderKind, into found: inout Problems) -> VideoModel {
        let model = request.model ?? kind.defaultModel
        if !kind.models.contains(model) {
            found.add("model \(model.rawValue) is not available on \(kind.rawValue): use \(kind.models.map(\.rawValue).joined(separator: ", "))")
        }
        if let duration = request.duration {
            let allowed: [Int] = switch (kind, model.rawValue) {
            case (.grsai, _), (.acedata, "sora-2"): [10, 15]
            case (.acedata, _): [10, 15, 25]
            case (.openai, _): [4, 8, 12]
            }
            if !allowed.contains(duration) {
                found.add("duration \(duration) s is not available for \(model.rawValue) on \(kind.rawValue): use \(allowed.map(String.init).joined(separator: ", "))")
            }
        }
        if let aspect = request.aspect, !kind.aspectRatios.contains(aspect) {
            found.add("aspect ratio \(aspect.rawValue) is not available on \(kind.rawValue): use \(kind.aspectRatios.map(\.rawValue).joined(separator: ", "))")
        }
        return model
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
