import Foundation
import TroupeDomain

/// GrsAI's Sora 2 API (`/v1/video/sora-video`, characters, `/v1/draw/result`), both hosts.
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
        if let parent = request.remixOf {
            _ = CommonChecks.pid(parent, prefix: "s_", kind: kind, role: "remix parent", known: parentKnown, into: &found)
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
        CommonChecks.delivery(request.delivery, into: &found)
        return found.list
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
        var body: [(String, WireJSON)] = [
            ("model", .string((request.model ?? kind.defaultModel).rawValue)),
            ("prompt", .string(request.prompt)),
        ]
        switch request.referenceImage {
        case .url(let url)?: body.append(("url", .string(url)))
        case .file(let path)?: body.append(("url", .base64File(path)))
        case nil: break
        }
        body.append(("aspectRatio", .string((request.aspect ?? .portrait).rawValue)))
        body.append(("duration", .int(request.duration ?? kind.defaultDuration)))
        body.append(("size", .string((request.size ?? .small).rawValue)))
        if let parent = request.remixOf { body.append(("remixTargetId", .string(parent))) }
        if !request.characters.isEmpty {
            body.append(("characters", .array(request.characters.map {
                .object([("url", .string($0.url)), ("timestamps", .string($0.clip.description))])
            })))
        }
        if let hook = CommonChecks.webHookField(request.delivery) { body.append(("webHook", .string(hook))) }
        return Self.post("/v1/video/sora-video", body)
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

    public func poll(taskID: String) -> WireRequest {
        Self.post("/v1/draw/result", [("id", .string(taskID))])
    }

    static func post(_ path: String, _ members: [(String, WireJSON)]) -> WireRequest {
        WireRequest(method: "POST", path: path, headers: WireRequest.jsonHeaders, body: WireJSON.object(members).body())
    }
}
