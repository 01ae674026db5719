import Foundation
import TroupeDomain

/// A page of `list`.
public struct VideoPage: Sendable, Equatable {
    public var videos: [TaskSnapshot]
    public var hasMore: Bool
    /// The id to pass as `after` for the next page.
    public var lastID: String?
}

extension OpenAIDialect {
    /// Reads a video object (create, remix) or a character object (`char_…`).
    public func decodeSubmit(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> SubmitOutcome {
        let json = try ResponseTriage.json(response, now: receivedAt)
        let snapshot = try Self.snapshot(json, receivedAt: receivedAt)
        return SubmitOutcome(remoteTaskID: snapshot.remoteTaskID, snapshot: snapshot)
    }

    /// Reads `GET /videos/{id}` (404 → `.unknownTask`).
    public func decodePoll(_ response: WireResponse, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        try Self.snapshot(ResponseTriage.json(response, taskID: taskID, now: receivedAt), receivedAt: receivedAt)
    }

    /// Reads `GET /videos`; items that cannot be read are left out.
    public func decodeList(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> VideoPage {
        let json = try ResponseTriage.json(response, now: receivedAt)
        guard let data = json["data"] else { throw .malformed("the list carries no data") }
        let videos = data.elements.compactMap { try? Self.snapshot($0, receivedAt: receivedAt) }
        return VideoPage(videos: videos, hasMore: json["has_more"]?.boolean ?? false,
                         lastID: json["last_id"]?.nonEmptyText ?? videos.last?.remoteTaskID)
    }

    /// Reads `DELETE /videos/{id}`: whether the video is gone.
    public func decodeDelete(_ response: WireResponse, videoID: String, receivedAt: Date) throws(ProviderError) -> Bool {
        try ResponseTriage.json(response, taskID: videoID, now: receivedAt)["deleted"]?.boolean ?? false
    }

    /// Reads a webhook event (`video.completed`, `video.failed`): only the id, to re-check by poll.
    /// Verify the signature first with `OpenAIWebhook.verify`.
    public func decodeWebhook(_ body: Data, receivedAt: Date) throws(ProviderError) -> WebhookNotice {
        let json = try JSONValue.parse(body)
        guard let id = try json["data"]?["id"]?.identifier("video id") else { throw .malformed("the event carries no data.id") }
        return WebhookNotice(remoteTaskID: id, event: json["type"]?.nonEmptyText)
    }

    /// A video object (or a character object) as a snapshot.
    static func snapshot(_ json: JSONValue, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        guard json.isObject else { throw .malformed("expected a JSON object") }
        guard let id = try json["id"]?.identifier("video id") else {
            let said = ResponseTriage.errorMessage(in: json).map { " (it says: \($0))" } ?? ""
            throw .malformed("the object carries no id\(said)")
        }
        if json["object"]?.text == "character" || (id.hasPrefix("char_") && json["status"] == nil) {
            return TaskSnapshot(remoteTaskID: id, status: .succeeded, progress: 100, characterID: try? CharacterID(id))
        }
        let error = json["error"] ?? .null
        let errorText = error.isObject ? error["message"]?.nonEmptyText : error.nonEmptyText
        let errorCode = error["code"]?.nonEmptyText ?? error["type"]?.nonEmptyText
        let status = RemoteStatus.map(json["status"]?.text) ?? (errorText != nil || errorCode != nil ? .failed : .running)
        var expiry: Date?
        if status == .succeeded {
            if let seconds = json["expires_at"]?.number, seconds > 0, seconds < 1e11 {
                expiry = Date(timeIntervalSince1970: seconds)
            } else {
                expiry = receivedAt.addingTimeInterval(URLExpiry.defaultLifetime)
            }
        }
        var snapshot = TaskSnapshot(
            remoteTaskID: id,
            status: status,
            progress: status == .succeeded ? 100 : RemoteStatus.progress(json["progress"]),
            pid: try? Pid(id),
            remoteVideoID: id,
            parentPid: try json["remixed_from_video_id"]?.identifier("video id").flatMap { try? Pid($0) },
            urlExpiry: expiry,
            failureReason: status == .failed ? (errorCode ?? "error") : nil,
            errorText: status == .failed ? errorText : nil
        )
        snapshot.prompt = json["prompt"]?.text
        snapshot.createdAt = json["created_at"]?.number.flatMap { $0 > 0 && $0 < 1e11 ? Date(timeIntervalSince1970: $0) : nil }
        return snapshot
    }
}
