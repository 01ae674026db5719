import Foundation
import Hummingbird

/// AceData: `POST /{service}/videos` (synchronous, or `callback_url`) and `POST /{service}/tasks`
/// for the `sora` and `seedance` services; a task is found only on the service that made it.
extension Simulator {
    func addAceDataRoutes(to router: Router<SimulatorRequestContext>) {
        router.post("/sora/videos") { request, context in
            try await acedata { try await aceVideo(request, context) }
        }
        router.post("/sora/tasks") { request, context in
            try await acedata { try await aceTasks(request, context, service: "sora") }
        }
        router.post("/seedance/videos") { request, context in
            try await acedata { try await seedanceVideo(request, context) }
        }
        router.post("/seedance/tasks") { request, context in
            try await acedata { try await aceTasks(request, context, service: "seedance") }
        }
    }

    private func acedata(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let rejection as Rejection {
            return Self.reject(rejection, dialect: .acedata)
        }
    }

    /// The response body of a finished task (the synchronous answer and the callback body);
    /// while running, `data[0].state` is `running`.
    func aceResponse(_ task: SimulatorTask, now: Date) -> JSONValue {
        if task.aceService == "seedance" { return seedanceResponse(task, now: now) }
        let status = task.status(at: now)
        let itemID = JSONValue.string("\(task.model):task_\(task.pid?.dropFirst(2).prefix(26) ?? "")")
        let trace = JSONValue.string(task.pid.map { String($0.dropFirst(2).suffix(32)) } ?? task.id)
        switch status {
        case .running:
            return ["success": true, "task_id": .string(task.id), "trace_id": trace,
                    "data": [["id": itemID, "state": "running", "progress": .int(task.progress(at: now))]]]
        case .succeeded:
            return ["success": true, "task_id": .string(task.id), "trace_id": trace,
                    "data": [["id": itemID, "video_url": .string(fileURL(task, base: task.baseURL)), "state": "succeeded"]]]
        case .failed:
            let reason = task.failureReason ?? "error"
            return ["success": false, "task_id": .string(task.id), "trace_id": trace,
                    "error": ["code": .string(reason), "message": .string(task.error ?? reason)],
                    "data": [["id": itemID, "state": "failed", "failure_reason": .string(reason)]]]
        }
    }

    private func aceVideo(_ request: Request, _ context: SimulatorRequestContext) async throws -> Response {
        let body = try await Self.jsonObject(request)
        guard let model = body["model"]?.string, ["sora-2", "sora-2-pro"].contains(model) else {
            throw Rejection(status: .badRequest, message: "model must be sora-2 or sora-2-pro")
        }
        guard let prompt = body["prompt"]?.string, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Rejection(status: .badRequest, message: "prompt is required")
        }
        var seconds = 10.0
        if let value = body["duration"], value != .null {
            let allowed: [Double] = model == "sora-2-pro" ? [10, 15, 25] : [10, 15]
            guard let number = value.number, allowed.contains(number) else {
                throw Rejection(status: .badRequest, message: "duration must be 10 or 15 (25 only with sora-2-pro)")
            }
            seconds = number
        }
        if let size = body["size"], size != .null, !["small", "large"].contains(size.string ?? "") {
            throw Rejection(status: .badRequest, message: "size must be small or large")
        }
        if let orientation = body["orientation"], orientation != .null,
            !["landscape", "portrait", "square"].contains(orientation.string ?? "")
        {
            throw Rejection(status: .badRequest, message: "orientation must be landscape, portrait or square")
        }
        if let images = body["image_urls"], images != .null,
            images.array?.allSatisfy({ $0.string != nil }) != true
        {
            throw Rejection(status: .badRequest, message: "image_urls must be an array of strings")
        }
        var clip: [Double]?
        if let character = body["character_url"], character != .null {
            guard let url = character.string, !url.isEmpty else {
                throw Rejection(status: .badRequest, message: "character_url must be a URL")
            }
            guard let start = body["character_start"]?.number, let end = body["character_end"]?.number else {
                throw Rejection(status: .badRequest, message: "character_start and character_end are required with character_url")
            }
            switch Clip.check(start, end) {
            case .success(let range): clip = range
            case .failure(let problem): throw Rejection(status: .badRequest, message: problem.message)
            }
        }
        var callback: String?
        if let value = body["callback_url"], value != .null {
            guard let url = value.string, WebhookSender.isAcceptable(url) else {
                throw Rejection(status: .badRequest, message: "callback_url must be an http(s) URL")
            }
            callback = url
        }

