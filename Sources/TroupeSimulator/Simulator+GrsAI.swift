import Foundation
import Hummingbird

/// GrsAI: `/v1/video/sora-video`, `/v1/video/sora-upload-character`,
/// `/v1/video/sora-create-character` and `/v1/draw/result`.
extension Simulator {
    func addGrsAIRoutes(to router: Router<SimulatorRequestContext>) {
        router.post("/v1/video/sora-video") { request, context in
            try await grsai(context) { try await grsaiVideo(request, context) }
        }
        router.post("/v1/video/sora-upload-character") { request, context in
            try await grsai(context) { try await grsaiCharacter(request, context, fromVideo: false) }
        }
        router.post("/v1/video/sora-create-character") { request, context in
            try await grsai(context) { try await grsaiCharacter(request, context, fromVideo: true) }
        }
        router.post("/v1/draw/result") { request, context in
            try await grsai(context) { try await grsaiResult(request, context) }
        }
    }

    func grsai(_ context: SimulatorRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let rejection as Rejection {
            return Self.reject(rejection, dialect: .grsai)
        }
    }

    /// The task frame: stream chunk, webhook body and poll `data`.
    func grsaiFrame(_ task: SimulatorTask, now: Date) -> JSONValue {
        let status = task.status(at: now)
        var results: [JSONValue] = []
        if task.family == "veo" { return veoFrame(task, status: status, now: now) }
        if status == .succeeded {
            if let character = task.characterID {
                results = [["character_id": .string(character)]]
            } else {
                results = [["url": .string(fileURL(task, base: task.baseURL)), "removeWatermark": true, "pid": task.pid.json]]
            }
        }
        return [
            "id": .string(task.id), "results": .array(results), "progress": .int(task.progress(at: now)),
            "status": .string(status.rawValue),
            "failure_reason": .string(status == .failed ? task.failureReason ?? "error" : ""),
            "error": .string(status == .failed ? task.error ?? "" : ""),
        ]
    }

    static func optionalString(_ body: JSONValue, _ key: String) throws -> String? {
        guard let value = body[key], value != .null else { return nil }
        guard let text = value.string else { throw Rejection(status: .badRequest, message: "\(key) must be a string") }
        return text
    }

    static func delivery(_ body: JSONValue) throws -> (mode: String, url: String?, shutProgress: Bool) {
        let shut: Bool
        switch body["shutProgress"] {
        case nil, .null?: shut = false
        case .bool(let value)?: shut = value
        default: throw Rejection(status: .badRequest, message: "shutProgress must be a boolean")
        }
        guard let hook = try optionalString(body, "webHook"), !hook.isEmpty else { return ("stream", nil, shut) }
        if hook == "-1" { return ("poll", nil, shut) }
        guard WebhookSender.isAcceptable(hook) else {
            throw Rejection(status: .badRequest, message: "webHook must be an http(s) URL or \"-1\"")
        }
        return ("webhook", hook, shut)
    }

