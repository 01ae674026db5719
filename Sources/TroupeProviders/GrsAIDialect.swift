import Foundation
import TroupeDomain

/// GrsAI's video API (Sora `/v1/video/sora-video` with characters, Veo `/v1/video/veo`,
/// `/v1/draw/result`), both hosts.
public struct GrsAIDialect: ProviderDialect {
    public var kind: ProviderKind { .grsai }

    /// GrsAI's own hosts (overseas, mainland, and one more seen in some articles): they share
    /// one character namespace.
    public static let hosts: Set<String> = ["grsaiapi.com", "grsai.dakka.com.cn", "api.grsai.com"]

    public init() {}

    // MARK: Requests

    public func problems(_ request: GenerateRequest, parentKnown: Bool) -> [String] {
        var found = Problems()
        CommonChecks.basics(request, kind: kind, into: &found)
        if request.model.family == .grsaiVeo {
            veoProblems(request, into: &found)
        } else {
            soraProblems(request, parentKnown: parentKnown, into: &found)
        }
        CommonChecks.delivery(request.delivery, into: &found)
        return found.list
    }

    /// Sora: one reference image, clip characters as `@characterN`, remix of an `s_` pid.
    private func soraProblems(_ request: GenerateRequest, parentKnown: Bool, into found: inout Problems) {
        if let parent = request.remixOf {
            _ = CommonChecks.pid(parent, prefix: "s_", kind: kind, role: "remix parent", known: parentKnown, into: &found)
        }
        if request.referenceImages.count > 1, request.model.maxReferenceImages > 1 {
            found.add("\(request.model.family.rawValue) sends one reference image (url), this request has \(request.referenceImages.count)")
        }
        for (index, character) in request.characters.enumerated() {
            if !CommonChecks.isHTTPURL(character.url) {
                found.add("character\(index + 1) clip '\(character.url)' is not an http(s) URL")
            }
            found.check { () throws(DomainError) in try character.clip.validate(for: kind) }
        }
        for number in Self.clipCharacterMentions(in: request.prompt) where number < 1 || number > request.characters.count {
            found.add("the prompt mentions @character\(number) but \(request.characters.count) clip character(s) are sent: use @character1…@character\(max(request.characters.count, 1))")
        }
        if !request.characterIDs.isEmpty {
            found.add("grsai references character ids in the prompt as @id, not as a separate list")
        }
        if request.characterClip != nil {
            found.add("grsai takes clip characters in `characters` (@character1, @character2…), not as one character clip")
        }
        CommonChecks.characters(request, clips: true, ids: false, into: &found)
    }

    /// Veo: no duration, size or remix fields; characters only as reference images.
    private func veoProblems(_ request: GenerateRequest, into found: inout Problems) {
        // A duration or size the model has, but not its only one, cannot be asked for.
        if let duration = request.duration, request.model.durations.contains(duration), request.model.durations != [duration] {
            found.add("\(request.model.label) has no duration field: leave --duration out (the provider picks it)")
        }
        if let size = request.size, request.model.sizes.contains(size), request.model.sizes != [size] {
            found.add("\(request.model.label) has no size field: leave --size out (name a model that makes the size, e.g. a -1080p one)")
        }
        CommonChecks.imageCharactersOnly(request, into: &found)
        Self.referencesOrFrames(request, into: &found)
    }

    /// GrsAI Veo takes reference images (`urls`) or frames, never both: the provider refuses the
    /// pair after the call is journaled, so it is refused here, naming where the images come from.
    static func referencesOrFrames(_ request: GenerateRequest, into found: inout Problems) {
        let frames = [request.firstFrame.map { _ in "--first-frame" }, request.lastFrame.map { _ in "--last-frame" }].compactMap { $0 }
        guard !request.referenceImages.isEmpty, !frames.isEmpty else { return }
        let count = request.referenceImages.count
        let origins = request.referenceOrigins.count == count
            ? request.referenceOrigins.joined(separator: ", ")
            : "from --image and the characters written as @handle, sent as their images"
        found.add("\(request.model.label) takes either reference images (urls) or frames, not both: this request has "
                  + "\(count) reference image\(count == 1 ? "" : "s") (\(origins)) and \(frames.joined(separator: " and ")); "
                  + "leave out \(frames.joined(separator: " and ")), or the reference images (drop --image, and name the "
                  + "characters without @ so their images are not sent)")
    }

