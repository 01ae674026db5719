import Foundation
import Hummingbird
import NIOCore
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeStudio

/// What the POST routes read from their JSON body (each uses some of it).
struct ActionBody: Decodable {
    var prompt: String?
    var provider: String?
    var model: String?
    var vars: [String: String]?
    var confirm: Bool?
    var pid: String?
    var clip: String?
    var name: String?
    var taskId: Int64?
    var remoteId: String?
    var notTaken: Bool?

    enum CodingKeys: String, CodingKey {
        case prompt, provider, model, vars, confirm, pid, clip, name
        case taskId = "task_id", remoteId = "remote_id", notTaken = "not_taken"
    }

    /// The variables as `name=value`, as `--var` takes them.
    var variables: [String] { (vars ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }

    func required(_ value: String?, _ name: String) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw RequestProblem("the body needs \"\(name)\"") }
        return value
    }
}

/// `/api/compile` when the prompt compiles.
struct CompileAnswer: Encodable {
    var ok = true
    var compiled: CompiledPrompt
    var request: String
    var price: String
    var currency: String
}

/// A paid POST without `"confirm": true`: what it would send and cost; nothing was sent.
struct ConfirmNeeded: Encodable {
    var confirmNeeded = true
    var price: String
    var currency: String
    var request: String

    enum CodingKeys: String, CodingKey { case confirmNeeded = "confirm_needed", price, currency, request }
}

/// A POST that charges nothing (a resume) without `"confirm": true`: what it will do, no price.
struct FreeConfirmNeeded: Encodable {
    var confirmNeeded = true
    /// Always false: the action sends no paid call again.
    var charges = false
    var request: String
    /// Every open task the action follows (a resume takes them all, not one).
    var openTasks: [Int64]

    enum CodingKeys: String, CodingKey { case confirmNeeded = "confirm_needed", charges, request, openTasks = "open_tasks" }
}

/// A paid POST with `"confirm": true`: its journal row, which `/api/events` follows.
struct SentAnswer: Encodable {
    var taskId: Int64
    var state: String
    /// Where the call stands, as the CLI's exit status says: succeeded, failed, open or unknown.
    var ending: String

    enum CodingKeys: String, CodingKey { case taskId = "task_id", state, ending }
}

extension WebAPI {
    func addActions(to router: Router<BasicRequestContext>) {
        router.post("/api/compile") { request, _ in try await compile(try await Self.body(request)) }
        router.post("/api/generate") { request, _ in try await generate(try await Self.body(request), remixOf: nil) }
        router.post("/api/videos/:pid/remix") { request, context in
            let parent = try catalog.resolvePid(try context.parameter("pid"))
            return try await generate(try await Self.body(request), remixOf: parent.rawValue)
        }
        router.post("/api/characters/extract") { request, _ in try await extract(try await Self.body(request)) }
        router.post("/api/tasks/:id/resume") { request, context in
            try await resume(taskId: try Self.taskId(context.parameter("id")), try await Self.body(request))
        }
        router.post("/api/reconcile") { request, _ in try await reconcile(try await Self.body(request)) }
    }

