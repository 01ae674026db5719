import Foundation
import TroupeDomain

/// AceData's video services (`/{service}/videos`, `/{service}/tasks`: Sora, Seedance); the service
/// path comes from the model's row. Sora characters travel as a clip with each video.
public struct AceDataDialect: ProviderDialect {
    public var kind: ProviderKind { .acedata }

    public static let baseURL = "https://api.acedata.cloud"

    public init() {}

    // MARK: Requests

    public func problems(_ request: GenerateRequest, parentKnown: Bool) -> [String] {
        var found = Problems()
        CommonChecks.basics(request, kind: kind, into: &found)
        if request.model.service.map(Self.isServiceName) != true {
            found.add("\(request.model.label) has no usable service path ('\(request.model.service ?? "")'): use letters, digits, '-' or '_' (e.g. seedance)")
        }
        if request.model.family == .acedataSeedance {
            CommonChecks.imageCharactersOnly(request, into: &found)
        } else {
            if let aspect = request.chosenAspect, aspect.orientation == nil {
                found.add("\(request.model.family.rawValue) sends an orientation, which has no word for \(aspect.rawValue): use 9:16, 16:9 or 1:1")
            }
            if !request.characters.isEmpty {
                found.add("acedata takes one clip character (character_url), not a characters list")
            }
            if !request.characterIDs.isEmpty {
                found.add("acedata has no character ids: send the character's clip instead")
            }
            if let character = request.characterClip {
                if !CommonChecks.isHTTPURL(character.url) {
                    found.add("character clip '\(character.url)' is not an http(s) URL")
                }
                found.check { () throws(DomainError) in try character.clip.validate(for: kind) }
            }
            CommonChecks.characters(request, clips: true, ids: false, into: &found)
        }
        if request.delivery == .stream {
            found.add("acedata delivers by poll or webhook, not by stream")
        }
        CommonChecks.delivery(request.delivery, into: &found)
        return found.list
    }