    /// The numbers N of `@characterN` mentions (clip characters), in order, without repeats.
    static func clipCharacterMentions(in prompt: String) -> [Int] {
        let bytes = Array(prompt.utf8)
        let marker = Array("@character".utf8)
        var numbers: [Int] = []
        var index = 0
        while index + marker.count < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "@"), Array(bytes[index..<index + marker.count]) == marker else { continue }
            // An `@` after a letter or digit is an e-mail address, not a mention.
            if index > 0, NameRules.isAlphanumeric(bytes[index - 1]) { continue }
            var end = index + marker.count
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            guard end > index + marker.count, end - (index + marker.count) <= 6 else { continue }
            // `@character12abc` or `@character1.x` is some other id, not a clip mention.
            if end < bytes.count, NameRules.isNameByte(bytes[end]), !(bytes[end] == UInt8(ascii: ".") && (end + 1 == bytes.count || !NameRules.isNameByte(bytes[end + 1]))) {
                continue
            }
            let number = Int(String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self)) ?? 0
            if !numbers.contains(number) { numbers.append(number) }
        }
        return numbers
    }

    public func generate(_ request: GenerateRequest, parentKnown: Bool) throws(InvalidRequest) -> WireRequest {
        try Problems(list: problems(request, parentKnown: parentKnown)).raise(kind)
        if request.model.family == .grsaiVeo { return veoBody(request) }
        var body: [(String, WireJSON)] = [
            ("model", .string(request.model.name.rawValue)),
            ("prompt", .string(request.prompt)),
        ]
        if let image = request.referenceImages.first { body.append(("url", Self.wire(image))) }
        body.append(("aspectRatio", .string((request.chosenAspect ?? .portrait).rawValue)))
        if let duration = request.chosenDuration { body.append(("duration", .int(duration))) }
        if let size = request.chosenSize { body.append(("size", .string(size.rawValue))) }
        if let parent = request.remixOf { body.append(("remixTargetId", .string(parent))) }
        if !request.characters.isEmpty {
            body.append(("characters", .array(request.characters.map {
                .object([("url", .string($0.url)), ("timestamps", .string($0.clip.description))])
            })))
        }
        if let hook = CommonChecks.webHookField(request.delivery) { body.append(("webHook", .string(hook))) }
        return Self.post("/v1/video/sora-video", body)
    }

    /// `POST /v1/video/veo`: reference images in `urls`, frames, the aspect; no duration or size.
    private func veoBody(_ request: GenerateRequest) -> WireRequest {
        var body: [(String, WireJSON)] = [
            ("model", .string(request.model.name.rawValue)),
            ("prompt", .string(request.prompt)),
        ]
        if let aspect = request.chosenAspect { body.append(("aspectRatio", .string(aspect.rawValue))) }
        if !request.referenceImages.isEmpty { body.append(("urls", .array(request.referenceImages.map(Self.wire)))) }
        if let first = request.firstFrame { body.append(("firstFrameUrl", Self.wire(first))) }
        if let last = request.lastFrame { body.append(("lastFrameUrl", Self.wire(last))) }
        if let hook = CommonChecks.webHookField(request.delivery) { body.append(("webHook", .string(hook))) }
        body.append(("shutProgress", .bool(false)))
        return Self.post("/v1/video/veo", body)
    }

    /// An image as GrsAI takes it: the URL, or the file's Base64.
    static func wire(_ source: MediaSource) -> WireJSON {
        switch source {
        case .url(let url): .string(url)
        case .file(let path): .base64File(path)
        }
    }

    public func uploadCharacter(_ request: UploadCharacterRequest) throws(InvalidRequest) -> WireRequest {
        var found = Problems()
        CommonChecks.media(request.source, what: "character clip", into: &found)
        found.check { () throws(DomainError) in try request.clip.validate(for: kind) }
        CommonChecks.delivery(request.delivery, into: &found)
        try found.raise(kind)
        var body: [(String, WireJSON)] = []
        switch request.source {
        case .url(let url): body.append(("url", .string(url)))
        case .file(let path): body.append(("url", .base64File(path)))
        }
        body.append(("timestamps", .string(request.clip.description)))
        if let hook = CommonChecks.webHookField(request.delivery) { body.append(("webHook", .string(hook))) }
        return Self.post("/v1/video/sora-upload-character", body)
    }

    public func extractCharacter(_ request: ExtractCharacterRequest, sourceKnown: Bool) throws(InvalidRequest) -> WireRequest {
        var found = Problems()
        _ = CommonChecks.pid(request.pid, prefix: "s_", kind: kind, role: "source video", known: sourceKnown, into: &found)
        found.check { () throws(DomainError) in try request.clip.validate(for: kind) }
        CommonChecks.delivery(request.delivery, into: &found)
        try found.raise(kind)
        var body: [(String, WireJSON)] = [("pid", .string(request.pid)), ("timestamps", .string(request.clip.description))]
        if let hook = CommonChecks.webHookField(request.delivery) { body.append(("webHook", .string(hook))) }
        return Self.post("/v1/video/sora-create-character", body)
    }

    /// `/v1/draw/result` serves every GrsAI family: `service` is not used.
    public func poll(taskID: String, service: String?) -> WireRequest {
        Self.post("/v1/draw/result", [("id", .string(taskID))])
    }

    static func post(_ path: String, _ members: [(String, WireJSON)]) -> WireRequest {
        WireRequest(method: "POST", path: path, headers: WireRequest.jsonHeaders, body: WireJSON.object(members).body())
    }
}
