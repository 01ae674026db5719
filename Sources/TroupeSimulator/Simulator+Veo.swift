import Foundation
import Hummingbird

/// GrsAI Veo: `POST /v1/video/veo`, delivered and polled (`/v1/draw/result`) as `sora-video` is.
///
/// Written from public GrsAI client code: the six model names, `urls` (up to 3 reference
/// images), `firstFrameUrl`/`lastFrameUrl`, and a result whose file is at `url` as well as
/// `results[0].url`. Veo has no characters, no remix and no pid: an `@name` is plain text.
extension Simulator {
    /// The Veo models GrsAI clients send.
    static let veoModels = [
        "veo3.1-fast", "veo3.1-fast-1080p", "veo3.1-fast-4k", "veo3.1-pro", "veo3.1-pro-1080p", "veo3.1-pro-4k",
    ]
    /// Sora fields Veo does not take, and why they are refused rather than ignored.
    static let veoRefusedFields: [(field: String, reason: String)] = [
        ("remixTargetId", "Veo cannot remix"),
        ("characters", "Veo has no characters; send a character as a reference image in urls"),
        ("duration", "Veo videos have a fixed length here"),
        ("size", "the model name sets Veo's resolution"),
        ("url", "send reference images in urls, or a first frame in firstFrameUrl"),
    ]
    static let veoMaximumReferences = 3
    /// Seconds of a simulated Veo video.
    static let veoSeconds = 8.0

    func addVeoRoutes(to router: Router<SimulatorRequestContext>) {
        router.post("/v1/video/veo") { request, context in
            try await grsai(context) { try await veoVideo(request, context) }
        }
    }

    /// A Veo task frame: no pid, the file at `url` and in `results`.
    func veoFrame(_ task: SimulatorTask, status: TaskStatus, now: Date) -> JSONValue {
        let url = status == .succeeded ? fileURL(task, base: task.baseURL) : ""
        return [
            "id": .string(task.id), "results": status == .succeeded ? [["url": .string(url)]] : [],
            "url": .string(url), "progress": .int(task.progress(at: now)), "status": .string(status.rawValue),
            "failure_reason": .string(status == .failed ? task.failureReason ?? "error" : ""),
            "error": .string(status == .failed ? task.error ?? "" : ""),
        ]
    }

    private func veoVideo(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let body = try await Self.jsonObject(request)
        guard let model = body["model"]?.string, Self.veoModels.contains(model) else {
            let got = body["model"]?.string.map { ", got \($0)" } ?? ""
            throw Rejection(status: .badRequest, message: "model must be one of \(Self.veoModels.joined(separator: ", "))\(got)")
        }
        guard let prompt = body["prompt"]?.string, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Rejection(status: .badRequest, message: "prompt is required")
        }
        for (field, reason) in Self.veoRefusedFields {
            guard let value = body[field], value != .null else { continue }
            throw Rejection(status: .badRequest, message: "\(field) is not a Veo field: \(reason)")
        }
        let aspect = try Self.optionalString(body, "aspectRatio") ?? "16:9"
        guard ["16:9", "9:16"].contains(aspect) else {
            throw Rejection(status: .badRequest, message: "aspectRatio must be 16:9 or 9:16, got \(aspect)")
        }
        var references: [ImageInput.Form] = []
        if let urls = body["urls"], urls != .null {
            guard let list = urls.array else {
                throw Rejection(status: .badRequest, message: "urls must be an array of image URLs or Base64 data")
            }
            guard list.count <= Self.veoMaximumReferences else {
                throw Rejection(
                    status: .badRequest,
                    message: "urls takes at most \(Self.veoMaximumReferences) reference images, got \(list.count)")
            }
            for (index, entry) in list.enumerated() {
                references.append(try ImageInput.check(entry, field: "urls[\(index)]").get())
            }
        }
        let first = try frame(body, "firstFrameUrl")
        let last = try frame(body, "lastFrameUrl")
        if last != nil, first == nil {
            throw Rejection(status: .badRequest, message: "lastFrameUrl needs a firstFrameUrl")
        }
        if first != nil, !references.isEmpty {
            throw Rejection(
                status: .badRequest,
                message: "send either reference images (urls) or frames (firstFrameUrl, lastFrameUrl), not both")
        }
        let delivery = try Self.delivery(body)

        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .grsai, real: nil, context: context) }
        return try await submit(request, context, delivery: delivery, fault: fault) { now, base in
            var task = newTask(
                id: state.uuid(), dialect: .grsai, kind: .video, delivery: delivery.mode, request: body, base: base,
                seconds: Self.veoSeconds, model: model, price: Self.veoPrice, now: now)
            // No pid: a Veo video cannot be remixed or cast, and its file is named by the task id.
            task.pid = nil
            task.family = "veo"
            task.prompt = prompt
            task.aspect = aspect
            task.webhookURL = delivery.url
            task.referenceImages = references.map(\.rawValue)
            task.firstFrame = first?.rawValue
            task.lastFrame = last?.rawValue
            return task
        }
    }

    private func frame(_ body: JSONValue, _ field: String) throws -> ImageInput.Form? {
        guard let value = body[field], value != .null else { return nil }
        return try ImageInput.check(value, field: field).get()
    }
}