    private func grsaiVideo(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let body = try await Self.jsonObject(request)
        guard body["model"]?.string == "sora-2" else {
            throw Rejection(status: .badRequest, message: "model must be \"sora-2\"")
        }
        guard let prompt = body["prompt"]?.string, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Rejection(status: .badRequest, message: "prompt is required")
        }
        let aspect = try Self.optionalString(body, "aspectRatio") ?? "9:16"
        guard ["9:16", "16:9"].contains(aspect) else {
            throw Rejection(status: .badRequest, message: "aspectRatio must be 9:16 or 16:9, got \(aspect)")
        }
        var seconds = 10.0
        if let value = body["duration"], value != .null {
            guard let number = value.number, number == 10 || number == 15 else {
                throw Rejection(status: .badRequest, message: "duration must be the number 10 or 15")
            }
            seconds = number
        }
        let size = try Self.optionalString(body, "size") ?? "small"
        guard ["small", "large"].contains(size) else {
            throw Rejection(status: .badRequest, message: "size must be small or large, got \(size)")
        }
        _ = try Self.optionalString(body, "url")
        var inline = 0
        if let characters = body["characters"], characters != .null {
            guard let list = characters.array else { throw Rejection(status: .badRequest, message: "characters must be an array") }
            for (index, entry) in list.enumerated() {
                guard let url = entry["url"]?.string, !url.isEmpty else {
                    throw Rejection(status: .badRequest, message: "characters[\(index)].url is required")
                }
                guard let stamps = entry["timestamps"]?.string else {
                    throw Rejection(status: .badRequest, message: "characters[\(index)].timestamps is required")
                }
                if case .failure(let problem) = Clip.parse(stamps) {
                    throw Rejection(status: .badRequest, message: "characters[\(index)]: \(problem.message)")
                }
            }
            inline = list.count
        }
        let remixOf = try Self.optionalString(body, "remixTargetId")
        let delivery = try Self.delivery(body)

        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .grsai, real: nil, context: context) }
        return try await submit(request, context, delivery: delivery, fault: fault) { now, base in
            var parent: SimulatorTask?
            if let remixOf {
                guard let found = state.video(pid: remixOf, at: now) else {
                    throw Rejection(status: .badRequest, message: "remixTargetId \(remixOf) is not a finished video")
                }
                parent = found
            }
            var task = newTask(
                id: state.uuid(), dialect: .grsai, kind: parent == nil ? .video : .remix, delivery: delivery.mode,
                request: body, base: base, seconds: seconds, model: "sora-2", now: now)
            task.prompt = prompt
            task.aspect = aspect
            task.size = size
            task.parentPid = parent?.pid
            task.webhookURL = delivery.url
            Self.failForMentions(&task, unknown: unknownMentions(prompt, dialect: .grsai, inlineCharacters: inline, now: now))
            return task
        }
    }

    private func grsaiCharacter(_ request: Request, _ context: SimulatorRequestContext, fromVideo: Bool) async throws -> Response {
        let body = try await Self.jsonObject(request)
        var clip: [Double]?
        if let stamps = try Self.optionalString(body, "timestamps") {
            switch Clip.parse(stamps) {
            case .success(let range): clip = range
            case .failure(let problem): throw Rejection(status: .badRequest, message: problem.message)
            }
        }
        let source: String
        if fromVideo {
            guard let pid = try Self.optionalString(body, "pid"), !pid.isEmpty else {
                throw Rejection(status: .badRequest, message: "pid is required")
            }
            source = pid
        } else {
            guard let url = try Self.optionalString(body, "url"), !url.isEmpty else {
                throw Rejection(status: .badRequest, message: "url is required")
            }
            guard clip != nil else { throw Rejection(status: .badRequest, message: "timestamps is required, e.g. \"0,3\"") }
            source = url
        }
        let delivery = try Self.delivery(body)
        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .grsai, real: nil, context: context) }
        return try await submit(request, context, delivery: delivery, fault: fault) { now, base in
            var parent: SimulatorTask?
            if fromVideo {
                guard let video = state.video(pid: source, at: now) else {
                    throw Rejection(status: .badRequest, message: "pid \(source) is not a finished video")
                }
                let range = clip ?? [0, min(Clip.maximumLength, video.seconds)]
                guard range[1] <= video.seconds + 1e-9 else {
                    throw Rejection(
                        status: .badRequest,
                        message: "clip \(range[0]),\(range[1]) is outside the \(Int(video.seconds)) s video \(source)")
                }
                clip = range
                parent = video
            }
            var task = newTask(
                id: state.uuid(), dialect: .grsai, kind: fromVideo ? .createCharacter : .uploadCharacter,
                delivery: delivery.mode, request: body, base: base, seconds: (clip?[1] ?? 0) - (clip?[0] ?? 0),
                model: "sora-2", now: now)
            task.parentPid = parent?.pid
            task.clip = clip
            task.webhookURL = delivery.url
            return task
        }
    }

    /// Creates the task (charging it), applies a post-creation fault if one is drawn, then
    /// answers in the requested delivery mode.
    func submit(
        _ request: Request, _ context: SimulatorRequestContext,
        delivery: (mode: String, url: String?, shutProgress: Bool), fault: Fault?,
        make: (Date, String) throws -> SimulatorTask
    ) async throws -> Response {
        let now = state.now()
        var task = try make(now, baseURL(request))
        if let fault { task.faults.append(fault.rawValue) }
        guard state.add(task) else {
            throw Rejection(status: .badRequest, message: "insufficient credits")
        }
        let accepted: JSONValue = ["code": 0, "msg": "success", "data": ["id": .string(task.id)]]
        if delivery.mode == "webhook", let url = delivery.url {
            startWebhook(task.id, url: url, shutProgress: delivery.shutProgress)
        }
        if let fault {
            return try faultResponse(fault, dialect: .grsai, real: accepted, context: context)
        }
        if delivery.mode == "stream" {
            return streamResponse(task.id, shutProgress: delivery.shutProgress)
        }
        return Self.json(accepted)
    }

    /// Moments at which a running task's frames are sent: four steps, then the result.
    private func frameStep() -> Double { max(0.02, configuration.latency / 4) }

    private func streamResponse(_ id: String, shutProgress: Bool) -> Response {
        let step = frameStep()
        let simulator = self
        let body = ResponseBody { writer in
            var lastProgress = -1
            while !simulator.state.isStopped, let task = simulator.state.task(id) {
                let now = simulator.state.now()
                let done = task.status(at: now) != .running
                let progress = task.progress(at: now)
                if done || (!shutProgress && progress != lastProgress) {
                    try await writer.write(ByteBuffer(string: "data: \(simulator.grsaiFrame(task, now: now).text)\n\n"))
                    lastProgress = progress
                }
                if done { break }
                try await Task.sleep(for: .seconds(min(step, max(0.005, task.readyAt.timeIntervalSince(now)))))
            }
            try await writer.write(ByteBuffer(string: "data: [DONE]\n\n"))
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    private func startWebhook(_ id: String, url: String, shutProgress: Bool) {
        let step = frameStep()
        let simulator = self
        Task {
            var lastProgress = -1
            while !simulator.state.isStopped, let task = simulator.state.task(id) {
                let now = simulator.state.now()
                let done = task.status(at: now) != .running
                let progress = task.progress(at: now)
                if done || (!shutProgress && progress != lastProgress) {
                    let delivered = await simulator.webhooks.post(simulator.grsaiFrame(task, now: now), to: url)
                    simulator.state.update(id) { delivered ? ($0.webhookDeliveries += 1) : ($0.webhookFailures += 1) }
                    lastProgress = progress
                }
                if done { break }
                try? await Task.sleep(for: .seconds(min(step, max(0.005, task.readyAt.timeIntervalSince(now)))))
            }
        }
    }

    private func grsaiResult(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let body = try await Self.jsonObject(request)
        guard let id = body["id"]?.string, !id.isEmpty else { throw Rejection(status: .badRequest, message: "id is required") }
        let fault = state.drawFault(rate: configuration.failRate)
        let answer: JSONValue
        if let task = state.task(id), task.dialect == .grsai {
            answer = ["code": 0, "msg": "success", "data": grsaiFrame(task, now: state.now())]
        } else {
            answer = ["code": -22, "msg": "task does not exist", "data": nil]
        }
        if let fault { return try faultResponse(fault, dialect: .grsai, real: answer, context: context) }
        return Self.json(answer)
    }
}
