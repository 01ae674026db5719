import Foundation
import TroupeDomain

/// The OpenAI-style Videos API (`/v1/videos`, `/v1/videos/characters`), as aggregators forward it.
/// Paths are relative to a base URL that does not end in `/v1`.
public struct OpenAIDialect: ProviderDialect {
    public var kind: ProviderKind { .openai }

    public init() {}

    /// The wire `size` for an aspect and size: `small` is 720p, `large` 1024p; a size written as
    /// `WxH` (`1280x720`) goes as it is.
    public static func wireSize(aspect: AspectRatio, size: VideoSize) -> String {
        switch (aspect, size) {
        case (.landscape, .large): "1792x1024"
        case (.landscape, .small): "1280x720"
        case (_, .large): "1024x1792"
        case (_, .small): "720x1280"
        default: size.rawValue
        }
    }

    // MARK: Requests

    public func problems(_ request: GenerateRequest, parentKnown: Bool) -> [String] {
        var found = Problems()
        CommonChecks.prompt(request.prompt, into: &found)
        if let parent = request.remixOf {
            _ = CommonChecks.pid(parent, prefix: "video_", kind: kind, role: "remix parent", known: parentKnown, into: &found)
            CommonChecks.family(request.model, kind: kind, into: &found)
            found.check { () throws(DomainError) in try request.model.validateRemix() }
            var extras: [String] = []
            if request.duration != nil { extras.append("duration") }
            if request.aspect != nil { extras.append("aspect") }
            if request.size != nil { extras.append("size") }
            if !request.referenceImages.isEmpty { extras.append("reference image") }
            if request.firstFrame != nil || request.lastFrame != nil { extras.append("frames") }
            if !request.characterIDs.isEmpty { extras.append("characters") }
            if !extras.isEmpty {
                found.add("an openai remix takes only a prompt: drop \(extras.joined(separator: ", "))")
            }
        } else {
            CommonChecks.shape(request, kind: kind, into: &found)
            if case .url(let url)? = request.referenceImages.first {
                found.add("openai takes the reference image as a local file, not a URL ('\(url)'): download it first")
            } else {
                CommonChecks.images(request, into: &found)
            }
            if request.referenceImages.count > 1, request.model.maxReferenceImages > 1 {
                found.add("openai takes one reference image (input_reference), this request has \(request.referenceImages.count)")
            }
            if let size = request.chosenSize, !Self.isWireSize(Self.wireSize(aspect: request.chosenAspect ?? .portrait, size: size)) {
                found.add("size \(size.rawValue) cannot be sent to openai-style providers: use small, large or WIDTHxHEIGHT such as 1280x720")
            }
            CommonChecks.characters(request, clips: false, ids: true, into: &found)
        }
        if !request.characters.isEmpty {
            found.add("openai takes character ids (characters: [{id}]), not clip characters: upload the clip as a character first")
        }
        if request.characterClip != nil {
            found.add("openai takes character ids, not a character clip: upload the clip as a character first")
        }
        switch request.delivery {
        case .poll: break
        case .stream: found.add("openai-style providers deliver by poll, not by stream")
        case .webhook: found.add("openai-style providers send webhooks to the URL set in their dashboard, not per request: use poll delivery, or --no-wait and let `troupe webhook serve` (with TROUPE_WEBHOOK_SECRET) finish it")
        }
        return found.list
    }

    public func generate(_ request: GenerateRequest, parentKnown: Bool) throws(InvalidRequest) -> WireRequest {
        try Problems(list: problems(request, parentKnown: parentKnown)).raise(kind)
        if let parent = request.remixOf {
            return WireRequest(method: "POST", path: "/v1/videos/\(parent)/remix", headers: WireRequest.jsonHeaders,
                               body: WireJSON.object([("prompt", .string(request.prompt))]).body())
        }
        let model = request.model.name.rawValue
        let seconds = String(request.chosenDuration ?? 4)
        let size = Self.wireSize(aspect: request.chosenAspect ?? .portrait, size: request.chosenSize ?? .small)
        if case .file(let path)? = request.referenceImages.first {
            var parts: [MultipartPart] = [
                .field(name: "model", value: model),
                .field(name: "prompt", value: request.prompt),
                .field(name: "seconds", value: seconds),
                .field(name: "size", value: size),
            ]
            parts += request.characterIDs.map { .field(name: "characters[][id]", value: $0.rawValue) }
            let filename = (path as NSString).lastPathComponent
            parts.append(.file(name: "input_reference", path: path, filename: filename, contentType: Self.imageType(of: filename)))
            return WireRequest(method: "POST", path: "/v1/videos", headers: [WireRequest.Header("Accept", "application/json")],
                               body: .multipart(parts))
        }
        var body: [(String, WireJSON)] = [
            ("model", .string(model)), ("prompt", .string(request.prompt)),
            ("seconds", .string(seconds)), ("size", .string(size)),
        ]
        if !request.characterIDs.isEmpty {
            body.append(("characters", .array(request.characterIDs.map { .object([("id", .string($0.rawValue))]) })))
        }
        return WireRequest(method: "POST", path: "/v1/videos", headers: WireRequest.jsonHeaders, body: WireJSON.object(body).body())
    }

