import Foundation
import TroupeDomain

extension GrsAIDialect {
    /// Reads `{"code":0,"data":{"id":…}}` (poll and webhook delivery) or a first task frame.
    /// A body that is a stream received at once is read as such; its last frame is the snapshot.
    public func decodeSubmit(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> SubmitOutcome {
        let json: JSONValue
        do {
            json = try ResponseTriage.json(response, now: receivedAt)
        } catch {
            guard case .malformed = error, (200..<300).contains(response.status) else { throw error }
            let frames: [TaskSnapshot]
            do {
                frames = try decodeStreamBody(response.body, receivedAt: receivedAt)
            } catch .malformed {
                throw error
            }
            let last = frames[frames.count - 1]
            return SubmitOutcome(remoteTaskID: last.remoteTaskID, snapshot: last)
        }
        let frame = try Self.unwrap(json, taskID: nil)
        guard let id = try frame["id"]?.identifier("task id") else {
            throw .malformed("the answer carries no task id")
        }
        let hasState = frame["status"] != nil || frame["results"] != nil || frame["progress"] != nil || frame["url"] != nil
        let snapshot = hasState ? try Self.snapshot(frame, fallbackID: id, receivedAt: receivedAt) : nil
        return SubmitOutcome(remoteTaskID: id, snapshot: snapshot)
    }

    /// Reads a `/v1/draw/result` answer (`-22` → `.unknownTask`).
    public func decodePoll(_ response: WireResponse, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        let json = try ResponseTriage.json(response, taskID: taskID, now: receivedAt)
        let frame = try Self.unwrap(json, taskID: taskID)
        return try Self.snapshot(frame, fallbackID: taskID, receivedAt: receivedAt)
    }

    /// Reads a webhook body: one task frame (or a frame inside an envelope).
    public func decodeWebhook(_ body: Data, receivedAt: Date) throws(ProviderError) -> WebhookNotice {
        let frame = try decodeStreamFrame(body, receivedAt: receivedAt)
        return WebhookNotice(remoteTaskID: frame.remoteTaskID, snapshot: frame)
    }

    /// Reads ONE stream frame (the transport has stripped `data:`; a leftover prefix is tolerated).
    /// A `{"code": …}` frame is an error envelope.
    public func decodeStreamFrame(_ frame: Data, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        var bytes = frame[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() }
        if bytes.starts(with: Array("data:".utf8)) { bytes = bytes.dropFirst(5) }
        let json = try JSONValue.parse(Data(bytes))
        let inner = try Self.unwrap(json, taskID: nil)
        return try Self.snapshot(inner, fallbackID: nil, receivedAt: receivedAt)
    }

    /// Reads a whole stream body received at once: SSE `data:` frames, several per line, bare
    /// JSON objects; skips blank lines, `[DONE]` and noise. Throws on an error envelope or when
    /// no frame is found.
    public func decodeStreamBody(_ body: Data, receivedAt: Date) throws(ProviderError) -> [TaskSnapshot] {
        var snapshots: [TaskSnapshot] = []
        for payload in GrsAIStream.payloads(in: body) {
            guard let json = try? JSONValue.parse(payload) else { continue }
            let inner: JSONValue
            do {
                inner = try Self.unwrap(json, taskID: nil)
            } catch .malformed {
                continue
            }
            guard ["id", "status", "results", "progress", "url"].contains(where: { inner[$0] != nil }) else { continue }
            guard let snapshot = try? Self.snapshot(inner, fallbackID: snapshots.last?.remoteTaskID, receivedAt: receivedAt) else {
                continue
            }
            snapshots.append(snapshot)
        }
        guard !snapshots.isEmpty else { throw .malformed("the stream holds no task frame") }
        return snapshots
    }

    // MARK: Shapes

    /// The task frame inside an envelope; throws the envelope's error when `code` ≠ 0.
    static func unwrap(_ json: JSONValue, taskID: String?) throws(ProviderError) -> JSONValue {
        guard json.isObject else { throw .malformed("expected a JSON object") }
        guard let codeValue = json["code"], json["status"] == nil, json["results"] == nil else { return json }
        let message = json["msg"]?.nonEmptyText ?? json["message"]?.nonEmptyText
        guard let code = codeValue.integer else {
            throw .malformed("the envelope's code is not a number")
        }
        switch code {
        case 0:
            guard let data = json["data"], data.isObject else {
                throw .malformed("the envelope carries no data")
            }
            return data
        case -22:
            throw .unknownTask(taskID ?? json["data"]?["id"]?.nonEmptyText ?? message ?? "(unnamed)")
        default:
            throw .rejected(message ?? "error code \(code)")
        }
    }

    /// A task frame as a snapshot.
    static func snapshot(_ frame: JSONValue, fallbackID: String?, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        guard frame.isObject else { throw .malformed("a task frame is not a JSON object") }
        guard let id = try frame["id"]?.identifier("task id") ?? fallbackID.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw .malformed("a task frame carries no id")
        }
        let results = (frame["results"]?.elements ?? []).filter(\.isObject)
        // Only http(s) result URLs are kept: anything else is never fetched.
        // Sora gives the file as `results[0].url`, Veo as `results[0].url` or a top-level `url`.
        let givenURL = results.lazy.compactMap { $0["url"]?.nonEmptyText }.first ?? frame["url"]?.nonEmptyText
        let url = givenURL.flatMap { CommonChecks.isHTTPURL($0) ? $0 : nil }
        let pidText = try RemoteIdentifier.first("pid", in: results, "pid")
        let characterText = try RemoteIdentifier.first("character_id", in: results, "character id")
        let progress = RemoteStatus.progress(frame["progress"])
        let failureReason = frame["failure_reason"]?.nonEmptyText
        let errorText = frame["error"]?.nonEmptyText ?? ResponseTriage.errorMessage(in: frame["error"] ?? .null)
        let status: VideoStatus
        if let mapped = RemoteStatus.map(frame["status"]?.text) {
            status = mapped
        } else if failureReason != nil {
            status = .failed
        } else if (url != nil || characterText != nil) && (progress ?? 100) == 100 {
            status = .succeeded
        } else {
            status = .running
        }
        return TaskSnapshot(
            remoteTaskID: id,
            status: status,
            progress: status == .succeeded ? 100 : progress,
            pid: pidText.flatMap { try? Pid($0) },
            remoteVideoID: pidText,
            characterID: characterText.flatMap { try? CharacterID($0) },
            resultURL: url,
            urlExpiry: url.map { URLExpiry.expiry(of: $0, receivedAt: receivedAt, lifetime: URLExpiry.grsaiLifetime, preferSigned: false) },
            failureReason: failureReason,
            errorText: errorText,
            refusedURLScheme: TaskSnapshot.refusedScheme(of: givenURL)
        )
    }
}

/// Splits a GrsAI stream body into JSON payloads.
public enum GrsAIStream {
    static let dataPrefix = Array("data:".utf8)

    /// Every top-level JSON object in `body`, whatever surrounds it (`data:`, blank lines,
    /// `[DONE]`, noise). An object cut short by the next `data:` or the end is dropped.
    public static func payloads(in body: Data) -> [Data] {
        var result: [Data] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = body.startIndex
        for index in body.indices {
            let byte = body[index]
            if depth == 0 {
                if byte == UInt8(ascii: "{") {
                    depth = 1
                    start = index
                    inString = false
                    escaped = false
                }
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if byte == UInt8(ascii: "d"), body[index...].starts(with: dataPrefix) {
                // `data:` cannot occur outside a string inside JSON: the object was cut short.
                depth = 0
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { result.append(Data(body[start...index])) }
            default: break
            }
        }
        return result
    }
}
