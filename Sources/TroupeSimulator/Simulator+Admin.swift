import Foundation
import Hummingbird

/// Signed result files and the `/_sim/…` admin endpoints (no key needed).
extension Simulator {
    func addFileRoutes(to router: Router<SimulatorRequestContext>) {
        router.get("/files/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            guard name.hasSuffix(".mp4") else { return Self.plain(.notFound, "no such file") }
            let id = String(name.dropLast(4))
            guard let task = state.task(state.taskID(forFile: id) ?? ""), task.status(at: state.now()) == .succeeded else {
                return Self.plain(.notFound, "no such file")
            }
            guard let stamp = request.uri.queryParameters.get("se"),
                let sig = request.uri.queryParameters.get("sig"),
                signer.isValid(file: name, stamp: stamp, sig: sig), let expiry = FileSigner.date(fromStamp: stamp)
            else {
                return Self.plain(.forbidden, "signature does not match")
            }
            guard state.now() < expiry else { return Self.plain(.forbidden, "this URL expired at \(stamp)") }
            let data = resultFile(task)
            return Response(
                status: .ok, headers: [.contentType: "video/mp4"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    func addAdminRoutes(to router: Router<SimulatorRequestContext>) {
        router.get("/_sim/health") { _, _ in Self.json(["ok": true]) }
        router.get("/_sim/ledger") { _, _ in
            let ledger = state.ledger()
            let entries = ledger.tasks.map { task -> JSONValue in
                [
                    "task_id": .string(task.id), "provider": .string(task.dialect.rawValue), "kind": .string(task.kind.rawValue),
                    "amount": Self.credits(task.cost), "refunded": .bool(task.refunded),
                    "failure_reason": task.failureReason.json,
                ]
            }
            return Self.json([
                "credit": Self.credits(state.creditMilli), "charges": Self.credits(ledger.charged),
                "refunds": Self.credits(ledger.refunded), "balance": Self.credits(ledger.balance),
                "entries": .array(entries),
            ])
        }
        router.get("/_sim/tasks") { _, _ in
            let now = state.now()
            let tasks = state.ledger().tasks.map { task -> JSONValue in
                [
                    "id": .string(task.id), "provider": .string(task.dialect.rawValue), "kind": .string(task.kind.rawValue),
                    "delivery": .string(task.delivery), "status": .string(task.status(at: now).rawValue),
                    "progress": .int(task.progress(at: now)), "pid": task.pid.json, "character_id": task.characterID.json,
                    "parent_pid": task.parentPid.json, "clip": task.clip.map { .array($0.map(JSONValue.double)) } ?? nil,
                    "prompt": task.prompt.json, "cost": Self.credits(task.cost), "refunded": .bool(task.refunded),
                    "failure_reason": task.failureReason.json, "faults": .array(task.faults.map(JSONValue.string)),
                    "webhook_deliveries": .int(task.webhookDeliveries), "webhook_failures": .int(task.webhookFailures),
                    "created_at": .string(task.createdAt.formatted(.iso8601)),
                    "model": .string(task.model), "family": .string(task.family ?? "sora"),
                    "aspect": task.aspect.json, "size": task.size.json, "seconds": .double(task.seconds),
                    "reference_images": .array((task.referenceImages ?? []).map(JSONValue.string)),
                    "first_frame": task.firstFrame.json, "last_frame": task.lastFrame.json,
                    "content_parts": task.contentParts.map { .array($0.map(JSONValue.string)) } ?? nil,
                ]
            }
            return Self.json(["count": .int(tasks.count), "tasks": .array(tasks)])
        }
        router.post("/_sim/clock") { request, _ in
            guard let seconds = try? await Self.jsonObject(request)["advance"]?.number, seconds >= 0 else {
                return Self.json(["error": "send {\"advance\": seconds} (≥ 0)"], status: .badRequest)
            }
            return Self.json(["offset": .double(state.advanceClock(by: seconds))])
        }
        router.post("/_sim/hooks/:name") { request, context in
            let data = try await Self.body(of: request)
            state.recordHook(context.parameters.get("name") ?? "", JSONValue.parse(data) ?? .string(String(decoding: data, as: UTF8.self)))
            return Self.json(["ok": true])
        }
        router.get("/_sim/hooks/:name") { _, context in
            let deliveries = state.hookDeliveries(context.parameters.get("name") ?? "")
            return Self.json(["count": .int(deliveries.count), "deliveries": .array(deliveries)])
        }
    }

    /// Thousandths of a credit as a JSON number (0.08, not 0.08000000001).
    static func credits(_ milli: Int) -> JSONValue {
        .double((Double(milli) / 1000 * 1000).rounded() / 1000)
    }
}