    /// A character from a local clip file of 2–4 s, sent whole as the `video` part.
    public func uploadCharacter(_ request: UploadCharacterRequest) throws(InvalidRequest) -> WireRequest {
        var found = Problems()
        found.check { () throws(DomainError) in try request.clip.validate(for: kind) }
        let name = request.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { found.add("an openai character needs a name (it is written verbatim in prompts)") }
        var path = ""
        switch request.source {
        case .url(let url): found.add("openai takes the character clip as a local mp4 file, not a URL ('\(url)'): download it first")
        case .file(let file):
            path = file
            CommonChecks.media(request.source, what: "character clip", into: &found)
        }
        if request.delivery != .poll { found.add("openai-style character calls answer at once: use poll delivery") }
        try found.raise(kind)
        let filename = (path as NSString).lastPathComponent
        return WireRequest(method: "POST", path: "/v1/videos/characters", headers: [WireRequest.Header("Accept", "application/json")],
                           body: .multipart([.field(name: "name", value: name),
                                             .file(name: "video", path: path, filename: filename, contentType: "video/mp4")]))
    }

    /// OpenAI-style providers cannot extract characters from videos: always rejected.
    public func extractCharacter(_ request: ExtractCharacterRequest, sourceKnown: Bool) throws(InvalidRequest) -> WireRequest {
        throw InvalidRequest(provider: kind, problems: ["openai-style providers cannot extract characters from videos: upload a 2–4 s clip instead"])
    }

    /// `GET /v1/videos/{id}`: `service` is not used.
    public func poll(taskID: String, service: String?) -> WireRequest {
        WireRequest(method: "GET", path: "/v1/videos/\(Self.escape(taskID))", headers: [WireRequest.Header("Accept", "application/json")])
    }

    /// The sort order of `list`.
    public enum Order: String, Sendable { case asc, desc }

    /// Lists videos, a page at a time.
    public func list(after: String? = nil, limit: Int? = nil, order: Order? = nil) -> WireRequest {
        var query: [WireRequest.QueryItem] = []
        if let after { query.append(.init("after", after)) }
        if let limit { query.append(.init("limit", String(limit))) }
        if let order { query.append(.init("order", order.rawValue)) }
        return WireRequest(method: "GET", path: "/v1/videos", query: query, headers: [WireRequest.Header("Accept", "application/json")])
    }

    /// What `content` downloads.
    public enum Variant: String, Sendable { case video, thumbnail, spritesheet }

    /// Downloads a finished video's bytes (mp4), thumbnail (webp) or spritesheet (jpg).
    public func content(videoID: String, variant: Variant = .video) -> WireRequest {
        WireRequest(method: "GET", path: "/v1/videos/\(Self.escape(videoID))/content", query: [.init("variant", variant.rawValue)])
    }

    public func delete(videoID: String) -> WireRequest {
        WireRequest(method: "DELETE", path: "/v1/videos/\(Self.escape(videoID))", headers: [WireRequest.Header("Accept", "application/json")])
    }

    public func character(id: String) -> WireRequest {
        WireRequest(method: "GET", path: "/v1/videos/characters/\(Self.escape(id))", headers: [WireRequest.Header("Accept", "application/json")])
    }

    /// `WIDTHxHEIGHT`, 1–5 digits each.
    static func isWireSize(_ text: String) -> Bool {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { (1...5).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? id
    }

    static func imageType(of filename: String) -> String {
        switch (filename as NSString).pathExtension.lowercased() {
        case "png": "image/png"
        case "webp": "image/webp"
        case "gif": "image/gif"
        default: "image/jpeg"
        }
    }
}