    /// The JSON body, at most `WebSecurity.maximumBody` bytes (an empty body is `{}`).
    static func body(_ request: Request) async throws -> ActionBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: WebSecurity.maximumBody)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the request body is over \(WebSecurity.maximumBody) bytes")
        }
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return try JSONDecoder().decode(ActionBody.self, from: Data("{}".utf8)) }
        do {
            return try JSONDecoder().decode(ActionBody.self, from: data)
        } catch {
            throw RequestProblem("the body is not the JSON object this route takes (see /api/openapi.json)")
        }
    }

    func options(_ body: ActionBody, remixOf: String?) throws -> GenerateOptions {
        var options = GenerateOptions(prompt: .text(try body.required(body.prompt, "prompt")))
        options.variables = body.variables
        options.providerName = body.provider.flatMap { $0.isEmpty ? nil : $0 }
        options.model = try body.model.flatMap { $0.isEmpty ? nil : try VideoModel(parsing: $0) }
        options.remixOf = remixOf
        return options
    }

    /// Compiles for the provider and model, spending nothing: the compiled prompt, the request
    /// and its price, or every problem with its place in the prompt (200 either way).
    func compile(_ body: ActionBody) async throws -> Response {
        let prepared: PreparedGeneration
        do {
            prepared = try studio.prepareGeneration(try options(body, remixOf: nil))
        } catch let error as PromptError {
            return try WebAnswer.json(PromptProblems(error))
        }
        return try WebAnswer.json(CompileAnswer(compiled: prepared.compiled, request: prepared.preview,
                                                price: PriceText.text(prepared.price.amount, prepared.price.currency), currency: prepared.price.currency))
    }

    /// Generates (or remixes) as `troupe video generate` does: without `confirm` only the price
    /// and the request; with it, journaled and sent, then followed in the server process.
    func generate(_ body: ActionBody, remixOf: String?) async throws -> Response {
        let options = try self.options(body, remixOf: remixOf)
        let prepared = try studio.prepareGeneration(options)
        guard body.confirm == true else {
            return try WebAnswer.json(ConfirmNeeded(price: PriceText.text(prepared.price.amount, prepared.price.currency), currency: prepared.price.currency, request: prepared.preview))
        }
        let studio = self.studio
        let environment = app.environment
        let taskId = try await app.jobs.journaling { events in
            _ = try await studio.run(prepared, wait: true, environment: environment, events: events)
        }
        return try sent(taskId)
    }

    /// Makes a character from a video's clip, as `troupe character extract` does.
    func extract(_ body: ActionBody) async throws -> Response {
        let pid = try catalog.resolvePid(try body.required(body.pid, "pid"))
        let clip = try ClipRange(parsing: try body.required(body.clip, "clip"))
        let handle = try Handle(try body.required(body.name, "name"))
        var options = CharacterOptions(source: .video(pid), clip: clip, handle: handle)
        options.providerName = body.provider.flatMap { $0.isEmpty ? nil : $0 }
        options.dryRun = true
        let environment = app.environment
        guard case .dryRun(let report) = try await studio.createCharacter(options, environment: environment) else {
            throw StudioError("the extraction could not be shown before sending")
        }
        guard body.confirm == true else {
            return try WebAnswer.json(ConfirmNeeded(price: PriceText.text(report.price, report.currency), currency: report.currency, request: report.request))
        }
        options.dryRun = false
        let studio = self.studio
        let sending = options
        let taskId = try await app.jobs.journaling { events in
            _ = try await studio.createCharacter(sending, environment: environment, events: events)
        }
        return try sent(taskId)
    }

    /// `troupe task resume`: polls the open tasks to their end and downloads their files; an
    /// unknown call is never sent again (reconcile it).
    func resume(taskId: Int64, _ body: ActionBody) async throws -> Response {
        let entry = try catalog.journalEntry(taskId: taskId)
        switch entry.ending {
        case .unknown:
            throw RequestProblem("task \(taskId) is unknown: the provider may have taken it, so it is not sent again; reconcile it with its remote id, or as not taken")
        case .succeeded, .failed:
            throw RequestProblem("task \(taskId) is \(entry.task.state.rawValue): nothing to resume")
        case .open:
            break
        }
        guard body.confirm == true else {
            let open = try catalog.tasks(open: true).compactMap(\.id).sorted()
            let list = open.map(String.init).joined(separator: ", ")
            return try WebAnswer.json(FreeConfirmNeeded(
                request: "resume every open task (\(open.count): \(list)), not only task \(taskId): poll each to its end and download its files; nothing is sent again and nothing is charged",
                openTasks: open))
        }
        let studio = self.studio
        let environment = app.environment
        app.jobs.start { _ = try? await studio.resume(environment: environment) }
        return try sent(taskId)
    }

    /// `troupe task reconcile ID --remote-id R`, `--not-taken` or (neither given) `--find`; with
    /// no `task_id` either, `troupe task resume --find` (every unknown call looked for, then the
    /// open tasks finished).
    func reconcile(_ body: ActionBody) async throws -> Response {
        let remoteId = body.remoteId.flatMap { $0.isEmpty ? nil : $0 }
        let notTaken = body.notTaken == true
        if remoteId != nil && notTaken {
            throw RequestProblem("give \"remote_id\" (the call is in the provider's console) or \"not_taken\": true, not both (neither looks in an OpenAI-style provider's list)")
        }
        let studio = self.studio
        let environment = app.environment
        guard let taskId = body.taskId else {
            if remoteId != nil || notTaken { throw RequestProblem("the body needs \"task_id\" with \"remote_id\" or \"not_taken\"") }
            guard body.confirm == true else {
                let open = try catalog.tasks(open: true).compactMap(\.id).sorted()
                return try WebAnswer.json(FreeConfirmNeeded(
                    request: "look for every unknown call in its provider's list (OpenAI-style providers), then resume every open task; nothing is sent again and nothing is charged",
                    openTasks: open))
            }
            app.jobs.start { _ = try? await studio.resume(find: true, environment: environment) }
            return WebAnswer.object([("summary", WebAnswer.jsonString("looking for the unknown calls; the tasks page follows them"))])
        }
        let entry = try catalog.journalEntry(taskId: taskId)
        let currency = try entry.task.currency ?? PriceText.currency(of: entry.task.providerName, catalog)
        guard body.confirm == true else {
            let price = PriceText.text(remoteId == nil ? 0 : entry.video?.cost ?? entry.task.cost, currency)
            let request = if let remoteId {
                "reconcile task \(taskId): the provider took it as \(remoteId) (its price is charged)"
            } else if notTaken {
                "reconcile task \(taskId): the provider never took it (nothing charged)"
            } else {
                "reconcile task \(taskId): look for it in \(entry.task.providerName)'s list of videos"
            }
            return try WebAnswer.json(ConfirmNeeded(price: price, currency: currency, request: request))
        }
        if remoteId != nil || notTaken {
            let settled = try remoteId.map { try studio.reconcile(taskId: taskId, remoteId: $0) } ?? studio.reconcileNotTaken(taskId: taskId)
            return try WebAnswer.json(TaskReport(settled.task, model: settled.video?.model))
        }
        switch try await studio.find(taskId: taskId, environment: environment) {
        case .attached:
            app.jobs.start { _ = try? await studio.resume(environment: environment) }
            return try sent(taskId)
        case .notFound(let looked):
            throw RequestProblem("task \(taskId) is not in \(entry.task.providerName)'s list (\(looked) video(s) looked at): find it in the provider's console and give its remote_id, or not_taken")
        case .ambiguous(let ids):
            throw RequestProblem("\(ids.count) videos in \(entry.task.providerName)'s list match task \(taskId) (\(ids.joined(separator: ", "))): give the right one as remote_id")
        }
    }

    func sent(_ taskId: Int64) throws -> Response {
        let entry = try catalog.journalEntry(taskId: taskId)
        return try WebAnswer.json(SentAnswer(taskId: taskId, state: entry.task.state.rawValue, ending: entry.ending.rawValue))
    }
}

/// Prices as API answers write them: text with the currency's minor-unit digits ("0.40").
enum PriceText {
    static func text(_ amount: Decimal, _ currency: String) -> String { Currency.text(amount, currency) }
    static func text(_ amount: Double, _ currency: String) -> String { Currency.text(Currency.rounded(amount, currency), currency) }

    /// The currency a provider charges in.
    static func currency(of providerName: String, _ catalog: Catalog) throws -> String {
        try catalog.provider(named: providerName).kind.currency
    }
}
