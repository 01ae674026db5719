import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

@Suite struct AceDataTests {
    let acedata = AceDataDialect()

    @Test func requestsMatchTheSeedExamples() throws {
        let text = GenerateRequest(prompt: "cat running on the river", model: .acedataSora2, aspect: .landscape, duration: 15, size: .large)
        let wire = try acedata.generate(text, parentKnown: false)
        #expect(wire.path == "/sora/videos")
        #expect(wire.header("Authorization") == nil)
        #expect(try bodyJSON(wire) == Fixture.json("acedata/request-text.json"))

        var image = text
        image.referenceImages = [.url("https://cdn.acedata.cloud/11wfp4.png")]
        #expect(try bodyJSON(acedata.generate(image, parentKnown: false)) == Fixture.json("acedata/request-image.json"))

        let character = GenerateRequest(prompt: "cat running on the river", model: .acedataSora2, aspect: .landscape, duration: 10, size: .small,
                                        characterClip: ClipCharacter(url: "https://cdn.acedata.cloud/pdidf5.mp4", clip: try ClipRange(start: 1, end: 3)))
        #expect(try bodyJSON(acedata.generate(character, parentKnown: false)) == Fixture.json("acedata/request-character.json"))
    }

    @Test func squareAnd25SecondsWithProAndCallback() throws {
        let request = GenerateRequest(prompt: "x", model: .acedataSora2Pro, aspect: .square, duration: 25,
                                      delivery: .webhook("https://hooks.example.com/t/abc"))
        let body = try #require(try bodyJSON(acedata.generate(request, parentKnown: false)))
        #expect(body["orientation"] == .string("square"))
        #expect(body["duration"] == .number(25))
        #expect(body["callback_url"] == .string("https://hooks.example.com/t/abc"))
    }

