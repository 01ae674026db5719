import Foundation
import Hummingbird

/// AceData Seedance: `POST /seedance/videos`, polled with `POST /seedance/tasks`.
///
/// Written from the official `acedatacloud` SDK (2026.10.20.0, `resources/providers/seedance.py`:
/// models, `resolution`, `ratio`, the body's other fields) and ByteDance's Seedance `content`
/// format (`text` and `image_url` parts with a `role`). An `@name` in the text is plain text.
extension Simulator {
    static let seedanceModels = [
        "doubao-seedance-1-0-pro-250528", "doubao-seedance-1-0-pro-fast-251015", "doubao-seedance-1-5-pro-251215",
        "doubao-seedance-1-0-lite-t2v-250428", "doubao-seedance-1-0-lite-i2v-250428", "doubao-seedance-2-0-260128",
        "doubao-seedance-2-0-fast-260128", "doubao-seedance-2-0-mini-260615", "doubao-seedance-2-5-260628",
    ]
    static let seedanceResolutions = ["480p", "720p", "1080p", "4k"]
    static let seedanceRatios = ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"]
    static let seedanceRoles = ["reference_image", "first_frame", "last_frame"]
    static let seedanceDurations = 2...15
    static let seedanceMaximumReferences = 4
    /// Seconds of a Seedance video when `duration` is not sent.
    static let seedanceDefaultSeconds = 5

    /// The response body of a Seedance task (the synchronous answer, the callback body and the
    /// retrieve envelope's `response`): a `state` word, and `video_url` once it succeeded.
    func seedanceResponse(_ task: SimulatorTask, now: Date) -> JSONValue {
        let status = task.status(at: now)
        let itemID = JSONValue.string("cgt-\(task.id.prefix(20))")
        let top: [String: JSONValue] = ["task_id": .string(task.id), "trace_id": .string(task.id)]
        var item: [String: JSONValue] = ["id": itemID, "model": .string(task.model)]
        var body = top
        switch status {
        case .running:
            item["state"] = "running"
            item["progress"] = .int(task.progress(at: now))
            body["success"] = true
        case .succeeded:
            item["state"] = "succeeded"
            item["video_url"] = .string(fileURL(task, base: task.baseURL))
            item["duration"] = .int(Int(task.seconds))
            body["success"] = true
        case .failed:
            let reason = task.failureReason ?? "error"
            item["state"] = "failed"
            item["failure_reason"] = .string(reason)
            body["success"] = false
            body["error"] = ["code": .string(reason), "message": .string(task.error ?? reason)]
        }
        body["data"] = [.object(item)]
        return .object(body)
    }

