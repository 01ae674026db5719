import Foundation
import HTTPTypes
import Hummingbird

/// OpenAI-style Videos API under `/v1/videos`, JSON or multipart as the official SDK sends.
extension Simulator {
    static let openAISeconds = ["4", "8", "12"]
    static let openAISizes = ["720x1280", "1280x720", "1024x1792", "1792x1024"]

    func addOpenAIRoutes(to router: Router<SimulatorRequestContext>) {
        router.post("/v1/videos") { request, context in
            try await openai { try await openAICreate(request, context) }
        }
        router.get("/v1/videos") { request, _ in
            try await openai { openAIList(request) }
        }
        router.post("/v1/videos/characters") { request, context in
            try await openai { try await openAICharacter(request, context) }
        }
        router.get("/v1/videos/characters/:id") { _, context in
            try await openai { try openAIGetCharacter(context.parameters.get("id") ?? "") }
        }
        router.get("/v1/videos/:id") { _, context in
            try await openai { try openAIRetrieve(context.parameters.get("id") ?? "", context) }
        }
        router.delete("/v1/videos/:id") { _, context in
            try await openai { try openAIDelete(context.parameters.get("id") ?? "") }
        }
        router.get("/v1/videos/:id/content") { request, context in
            try await openai { try openAIContent(context.parameters.get("id") ?? "", request) }
        }
        router.post("/v1/videos/:id/remix") { request, context in
            try await openai { try await openAIRemix(context.parameters.get("id") ?? "", request, context) }
        }
    }

    private func openai(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let rejection as Rejection {
            return Self.reject(rejection, dialect: .openai)
        }
    }

    /// The video object.
    func openAIVideo(_ task: SimulatorTask, now: Date) -> JSONValue {
        let status = task.status(at: now)
        let progress = task.progress(at: now)
        let wire: String
        switch status {
        case .running: wire = progress == 0 ? "queued" : "in_progress"
        case .succeeded: wire = "completed"
        case .failed: wire = "failed"
        }
        var error: JSONValue = nil
        if status == .failed {
            error = ["code": .string(task.failureReason ?? "error"), "message": .string(task.error ?? "generation failed")]
        }
        let done = status != .running
        return [
            "id": .string(task.id), "object": "video", "created_at": .int(Int(task.createdAt.timeIntervalSince1970)),
            "status": .string(wire), "model": .string(task.model), "progress": .int(progress),
            "seconds": .string(String(Int(task.seconds))), "size": task.size.json,
            "completed_at": done ? .int(Int(task.readyAt.timeIntervalSince1970)) : nil,
            "expires_at": status == .succeeded ? .int(Int(task.urlExpiry(ttl: configuration.urlTTL).timeIntervalSince1970)) : nil,
            "error": error, "prompt": task.prompt.json, "remixed_from_video_id": task.parentID.json,
        ]
    }

    private var pollAfter: HTTPFields {
        [HTTPField.Name("openai-poll-after-ms")!: String(max(50, Int(configuration.latency * 1000 / 8)))]
    }

    /// The body as a JSON object, whether it came as JSON or as multipart form fields;
    /// multipart file parts are returned beside it.
    private static func openAIBody(_ request: Request) async throws -> (JSONValue, [MultipartPart]) {
        let data = try await body(of: request)
        if let type = request.headers[.contentType], let boundary = Multipart.boundary(fromContentType: type) {
            guard let parts = Multipart.parse(data, boundary: boundary) else {
                throw Rejection(status: .badRequest, message: "malformed multipart body")
            }
            return (.object(Multipart.fields(parts)), parts.filter { $0.filename != nil })
        }
        guard let value = JSONValue.parse(data), case .object = value else {
            throw Rejection(status: .badRequest, message: "the body must be JSON or multipart/form-data")
        }
        return (value, [])
    }

    /// An aggregator's own models take `1`…`60` seconds.
    private static func isAggregatedSeconds(_ text: String) -> Bool {
        guard let value = Int(text), String(value) == text else { return false }
        return (1...60).contains(value)
    }

    /// `WxH` in pixels, each side 64…4096.
    private static func isFrameSize(_ text: String) -> Bool {
        let sides = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        return sides.count == 2 && sides.allSatisfy { $0.map { (64...4096).contains($0) } ?? false }
    }

    private static func isModel(_ model: String) -> Bool {
        model == "sora-2" || model == "sora-2-pro" || model.hasPrefix("sora-2-20") || model.hasPrefix("sora-2-pro-20")
    }