        let fault = state.drawFault(rate: configuration.failRate)
        if fault == .tooManyRequests { return try faultResponse(.tooManyRequests, dialect: .acedata, real: nil, context: context) }
        let now = state.now()
        var task = newTask(
            id: state.hex(32), dialect: .acedata, kind: .video, delivery: callback == nil ? "sync" : "callback",
            request: body, base: baseURL(request), seconds: seconds, model: model, now: now)
        task.prompt = prompt
        task.clip = clip
        task.size = body["size"]?.string ?? "small"
        task.aspect = body["orientation"]?.string
        task.webhookURL = callback
        if let fault { task.faults.append(fault.rawValue) }
        // AceData has no character ids: any @mention is unknown.
        Self.failForMentions(&task, unknown: unknownMentions(prompt, dialect: .acedata, now: now))
        return try await aceSubmit(
            task, fault: fault, callback: callback, waits: callback == nil, accepted: ["task_id": .string(task.id)],
            context: context)
    }

    /// Charges and records `task`, starts its callback, then answers: a fault, `accepted` at
    /// once, or (when `waits`) the finished task's response body.
    func aceSubmit(
        _ task: SimulatorTask, fault: Fault?, callback: String?, waits: Bool, accepted: JSONValue,
        context: SimulatorRequestContext
    ) async throws -> Response {
        guard state.add(task) else {
            throw Rejection(status: .badRequest, message: "insufficient balance", code: "insufficient_balance")
        }
        if let callback { startCallback(task.id, url: callback) }
        if let fault { return try faultResponse(fault, dialect: .acedata, real: accepted, context: context) }
        if !waits { return Self.json(accepted) }
        // Synchronous: hold the request until the task is done.
        while let current = state.task(task.id), current.status(at: state.now()) == .running {
            try await Task.sleep(for: .seconds(max(0.005, min(0.25, current.readyAt.timeIntervalSince(state.now())))))
        }
        return Self.json(aceResponse(state.task(task.id) ?? task, now: state.now()))
    }

    private func startCallback(_ id: String, url: String) {
        let simulator = self
        Task {
            while !simulator.state.isStopped, let task = simulator.state.task(id) {
                let now = simulator.state.now()
                if task.status(at: now) != .running {
                    let delivered = await simulator.webhooks.post(simulator.aceResponse(task, now: now), to: url)
                    simulator.state.update(id) { delivered ? ($0.webhookDeliveries += 1) : ($0.webhookFailures += 1) }
                    return
                }
                try? await Task.sleep(for: .seconds(max(0.005, min(0.25, task.readyAt.timeIntervalSince(now)))))
            }
        }
    }

    private func aceItem(_ task: SimulatorTask, now: Date) -> JSONValue {
        [
            "id": .string(task.id), "request": task.request, "response": aceResponse(task, now: now),
            "created_at": .string(task.createdAt.formatted(.iso8601)), "trace_id": .string(task.id), "type": "videos",
        ]
    }

    private func aceTasks(_ request: Request, _ context: SimulatorRequestContext, service: String) async throws -> Response {
        let body = try await Self.jsonObject(request)
        let now = state.now()
        let answer: JSONValue
        switch body["action"]?.string {
        case "retrieve":
            guard let id = body["id"]?.string else { throw Rejection(status: .badRequest, message: "id is required") }
            let fault = state.drawFault(rate: configuration.failRate)
            guard let task = state.task(id), task.dialect == .acedata, task.aceService == service else {
                if let fault { return try faultResponse(fault, dialect: .acedata, real: nil, context: context) }
                throw Rejection(status: .notFound, message: "task \(id) does not exist", code: "not_found")
            }
            answer = aceItem(task, now: now)
            if let fault { return try faultResponse(fault, dialect: .acedata, real: answer, context: context) }
        case "retrieve_batch":
            guard let ids = body["ids"]?.array?.compactMap(\.string) else {
                throw Rejection(status: .badRequest, message: "ids must be an array of task ids")
            }
            let fault = state.drawFault(rate: configuration.failRate)
            let items = ids.compactMap { state.task($0) }.filter { $0.dialect == .acedata && $0.aceService == service }.map { aceItem($0, now: now) }
            answer = ["items": .array(items), "count": .int(items.count)]
            if let fault { return try faultResponse(fault, dialect: .acedata, real: answer, context: context) }
        default:
            throw Rejection(status: .badRequest, message: "action must be retrieve or retrieve_batch", code: "api_not_implemented")
        }
        return Self.json(answer)
    }
}
