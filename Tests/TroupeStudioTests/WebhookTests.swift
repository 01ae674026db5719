import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupeHTTP
import TroupeProviders
import TroupeSimulator
@testable import TroupeStudio

@Suite struct WebhookTests {
    /// POSTs `body` to `url` and returns the status and the answer.
    func post(_ url: String, _ body: Data, headers: [HTTPHeader] = []) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient().send(HTTPRequest(method: "POST", url: url, headers: [HTTPHeader("Content-Type", "application/json")] + headers,
                                                               body: .bytes(body)))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    /// Waits until `condition` holds (or `seconds` pass) and says whether it did.
    func eventually(_ seconds: Double = 15, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    func webhookOptions(_ prompt: String, url: String? = nil) -> GenerateOptions {
        var options = GenerateOptions(prompt: .text(prompt))
        options.delivery = .webhook
        options.webhookURL = url
        return options
    }

    @Test func aWebhookDeliveredGenerateFinishesThroughTheReceiver() async throws {
        try await StudioHarness.with { harness in
            let studio = harness.studio
            try await WebhookReceiver.serving(studio: studio) { receiver in
                #expect(try studio.catalog.webhookBaseURL() == "http://127.0.0.1:\(receiver.port)")
                let token = try WebhookToken.load(home: studio.home).value
                #expect(receiver.callbackURL == "http://127.0.0.1:\(receiver.port)/hooks/\(token)")

                // No URL given: the one the running receiver recorded is sent; the command returns at once.
                let submitted = try #require(try await studio.generate(webhookOptions("a cat on a skateboard")).entry)
                let taskId = try #require(submitted.task.id)
                #expect(submitted.task.state == .submitted && submitted.video?.assetSha256 == nil)
                #expect(submitted.task.request.contains("/hooks/<webhook-token>") && !submitted.task.request.contains(token))

                #expect(try await eventually { try studio.catalog.journalEntry(taskId: taskId).video?.assetSha256 != nil })
                let done = try studio.catalog.journalEntry(taskId: taskId)
                #expect(done.task.state == .succeeded && done.video?.status == .succeeded && done.video?.pid != nil)
                let report = try studio.catalog.report(for: try #require(done.video), vaultPath: studio.home.vaultPath)
                #expect(FileManager.default.fileExists(atPath: try #require(report.asset).path))

                let simulated = try #require(try await harness.simulatorTasks().first)
                #expect(simulated["delivery"] as? String == "webhook")
                #expect((simulated["webhook_deliveries"] as? Int ?? 0) >= 1)
            }
            #expect(try studio.catalog.webhookBaseURL() == nil)
        }
    }

    @Test func anAceDataCallbackFinishesTheTaskItNames() async throws {
        try await StudioHarness.with { harness in
            let studio = harness.studio
            try studio.catalog.addProvider(name: "acesim", kind: .acedata, baseURL: harness.server.baseURL, keyEnv: nil)
            try await WebhookReceiver.serving(studio: studio) { receiver in
                var options = webhookOptions("a fox in the snow")
                options.providerName = "acesim"
                let submitted = try #require(try await studio.generate(options).entry)
                let taskId = try #require(submitted.task.id)
                #expect(submitted.task.request.contains("\"callback_url\"") && submitted.task.request.contains("<webhook-token>"))
                #expect(try await eventually { try studio.catalog.journalEntry(taskId: taskId).video?.assetSha256 != nil })
                #expect(try studio.catalog.journalEntry(taskId: taskId).task.state == .succeeded)
                #expect(try await harness.simulatorTasks().first?["delivery"] as? String == "callback")
            }
        }
    }

    @Test func aCallbackOvertakingTheSubmissionAnswerStillFindsItsTask() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 60, seed: 1)) { harness in
            let studio = harness.studio
            try await WebhookReceiver.serving(studio: studio, record: false) { receiver in
                var entry = try #require(try await harness.generate("a cat", wait: false).entry)
                let remoteId = try #require(entry.task.remoteId)
                // As if the provider called back before the answer carrying the task id was recorded.
                let recorded = entry
                entry.task.remoteId = nil
                try await studio.catalog.saveGrouped(entry)
                let catalog = studio.catalog
                let late = Task {
                    try await Task.sleep(for: .milliseconds(400))
                    try await catalog.saveGrouped(recorded)
                }
                let answer = try await post(receiver.callbackURL, Data(#"{"id":"\#(remoteId)","status":"running","progress":5,"results":[]}"#.utf8))
                try await late.value
                #expect(answer.status == 200 && answer.body.contains("\"state\":\"running\""))
                #expect(try studio.catalog.journalEntry(taskId: entry.task.id!).task.state == .running)
            }
        }
    }

    /// The headers an OpenAI-style provider signs an event with ("standard webhooks").
    func signed(_ body: Data, secret: String, at time: Date = Date()) throws -> [HTTPHeader] {
        let timestamp = Int64(time.timeIntervalSince1970)
        let signature = try OpenAIWebhook.sign(body: body, id: "wh_1", timestamp: timestamp, secret: secret)
        return [HTTPHeader("webhook-id", "wh_1"), HTTPHeader("webhook-timestamp", "\(timestamp)"), HTTPHeader("webhook-signature", signature)]
    }

    static let secret = "whsec_" + Data("troupe-test-signing-secret-0123456789".utf8).base64EncodedString()

    @Test func aSignedOpenAIEventFinishesTheVideoItNamesOnlyWhenItsSignatureVerifies() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 6)) { harness in
            let studio = harness.studio
            try studio.catalog.addProvider(name: "gate", kind: .openai, baseURL: harness.server.baseURL, keyEnv: nil)
            let other = "whsec_" + Data("another-account-secret".utf8).base64EncodedString()
            let secrets = [WebhookReceiver.secretVariable: "\(other) \(Self.secret)"]
            try await WebhookReceiver.serving(studio: studio, record: false, environment: secrets) { receiver in
                var options = GenerateOptions(prompt: .text("a heron at dawn"))
                options.providerName = "gate"
                options.wait = false
                let submitted = try #require(try await studio.generate(options).entry)
                let taskId = try #require(submitted.task.id)
                let remoteId = try #require(submitted.task.remoteId)
                try await Task.sleep(for: .milliseconds(600))  // the simulator finishes it meanwhile
                let event = Data(#"{"id":"evt_1","object":"event","type":"video.completed","data":{"id":"\#(remoteId)"}}"#.utf8)

                let forged = "whsec_" + Data("not the secret".utf8).base64EncodedString()
                let refused = try await post(receiver.callbackURL, event, headers: try signed(event, secret: forged))
                #expect(refused.status == 401 && refused.body.contains("no signature matches"))
                #expect(!refused.body.contains(String(Self.secret.dropFirst(6))), "the secret is never told")
                let stale = try await post(receiver.callbackURL, event, headers: try signed(event, secret: Self.secret, at: Date(timeIntervalSinceNow: -600)))
                #expect(stale.status == 401 && stale.body.contains("timestamp"))
                var altered = try signed(event, secret: Self.secret)
                let tampered = Data(#"{"id":"evt_1","object":"event","type":"video.completed","data":{"id":"video_other"}}"#.utf8)
                #expect(try await post(receiver.callbackURL, tampered, headers: altered).status == 401, "the signature covers the body")
                altered.removeAll { $0.name == "webhook-timestamp" }
                #expect(try await post(receiver.callbackURL, event, headers: altered).status == 401)
                let untouched = try studio.catalog.journalEntry(taskId: taskId)
                #expect(untouched.task.state == submitted.task.state && untouched.video?.assetSha256 == nil, "nothing refused changed the task")

                // Signed with the second of the two secrets: believed, re-checked by poll, downloaded.
                let accepted = try await post(receiver.callbackURL, event, headers: try signed(event, secret: Self.secret))
                #expect(accepted.status == 200 && accepted.body.contains("\"state\":\"succeeded\""))
                let done = try studio.catalog.journalEntry(taskId: taskId)
                #expect(done.task.state == .succeeded && done.video?.assetSha256 != nil)
                #expect(try await harness.simulatorTasks().count == 1)
            }
        }
    }

    @Test func aSignedEventIsRefusedWhenNoSecretIsSet() async throws {
        try await StudioHarness.with { (harness) async throws in
            try await WebhookReceiver.serving(studio: harness.studio, record: false, environment: [:]) { receiver in
                let event = Data(#"{"type":"video.completed","data":{"id":"video_1"}}"#.utf8)
                let answer = try await post(receiver.callbackURL, event, headers: try signed(event, secret: Self.secret))
                #expect(answer.status == 401 && answer.body.contains(WebhookReceiver.secretVariable))
            }
        }
    }

    @Test func webhookDeliveryWithoutAReceiverIsRefusedBeforeAnythingIsSent() async throws {
        try await StudioHarness.with { (harness) async throws in
            await #expect(throws: StudioError("--delivery webhook needs a receiver: run `troupe webhook serve` (it records its URL) or give the callback URL")) {
                try await harness.studio.generate(webhookOptions("a cat"))
            }
            #expect(try harness.studio.catalog.tasks().isEmpty)
            #expect(try await harness.simulatorTasks().isEmpty)
        }
    }

    @Test func theTokenIsSecretPerHomeAndAWrongOneIsNotFound() async throws {
        try await StudioHarness.with { harness in
            let home = harness.studio.home
            try await WebhookReceiver.serving(studio: harness.studio, record: false) { receiver in
                let token = try WebhookToken.load(home: home)
                #expect(token.value.count == 64 && token.value.allSatisfy(\.isHexDigit))
                #expect(try WebhookToken.load(home: home) == token)
                let mode = try FileManager.default.attributesOfItem(atPath: WebhookToken.path(in: home))[.posixPermissions] as? Int
                #expect(mode == 0o600)
                #expect(try harness.studio.catalog.webhookBaseURL() == nil)

                let frame = Data(#"{"id":"task-1","status":"running","progress":10,"results":[]}"#.utf8)
                var wrong = Array(token.value)
                wrong[63] = wrong[63] == "0" ? "1" : "0"
                #expect(try await post(receiver.baseURL + "/hooks/" + String(wrong), frame).status == 404)
                #expect(try await post(receiver.baseURL + "/hooks/" + String(token.value.prefix(32)), frame).status == 404)
                #expect(try await post(receiver.baseURL + "/hooks/", frame).status == 404)
                // The right token with a task this home never journaled: acknowledged, nothing done.
                let unknown = try await post(receiver.callbackURL, frame)
                #expect(unknown.status == 200 && unknown.body.contains("not in this journal"))
                #expect(try await post(receiver.callbackURL, Data("not json".utf8)).status == 400)
            }
        }
    }

    @Test func anOversizedBodyIsRejected() async throws {
        try await StudioHarness.with { (harness) async throws in
            try await WebhookReceiver.serving(studio: harness.studio, record: false) { (receiver) async throws in
                let big = Data(repeating: UInt8(ascii: " "), count: WebhookReceiver.maximumBody + 1)
                #expect(try await post(receiver.callbackURL, big).status == 413)
                // Just under the bound is read (and, being no callback, refused as unreadable).
                let fits = Data(repeating: UInt8(ascii: " "), count: WebhookReceiver.maximumBody)
                #expect(try await post(receiver.callbackURL, fits).status == 400)
            }
        }
    }

    @Test func aForgedSuccessForARunningTaskIsNotBelieved() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 60, seed: 1)) { harness in
            let studio = harness.studio
            try await WebhookReceiver.serving(studio: studio, record: false) { receiver in
                let entry = try #require(try await studio.generate(webhookOptions("a cat", url: receiver.callbackURL)).entry)
                let taskId = try #require(entry.task.id)
                let remoteId = try #require(entry.task.remoteId)

                let forged = """
                    {"id":"\(remoteId)","status":"succeeded","progress":100,"failure_reason":"","error":"",
                     "results":[{"url":"http://127.0.0.1:9/forged.mp4","pid":"s_f0f0f0f0","removeWatermark":true}]}
                    """
                let answer = try await post(receiver.callbackURL, Data(forged.utf8))
                // 200 after its own re-check, or 202 when one the simulator's callback started is running.
                #expect([200, 202].contains(answer.status) && !answer.body.contains("succeeded"))
                #expect(try await eventually { try studio.catalog.journalEntry(taskId: taskId).task.state == .running })
                let after = try studio.catalog.journalEntry(taskId: taskId)
                #expect(after.task.state == .running)
                #expect(after.video?.status == .running && after.video?.pid == nil && after.video?.remoteURL == nil)
                #expect(after.video?.assetSha256 == nil)
                #expect(try studio.catalog.knows(pid: try Pid("s_f0f0f0f0")) == false)
            }
        }
    }
}
