import Foundation
import TroupeDomain

/// AceData's Sora API (`/sora/videos`, `/sora/tasks`); characters travel as a clip with each video.
public struct AceDataDialect: ProviderDialect {
    public var kind: ProviderKind { .acedata }

    public static let baseURL = "https://api.acedata.cloud"

    public init() {}

    // MARK: Requests

    public func problems(_ request: GenerateRequest, parentKnown: Bool) -> [String] {
        var found = Problems()
        CommonChecks.basics(request, kind: kind, into: &found)
        if request.remixOf != nil {
            found.add("acedata cannot remix: remix on grsai or an openai-style provider")
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
        if request.delivery == .stream {
            found.add("acedata delivers by poll or webhook, not by stream")
        }
        CommonChecks.delivery(request.delivery, into: &found)
        return found.list
    }

    public func generate(_ request: GenerateRequest, parentKnown: Bool) throws(InvalidRequest) -> WireRequest {
        try Problems(list: problems(request, parentKnown: parentKnown)).raise(kind)
        var body: [(String, WireJSON)] = [
            ("model", .string((request.model ?? kind.defaultModel).rawValue)),
            ("prompt", .string(request.prompt)),
            ("size", .string((request.size ?? .small).rawValue)),
            ("duration", .int(request.duration ?? kind.defaultDuration)),
            ("orientation", .string((request.aspect ?? .portrait).orientation ?? "portrait")),
        ]
        switch request.referenceImage {
        case .url(let url)?: body.append(("image_urls", .array([.string(url)])))
        case .file(let path)?: body.append(("image_urls", .array([.base64File(path)])))
        case nil: break
        }
        if let character = request.characterClip {
            body.append(("character_url", .string(character.url)))
            body.append(("character_start", .double(character.clip.start)))
            body.append(("character_end", .double(character.clip.end)))
        }
        if case .webhook(let url) = request.delivery { body.append(("callback_url", .string(url))) }
        return Self.post("/sora/videos", body)
    }

    /// AceData keeps no characters: always rejected with what to do instead.
    public func uploadCharacter(_ request: UploadCharacterRequest) throws(InvalidRequest) -> WireRequest {
        throw InvalidRequest(provider: kind, problems: ["acedata keeps no characters: send the clip with each video as its character clip"])
    }

    /// AceData cannot extract characters: always rejected.
    public func extractCharacter(_ request: ExtractCharacterRequest, sourceKnown: Bool) throws(InvalidRequest) -> WireRequest {
        throw InvalidRequest(provider: kind, problems: ["acedata cannot extract characters from videos: use grsai"])
    }

    public func poll(taskID: String) -> WireRequest {
        Self.post("/sora/tasks", [("id", .string(taskID)), ("action", .string("retrieve"))])
    }

    /// Reads several tasks in one call.
    public func pollBatch(taskIDs: [String]) -> WireRequest {
        Self.post("/sora/tasks", [("ids", .array(taskIDs.map { .string($0) })), ("action", .string("retrieve_batch"))])
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
        let item = (json["data"]?.elements ?? []).first(where: \.isObject) ?? .null
        let givenURL = item["video_url"]?.nonEmptyText
        let url = givenURL.flatMap { CommonChecks.isHTTPURL($0) ? $0 : nil }
        let videoID = try item["id"]?.identifier("video id")
        let status = RemoteStatus.map(item["state"]?.text ?? item["status"]?.text) ?? (url != nil ? .succeeded : .running)
        return TaskSnapshot(
            remoteTaskID: taskID,
            status: status,
            progress: status == .succeeded ? 100 : RemoteStatus.progress(item["progress"]),
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