    private func openAICreate(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let (body, _) = try await Self.openAIBody(request)
        guard let prompt = body["prompt"]?.string, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Rejection(status: .badRequest, message: "prompt is required", param: "prompt")
        }
        let model = body["model"]?.string ?? "sora-2"
        let aggregated = configuration.openAIModels.contains(model)
        guard Self.isModel(model) || aggregated else {
            let others = configuration.openAIModels.isEmpty ? "" : " or one of \(configuration.openAIModels.joined(separator: ", "))"
            throw Rejection(status: .badRequest, message: "model must be sora-2 or sora-2-pro\(others)", param: "model")
        }
        var seconds = "4"
        if let value = body["seconds"], value != .null {
            guard let text = value.string, aggregated ? Self.isAggregatedSeconds(text) : Self.openAISeconds.contains(text) else {
                let allowed = aggregated ? "a whole number of seconds from 1 to 60, as a string" : "one of the strings \"4\", \"8\", \"12\""
                throw Rejection(status: .badRequest, message: "seconds must be \(allowed)", param: "seconds")
            }
            seconds = text
        }
        let size = body["size"]?.string ?? "720x1280"
        guard Self.openAISizes.contains(size) || (aggregated && Self.isFrameSize(size)) else {
            throw Rejection(status: .badRequest, message: "size must be one of \(Self.openAISizes.joined(separator: ", "))", param: "size")
        }
        let now = state.now()
        var characterIDs: [String] = []
        if let list = body["characters"], list != .null {
            guard let entries = list.array, entries.count <= 2 else {
                throw Rejection(status: .badRequest, message: "characters must be an array of at most two {id}", param: "characters")
            }
            for entry in entries {
                guard let id = entry["id"]?.string else {
                    throw Rejection(status: .badRequest, message: "each character needs an id", param: "characters")
                }
                guard state.character(id, dialect: .openai, at: now) != nil else {
                    throw Rejection(status: .badRequest, message: "character \(id) not found", param: "characters")
                }
                characterIDs.append(id)
            }
        }
        return try openAIStart(
            request, context, body: body, prompt: prompt, model: model, seconds: seconds, size: size, parent: nil, now: now)
    }

    private func openAIStart(
        _ request: Request, _ context: SimulatorRequestContext, body: JSONValue, prompt: String, model: String,
        seconds: String, size: String, parent: SimulatorTask?, now: Date
    ) throws -> Response {
        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .openai, real: nil, context: context) }
        var task = newTask(
            id: "video_\(state.hex(32))", dialect: .openai, kind: parent == nil ? .video : .remix, delivery: "poll",
            request: body, base: baseURL(request), seconds: Double(seconds) ?? 4, model: model, now: now)
        task.prompt = prompt
        task.size = size
        task.parentID = parent?.id
        task.parentPid = parent?.pid
        if let fault { task.faults.append(fault.rawValue) }
        Self.failForMentions(&task, unknown: unknownMentions(prompt, dialect: .openai, now: now))
        guard state.add(task) else {
            throw Rejection(status: .tooManyRequests, message: "You exceeded your current quota", code: "insufficient_quota")
        }
        let answer = openAIVideo(task, now: now)
        if let fault { return try faultResponse(fault, dialect: .openai, real: answer, context: context) }
        return Self.json(answer, headers: pollAfter)
    }

    private func openAIVideoTask(_ id: String) throws -> SimulatorTask {
        guard let task = state.task(id), task.dialect == .openai, !task.kind.makesCharacter, !task.deleted else {
            throw Rejection(status: .notFound, message: "Video \(id) not found", param: "video_id", code: "video_not_found")
        }
        return task
    }

    private func openAIRetrieve(_ id: String, _ context: SimulatorRequestContext) throws -> Response {
        let fault = state.drawFault(rate: configuration.failRate)
        let task: SimulatorTask
        do {
            task = try openAIVideoTask(id)
        } catch {
            if let fault { return try faultResponse(fault, dialect: .openai, real: nil, context: context) }
            throw error
        }
        let answer = openAIVideo(task, now: state.now())
        if let fault { return try faultResponse(fault, dialect: .openai, real: answer, context: context) }
        return Self.json(answer, headers: pollAfter)
    }

    private func openAIList(_ request: Request) -> Response {
        let now = state.now()
        var videos = state.allTasks().filter { $0.dialect == .openai && !$0.kind.makesCharacter && !$0.deleted }
        if request.uri.queryParameters.get("order") != "asc" { videos.reverse() }
        if let after = request.uri.queryParameters.get("after"), let index = videos.firstIndex(where: { $0.id == after }) {
            videos = Array(videos[(index + 1)...])
        }
        let limit = max(1, min(100, request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 20))
        let page = Array(videos.prefix(limit))
        return Self.json([
            "object": "list", "data": .array(page.map { openAIVideo($0, now: now) }),
            "first_id": page.first.map { .string($0.id) } ?? nil, "last_id": page.last.map { .string($0.id) } ?? nil,
            "has_more": .bool(videos.count > limit),
        ])
    }

    private func openAIDelete(_ id: String) throws -> Response {
        _ = try openAIVideoTask(id)
        state.update(id) { $0.deleted = true }
        return Self.json(["id": .string(id), "deleted": true, "object": "video.deleted"])
    }

    private func openAIContent(_ id: String, _ request: Request) throws -> Response {
        let task = try openAIVideoTask(id)
        let now = state.now()
        guard task.status(at: now) == .succeeded else {
            throw Rejection(status: .notFound, message: "Video \(id) has no content: it is \(openAIVideo(task, now: now)["status"]?.string ?? "")")
        }
        guard now < task.urlExpiry(ttl: configuration.urlTTL) else {
            throw Rejection(status: .notFound, message: "Video \(id) content has expired")
        }
        switch request.uri.queryParameters.get("variant") ?? "video" {
        case "video":
            let data = resultFile(task)
            return Response(status: .ok, headers: [.contentType: "video/mp4"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        case "thumbnail":
            return Response(status: .ok, headers: [.contentType: "image/webp"], body: .init(byteBuffer: ByteBuffer(bytes: Self.webp)))
        case "spritesheet":
            return Response(status: .ok, headers: [.contentType: "image/jpeg"], body: .init(byteBuffer: ByteBuffer(bytes: Self.jpeg)))
        default:
            throw Rejection(status: .badRequest, message: "variant must be video, thumbnail or spritesheet", param: "variant")
        }
    }

    /// A 1×1 lossless WebP and a minimal JPEG marker pair, for the preview variants.
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x1A, 0, 0, 0] + Array("WEBPVP8L".utf8)
        + [0x0D, 0, 0, 0, 0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xD9]

    private func openAIRemix(_ id: String, _ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let (body, _) = try await Self.openAIBody(request)
        guard let prompt = body["prompt"]?.string, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Rejection(status: .badRequest, message: "prompt is required", param: "prompt")
        }
        let parent = try openAIVideoTask(id)
        let now = state.now()
        guard parent.status(at: now) == .succeeded else {
            throw Rejection(status: .badRequest, message: "Video \(id) is not completed; only completed videos can be remixed", param: "video_id")
        }
        return try openAIStart(
            request, context, body: body, prompt: prompt, model: parent.model, seconds: String(Int(parent.seconds)),
            size: parent.size ?? "720x1280", parent: parent, now: now)
    }

    private func openAICharacter(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        guard let type = request.headers[.contentType], Multipart.boundary(fromContentType: type) != nil else {
            throw Rejection(status: .badRequest, message: "send multipart/form-data with a video file and a name")
        }
        let (body, files) = try await Self.openAIBody(request)
        guard let name = body["name"]?.string, !name.isEmpty else {
            throw Rejection(status: .badRequest, message: "name is required", param: "name")
        }
        guard let video = files.first(where: { $0.name == "video" }) else {
            throw Rejection(status: .badRequest, message: "video file is required", param: "video")
        }
        guard let seconds = MP4.duration(of: video.body) else {
            throw Rejection(status: .badRequest, message: "video must be an MP4 file", param: "video")
        }
        guard seconds >= 2 - 1e-9, seconds <= 4 + 1e-9 else {
            throw Rejection(status: .badRequest, message: "video must be 2–4 seconds long, got \(seconds) s", param: "video")
        }
        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .openai, real: nil, context: context) }
        let now = state.now()
        var task = newTask(
            id: "chartask_\(state.hex(24))", dialect: .openai, kind: .uploadCharacter, delivery: "sync",
            request: ["name": .string(name)], base: baseURL(request), seconds: seconds, model: "sora-2", now: now)
        task.readyAt = now
        task.characterName = name
        task.clip = [0, seconds]
        if let fault { task.faults.append(fault.rawValue) }
        guard state.add(task) else {
            throw Rejection(status: .tooManyRequests, message: "You exceeded your current quota", code: "insufficient_quota")
        }
        let answer = characterObject(task)
        if let fault { return try faultResponse(fault, dialect: .openai, real: answer, context: context) }
        return Self.json(answer)
    }

    private func characterObject(_ task: SimulatorTask) -> JSONValue {
        ["id": task.characterID.json, "name": task.characterName.json, "created_at": .int(Int(task.createdAt.timeIntervalSince1970))]
    }

    private func openAIGetCharacter(_ id: String) throws -> Response {
        guard let task = state.character(id, dialect: .openai, at: state.now()) else {
            throw Rejection(status: .notFound, message: "Character \(id) not found", param: "character_id")
        }
        return Self.json(characterObject(task))
    }
}