    func seedanceVideo(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let body = try await Self.jsonObject(request)
        guard let model = body["model"]?.string, Self.seedanceModels.contains(model) else {
            let got = body["model"]?.string.map { ", got \($0)" } ?? ""
            throw Rejection(status: .badRequest, message: "model must be one of \(Self.seedanceModels.joined(separator: ", "))\(got)")
        }
        let content = try Self.seedanceContent(body["content"])
        try Self.oneOf(body, "resolution", Self.seedanceResolutions)
        try Self.oneOf(body, "ratio", Self.seedanceRatios)
        var seconds = Self.seedanceDefaultSeconds
        if let duration = try Self.integer(body, "duration") {
            guard Self.seedanceDurations.contains(duration) else {
                throw Rejection(status: .badRequest, message: "duration must be an integer 2…15 (seconds), got \(duration)")
            }
            seconds = duration
        }
        for key in ["seed", "execution_expires_after", "priority"] { _ = try Self.integer(body, key) }
        var waits = true
        for key in ["generate_audio", "return_last_frame", "watermark", "camerafixed", "async"] {
            guard let value = body[key], value != .null else { continue }
            guard let flag = value.bool else { throw Rejection(status: .badRequest, message: "\(key) must be true or false") }
            if key == "async" { waits = !flag }
        }
        var callback: String?
        if let value = body["callback_url"], value != .null {
            guard let url = value.string, WebhookSender.isAcceptable(url) else {
                throw Rejection(status: .badRequest, message: "callback_url must be an http(s) URL")
            }
            callback = url
            waits = false
        }

        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .acedata, real: nil, context: context) }
        let now = state.now()
        var task = newTask(
            id: state.hex(32), dialect: .acedata, kind: .video, delivery: waits ? "sync" : (callback == nil ? "poll" : "callback"),
            request: body, base: baseURL(request), seconds: Double(seconds), model: model, price: Self.seedancePrice, now: now)
        task.pid = nil
        task.family = "seedance"
        task.prompt = content.text
        task.aspect = body["ratio"]?.string
        task.size = body["resolution"]?.string
        task.webhookURL = callback
        task.contentParts = content.parts
        task.referenceImages = content.references
        task.firstFrame = content.first
        task.lastFrame = content.last
        if let fault { task.faults.append(fault.rawValue) }
        let accepted: JSONValue = ["success": true, "task_id": .string(task.id), "trace_id": .string(task.id)]
        return try await aceSubmit(task, fault: fault, callback: callback, waits: waits, accepted: accepted, context: context)
    }

    /// What a `content` list says: the text, the parts in order and how each image was sent.
    struct SeedanceContent {
        var text: String
        var parts: [String]
        var references: [String]
        var first: String?
        var last: String?
    }

    static func seedanceContent(_ value: JSONValue?) throws -> SeedanceContent {
        guard let list = value?.array, !list.isEmpty else {
            throw Rejection(status: .badRequest, message: "content is required: a list of text and image_url parts")
        }
        var content = SeedanceContent(text: "", parts: [], references: [], first: nil, last: nil)
        var texts: [String] = []
        for (index, part) in list.enumerated() {
            switch part["type"]?.string {
            case "text":
                guard let text = part["text"]?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw Rejection(status: .badRequest, message: "content[\(index)].text must be a non-empty string")
                }
                texts.append(text)
                content.parts.append("text")
            case "image_url":
                let form = try ImageInput.check(part["image_url"]?["url"], field: "content[\(index)].image_url.url").get()
                guard let role = part["role"]?.string, seedanceRoles.contains(role) else {
                    throw Rejection(
                        status: .badRequest,
                        message: "content[\(index)].role must be one of \(seedanceRoles.joined(separator: ", "))")
                }
                switch role {
                case "first_frame":
                    guard content.first == nil else { throw Rejection(status: .badRequest, message: "content has more than one first_frame") }
                    content.first = form.rawValue
                case "last_frame":
                    guard content.last == nil else { throw Rejection(status: .badRequest, message: "content has more than one last_frame") }
                    content.last = form.rawValue
                default:
                    content.references.append(form.rawValue)
                }
                content.parts.append(role)
            default:
                throw Rejection(status: .badRequest, message: "content[\(index)].type must be text or image_url")
            }
        }
        guard content.references.count <= seedanceMaximumReferences else {
            throw Rejection(
                status: .badRequest,
                message: "content takes at most \(seedanceMaximumReferences) reference_image parts, got \(content.references.count)")
        }
        if content.last != nil, content.first == nil {
            throw Rejection(status: .badRequest, message: "a last_frame part needs a first_frame part")
        }
        content.text = texts.joined(separator: "\n")
        return content
    }

    private static func oneOf(_ body: JSONValue, _ key: String, _ allowed: [String]) throws {
        guard let value = body[key], value != .null else { return }
        guard let text = value.string, allowed.contains(text) else {
            let got = value.string.map { ", got \($0)" } ?? ""
            throw Rejection(status: .badRequest, message: "\(key) must be one of \(allowed.joined(separator: ", "))\(got)")
        }
    }

    /// An integer field (a whole JSON number), nil when absent.
    private static func integer(_ body: JSONValue, _ key: String) throws -> Int? {
        guard let value = body[key], value != .null else { return nil }
        switch value {
        case .int(let number): return number
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: throw Rejection(status: .badRequest, message: "\(key) must be an integer")
        }
    }
}