    @Test func validationListsEveryProblem() throws {
        let request = GenerateRequest(prompt: "x", model: .acedataSora2, duration: 25, remixOf: "s_ab",
                                      characterIDs: [try CharacterID("hero")],
                                      characterClip: ClipCharacter(url: "https://e.com/c.mp4", clip: try ClipRange(start: 0, end: 5)),
                                      delivery: .stream)
        #expect(acedata.problems(request, parentKnown: true) == [
            "duration 25 s is not available for sora-2 on acedata: use 10, 15",
            "sora-2 on acedata cannot remix: use a model that can (`troupe model list` shows them)",
            "acedata has no character ids: send the character's clip instead",
            "clip 0,5 is 5 s long: acedata accepts at most 3 s",
            "acedata delivers by poll or webhook, not by stream",
        ])
        #expect(throws: InvalidRequest.self) {
            try acedata.uploadCharacter(UploadCharacterRequest(source: .url("https://e.com/c.mp4"), clip: ClipRange(start: 0, end: 3)))
        }
    }

    @Test func synchronousResultGivesURLWithSignedExpiry() throws {
        let outcome = try acedata.decodeSubmit(ok("acedata/response-text.json"), receivedAt: receivedAt)
        #expect(outcome.remoteTaskID == "6bf7fb83-5814-4e3e-a4ad-bfa0c26c0b33")
        let snapshot = try #require(outcome.snapshot)
        #expect(snapshot.status == .succeeded)
        #expect(snapshot.remoteVideoID == "sora-2:task_01k7770rgsevxsmtpbn7xnm5gh")
        #expect(snapshot.pid == nil)
        #expect(snapshot.resultURL?.hasPrefix("https://filesystem.site/gptimage/") == true)
        #expect(snapshot.urlExpiry == (try Date("2025-10-16T13:30:38Z", strategy: .iso8601)))
    }

    @Test func unsignedResultURLExpiresInAnHour() throws {
        let outcome = try acedata.decodeSubmit(ok("acedata/response-character.json"), receivedAt: receivedAt)
        #expect(outcome.snapshot?.urlExpiry == receivedAt.addingTimeInterval(3600))
        let image = try acedata.decodeSubmit(ok("acedata/response-image.json"), receivedAt: receivedAt)
        #expect(image.snapshot?.urlExpiry == (try Date("2025-10-16T13:37:32Z", strategy: .iso8601)))
    }

    @Test func callbackFlow() throws {
        let accepted = try acedata.decodeSubmit(ok("acedata/callback-accepted.json"), receivedAt: receivedAt)
        #expect(accepted == SubmitOutcome(remoteTaskID: "b8976e18-32dc-4718-9ed8-1ea090fcb6ea"))
        let notice = try acedata.decodeWebhook(Fixture.data("acedata/callback-body.json"), receivedAt: receivedAt)
        #expect(notice.remoteTaskID == "b8976e18-32dc-4718-9ed8-1ea090fcb6ea")
        #expect(notice.snapshot?.status == .succeeded)
        #expect(notice.snapshot?.remoteVideoID == "sora-2:task_01k777hjrbfrgs2060q5zvf2a5")
    }

    @Test func retrieveAndRetrieveBatch() throws {
        let poll = acedata.poll(taskID: "6bf7", service: nil)
        #expect(poll.path == "/sora/tasks")
        #expect(try bodyJSON(poll) == .object(["id": .string("6bf7"), "action": .string("retrieve")]))
        let batch = acedata.pollBatch(taskIDs: ["a", "b"])
        #expect(try bodyJSON(batch) == .object(["ids": .array([.string("a"), .string("b")]), "action": .string("retrieve_batch")]))

        let done = try acedata.decodePoll(ok("acedata/retrieve.json"), taskID: "6bf7fb83-5814-4e3e-a4ad-bfa0c26c0b33", receivedAt: receivedAt)
        #expect(done.status == .succeeded)
        #expect(done.urlExpiry == (try Date("2025-10-16T13:30:38Z", strategy: .iso8601)))
        let pending = try acedata.decodePoll(ok("acedata/retrieve-pending.json"), taskID: "b8976e18-32dc-4718-9ed8-1ea090fcb6ea", receivedAt: receivedAt)
        #expect(pending.status == .running)
        #expect(throws: ProviderError.unknownTask("zzz")) {
            try acedata.decodePoll(WireResponse(status: 200, body: Data("{}".utf8)), taskID: "zzz", receivedAt: receivedAt)
        }

        let items = try acedata.decodePollBatch(ok("acedata/retrieve-batch.json"), receivedAt: receivedAt)
        #expect(items.map(\.remoteTaskID) == ["6bf7fb83-5814-4e3e-a4ad-bfa0c26c0b33", "dd392ff0-dcb7-4c7a-afd0-9bd4f65c803a"])
        #expect(items.map(\.status) == [.succeeded, .failed])
        #expect(items[1].failureReason == "api_error")
        #expect(items[1].errorText == "fetch failed")
    }

    @Test func errorShapesAreTyped() throws {
        #expect(throws: ProviderError.server(status: 500, message: "fetch failed (api_error)")) {
            try acedata.decodeSubmit(ok("acedata/error-api.json", status: 500), receivedAt: receivedAt)
        }
        let unreadable = #expect(throws: ProviderError.self) {
            try acedata.decodeSubmit(ok("acedata/error-api.json", status: 200), receivedAt: receivedAt)
        }
        #expect(unreadable?.outcomeUnknown == true)
        #expect(throws: ProviderError.unauthorized("invalid or missing authorization token (invalid_token)")) {
            try acedata.decodeSubmit(ok("acedata/error-invalid-token.json", status: 401), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.unauthorized("invalid or missing authorization token (invalid_token)")) {
            try acedata.decodeSubmit(ok("acedata/error-invalid-token.json", status: 200), receivedAt: receivedAt)
        }
        let limited = #expect(throws: ProviderError.self) {
            try acedata.decodeSubmit(WireResponse(status: 429, body: Data(#"{"success":false,"error":{"code":"too_many_requests","message":"slow down"}}"#.utf8)), receivedAt: receivedAt)
        }
        #expect(limited == .rateLimited(retryAfter: nil))
        #expect(limited?.outcomeUnknown == false)
    }
}