    /// A service path segment: 1–40 letters, digits, `-` or `_`.
    static func isServiceName(_ text: String) -> Bool {
        (1...40).contains(text.utf8.count) && text.utf8.allSatisfy { NameRules.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    public func generate(_ request: GenerateRequest, parentKnown: Bool) throws(InvalidRequest) -> WireRequest {
        try Problems(list: problems(request, parentKnown: parentKnown)).raise(kind)
        let path = "/\(request.model.service ?? "sora")/videos"
        if request.model.family == .acedataSeedance { return Self.post(path, seedanceBody(request)) }
        var body: [(String, WireJSON)] = [
            ("model", .string(request.model.name.rawValue)),
            ("prompt", .string(request.prompt)),
        ]
        if let size = request.chosenSize { body.append(("size", .string(size.rawValue))) }
        if let duration = request.chosenDuration { body.append(("duration", .int(duration))) }
        body.append(("orientation", .string(request.chosenAspect?.orientation ?? "portrait")))
        if !request.referenceImages.isEmpty { body.append(("image_urls", .array(request.referenceImages.map(Self.wire)))) }
        if let character = request.characterClip {
            body.append(("character_url", .string(character.url)))
            body.append(("character_start", .double(character.clip.start)))
            body.append(("character_end", .double(character.clip.end)))
        }
        if case .webhook(let url) = request.delivery { body.append(("callback_url", .string(url))) }
        return Self.post(path, body)
    }

    /// Seedance: the prompt and images as `content` parts (ByteDance's format), `ratio`,
    /// `resolution`, `duration`; `callback_url` for webhook delivery, else `async` (a task id at once).
    private func seedanceBody(_ request: GenerateRequest) -> [(String, WireJSON)] {
        var content: [WireJSON] = [.object([("type", .string("text")), ("text", .string(request.prompt))])]
        func image(_ source: MediaSource, role: String) -> WireJSON {
            .object([("type", .string("image_url")), ("image_url", .object([("url", Self.wire(source))])), ("role", .string(role))])
        }
        content += request.referenceImages.map { image($0, role: "reference_image") }
        if let first = request.firstFrame { content.append(image(first, role: "first_frame")) }
        if let last = request.lastFrame { content.append(image(last, role: "last_frame")) }
        var body: [(String, WireJSON)] = [("model", .string(request.model.name.rawValue)), ("content", .array(content))]
        if let aspect = request.chosenAspect { body.append(("ratio", .string(aspect.rawValue))) }
        if let size = request.chosenSize { body.append(("resolution", .string(size.rawValue))) }
        if let duration = request.chosenDuration { body.append(("duration", .int(duration))) }
        if case .webhook(let url) = request.delivery { body.append(("callback_url", .string(url))) }
        body.append(("async", .bool(true)))
        return body
    }

    /// An image as AceData takes it: the URL, or the file's Base64.
    static func wire(_ source: MediaSource) -> WireJSON {
        switch source {
        case .url(let url): .string(url)
        case .file(let path): .base64File(path)
        }
    }

    /// AceData keeps no characters: always rejected with what to do instead.
    public func uploadCharacter(_ request: UploadCharacterRequest) throws(InvalidRequest) -> WireRequest {
        throw InvalidRequest(provider: kind, problems: ["acedata keeps no characters: send the clip with each video as its character clip"])
    }

    /// AceData cannot extract characters: always rejected.
    public func extractCharacter(_ request: ExtractCharacterRequest, sourceKnown: Bool) throws(InvalidRequest) -> WireRequest {
        throw InvalidRequest(provider: kind, problems: ["acedata cannot extract characters from videos: use grsai"])
    }

    /// `POST /{service}/tasks` (`sora` when `service` is nil).
    public func poll(taskID: String, service: String?) -> WireRequest {
        Self.post(Self.tasksPath(service), [("id", .string(taskID)), ("action", .string("retrieve"))])
    }

    /// Reads several tasks of one service in one call.
    public func pollBatch(taskIDs: [String], service: String? = nil) -> WireRequest {
        Self.post(Self.tasksPath(service), [("ids", .array(taskIDs.map { .string($0) })), ("action", .string("retrieve_batch"))])
    }

    static func tasksPath(_ service: String?) -> String {
        "/\(service.flatMap { isServiceName($0) ? $0 : nil } ?? "sora")/tasks"
    }

    static func post(_ path: String, _ members: [(String, WireJSON)]) -> WireRequest {
        WireRequest(method: "POST", path: path, headers: WireRequest.jsonHeaders, body: WireJSON.object(members).body())
    }

    // MARK: Answers

    /// Reads the synchronous result, or `{"task_id"}` when a callback was given.
    public func decodeSubmit(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> SubmitOutcome {
        let json = try ResponseTriage.json(response, now: receivedAt)
        try Self.raiseIfError(json, status: response.status)
        guard let id = try json["task_id"]?.identifier("task id") else { throw .malformed("the answer carries no task_id") }
        let snapshot = json["data"] == nil ? nil : try Self.snapshot(json, taskID: id, receivedAt: receivedAt)
        return SubmitOutcome(remoteTaskID: id, snapshot: snapshot)
    }

    /// Reads a `retrieve` answer; a task without a response yet is running.
    public func decodePoll(_ response: WireResponse, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        let json = try ResponseTriage.json(response, taskID: taskID, now: receivedAt)
        try Self.raiseIfError(json, status: response.status)
        return try Self.retrieved(json, taskID: taskID, receivedAt: receivedAt)
    }

    /// Reads a `retrieve_batch` answer; items that cannot be read are left out.
    public func decodePollBatch(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> [TaskSnapshot] {
        let json = try ResponseTriage.json(response, now: receivedAt)
        try Self.raiseIfError(json, status: response.status)
        guard let items = json["items"] else { throw .malformed("the batch answer carries no items") }
        return items.elements.compactMap { item in
            guard let id = item["id"]?.nonEmptyText ?? item["response"]?["task_id"]?.nonEmptyText else { return nil }
            return try? Self.retrieved(item, taskID: id, receivedAt: receivedAt)
        }
    }

    /// Reads a callback body (the synchronous result's shape).
    public func decodeWebhook(_ body: Data, receivedAt: Date) throws(ProviderError) -> WebhookNotice {
        let json = try JSONValue.parse(body)
        guard json.isObject else { throw .malformed("expected a JSON object") }
        guard let id = try json["task_id"]?.identifier("task id") else { throw .malformed("the callback carries no task_id") }
        return WebhookNotice(remoteTaskID: id, snapshot: try Self.snapshot(json, taskID: id, receivedAt: receivedAt))
    }

    // MARK: Shapes

    static func retrieved(_ json: JSONValue, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        guard json.isObject else { throw .malformed("expected a JSON object") }
        var named = try json["id"]?.identifier("task id")
        if named == nil { named = try json["response"]?["task_id"]?.identifier("task id") }
        guard let id = named ?? (taskID.isEmpty ? nil : taskID) else { throw .malformed("the task carries no id") }
        guard let response = json["response"], response.isObject else {
            guard named != nil || json["request"] != nil else { throw .unknownTask(taskID) }
            return TaskSnapshot(remoteTaskID: id, status: .running)
        }
        return try snapshot(response, taskID: id, receivedAt: receivedAt)
    }

    /// The result body (`success`, `task_id`, `data[]`) as a snapshot.
    static func snapshot(_ json: JSONValue, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        if json["success"]?.boolean == false || (json["error"]?.isObject ?? false) {
            return TaskSnapshot(remoteTaskID: taskID, status: .failed,
                                failureReason: json["error"]?["code"]?.nonEmptyText ?? "error",
                                errorText: json["error"]?["message"]?.nonEmptyText ?? ResponseTriage.errorMessage(in: json)
                                    ?? "the provider reported a failure")
        }
        // Sora answers `data: [{…}]`; other services put the result elsewhere (`data: {…}`, deeper,
        // or at the top): like the official SDK, read any status word and any `*_url` field.
        let item = (json["data"]?.elements ?? []).first(where: \.isObject) ?? .null
        let givenURL = item["video_url"]?.nonEmptyText ?? ForgivingRead.fileURL(in: json)
        let url = givenURL.flatMap { CommonChecks.isHTTPURL($0) ? $0 : nil }
        let videoID = try item["id"]?.identifier("video id")
        let status = RemoteStatus.map(item["state"]?.text ?? item["status"]?.text) ?? ForgivingRead.status(in: json)
            ?? (url != nil ? .succeeded : .running)
        return TaskSnapshot(
            remoteTaskID: taskID,
            status: status,
            progress: status == .succeeded ? 100 : RemoteStatus.progress(item["progress"] ?? json["progress"]),
            pid: videoID.flatMap { try? Pid($0) },
            remoteVideoID: videoID,
            resultURL: url,
            urlExpiry: url.map { URLExpiry.expiry(of: $0, receivedAt: receivedAt, lifetime: URLExpiry.defaultLifetime, preferSigned: true) },
            failureReason: status == .failed ? (item["failure_reason"]?.nonEmptyText ?? "error") : nil,
            errorText: item["error"]?.nonEmptyText ?? item["error"].flatMap { ResponseTriage.errorMessage(in: $0) },
            refusedURLScheme: TaskSnapshot.refusedScheme(of: givenURL)
        )
    }

    /// `{"success": false, "error": {…}}` on a 2xx: the error by its code.
    static func raiseIfError(_ json: JSONValue, status: Int) throws(ProviderError) {
        guard json["success"]?.boolean == false, json["data"] == nil, json["response"] == nil else { return }
        let message = ResponseTriage.errorMessage(in: json) ?? "the provider reported a failure"
        switch json["error"]?["code"]?.text {
        case "invalid_token"?: throw .unauthorized(message)
        case "too_many_requests"?: throw .rateLimited(retryAfter: nil)
        case "api_error"?: throw .server(status: status, message: message)
        default: throw .rejected(message)
        }
    }
}
