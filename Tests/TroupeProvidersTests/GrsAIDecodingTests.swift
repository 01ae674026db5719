import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

@Suite struct GrsAIDecodingTests {
    let grsai = GrsAIDialect()

    @Test func pollAcceptanceGivesTheTaskID() throws {
        let outcome = try grsai.decodeSubmit(ok("grsai/submit-accepted.json"), receivedAt: receivedAt)
        #expect(outcome == SubmitOutcome(remoteTaskID: "f44bcf50-f2d0-4c26-a467-26f2014a771b"))
    }

    @Test func succeededFrameGivesPidURLAndTwoHourExpiry() throws {
        let snapshot = try grsai.decodeStreamFrame(Fixture.data("grsai/frame-succeeded.json"), receivedAt: receivedAt)
        #expect(snapshot.remoteTaskID == "f44bcf50-f2d0-4c26-a467-26f2014a771b")
        #expect(snapshot.status == .succeeded)
        #expect(snapshot.progress == 100)
        #expect(snapshot.pid == (try Pid("s_68f1a2b3c4d5e6f7")))
        #expect(snapshot.resultURL == "https://example.com/example.mp4")
        #expect(snapshot.urlExpiry == receivedAt.addingTimeInterval(7200))
        #expect(snapshot.failureReason == nil)
        #expect(snapshot.errorText == nil)
    }

    @Test func documentFrameWithEmptyErrorFieldsIsASuccess() throws {
        let snapshot = try grsai.decodeStreamFrame(Fixture.data("grsai/frame-doc.json"), receivedAt: receivedAt)
        #expect(snapshot.status == .succeeded)
        #expect(snapshot.pid?.rawValue == "s_68f1c0ffee")
        #expect(snapshot.failureReason == nil && snapshot.errorText == nil)
    }

    @Test func runningFrameReadsProgressWrittenAsText() throws {
        let snapshot = try grsai.decodeStreamFrame(Fixture.data("grsai/frame-running.json"), receivedAt: receivedAt)
        #expect(snapshot.status == .running)
        #expect(snapshot.progress == 42)
        #expect(snapshot.resultURL == nil && snapshot.urlExpiry == nil)
    }

    @Test func failedFrameKeepsReasonAndTextVerbatim() throws {
        let snapshot = try grsai.decodeStreamFrame(Fixture.data("grsai/frame-failed.json"), receivedAt: receivedAt)
        #expect(snapshot.status == .failed)
        #expect(snapshot.failureReason == "output_moderation")
        #expect(snapshot.errorText == "The generated video was flagged by moderation.")
    }

    @Test func characterFramesGiveCharacterIDs() throws {
        let frame = try grsai.decodeStreamFrame(Fixture.data("grsai/frame-character.json"), receivedAt: receivedAt)
        #expect(frame.characterID?.rawValue == "cartoon_cat_001")
        #expect(frame.pid == nil)
        let notice = try grsai.decodeWebhook(Fixture.data("grsai/webhook-character.json"), receivedAt: receivedAt)
        #expect(notice.remoteTaskID == "5e1f2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b")
        #expect(notice.snapshot?.characterID?.rawValue == "character.name")
        #expect(notice.snapshot?.status == .succeeded)
    }

    @Test func pollEnvelopeUnwrapsTheFrame() throws {
        let snapshot = try grsai.decodePoll(ok("grsai/poll-succeeded.json"), taskID: "f44bcf50-f2d0-4c26-a467-26f2014a771b", receivedAt: receivedAt)
        #expect(snapshot.status == .succeeded)
        #expect(snapshot.resultURL == "https://cdn.example.com/x.mp4")
    }

    @Test func errorEnvelopesAreTyped() throws {
        #expect(throws: ProviderError.rejected("insufficient credits")) {
            try grsai.decodeSubmit(ok("grsai/error-credits.json"), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.unknownTask("t-1")) {
            try grsai.decodePoll(ok("grsai/error-unknown-task.json"), taskID: "t-1", receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.rejected("insufficient credits")) {
            try grsai.decodeStreamFrame(Fixture.data("grsai/error-credits.json"), receivedAt: receivedAt)
        }
    }

    @Test func httpFailuresAreTyped() throws {
        let body = Data(#"{"code":-1,"msg":"bad key"}"#.utf8)
        #expect(throws: ProviderError.unauthorized("bad key")) {
            try grsai.decodeSubmit(WireResponse(status: 401, body: body), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.rateLimited(retryAfter: 7)) {
            try grsai.decodeSubmit(WireResponse(status: 429, headers: [.init("retry-after", "7")], body: Data()), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.server(status: 502, message: "Bad Gateway")) {
            try grsai.decodeSubmit(WireResponse(status: 502, body: Data("Bad Gateway".utf8)), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.malformed("the body is not valid JSON (5 bytes)")) {
            try grsai.decodeSubmit(WireResponse(status: 200, body: Data("<html".utf8)), receivedAt: receivedAt)
        }
    }

    @Test func streamFrameToleratesALeftoverDataPrefix() throws {
        let snapshot = try grsai.decodeStreamFrame(Data(#"  data: {"id":"x1","progress":12.6,"status":"queued"}"#.utf8), receivedAt: receivedAt)
        #expect(snapshot.remoteTaskID == "x1")
        #expect(snapshot.status == .running)
        #expect(snapshot.progress == 13)
    }

    @Test func sseStreamBodyGivesEveryFrame() throws {
        let frames = try grsai.decodeStreamBody(Fixture.data("grsai/stream-sse.txt"), receivedAt: receivedAt)
        #expect(frames.map(\.progress) == [0, 57, 100])
        #expect(frames.map(\.status) == [.running, .running, .succeeded])
        #expect(frames.last?.pid?.rawValue == "s_68f1c0ffee")
    }

    @Test func severalFramesOnOneLineAndNoiseAreHandled() throws {
        let frames = try grsai.decodeStreamBody(Fixture.data("grsai/stream-one-line.txt"), receivedAt: receivedAt)
        #expect(frames.map(\.progress) == [10, 60, 100])
        #expect(frames.last?.characterID?.rawValue == "cat_character")
    }

    @Test func bareJSONFramesWithBracesInStringsAreHandled() throws {
        let frames = try grsai.decodeStreamBody(Fixture.data("grsai/stream-bare.txt"), receivedAt: receivedAt)
        #expect(frames.count == 2)
        #expect(frames[1].status == .failed)
        #expect(frames[1].failureReason == "input_moderation")
        #expect(frames[1].errorText == "prompt rejected: {weird} text")
    }

    @Test func errorEnvelopeInAStreamIsThrown() throws {
        #expect(throws: ProviderError.rejected("insufficient credits")) {
            try grsai.decodeStreamBody(Fixture.data("grsai/stream-error.txt"), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.malformed("the stream holds no task frame")) {
            try grsai.decodeStreamBody(Data("data: [DONE]\n\n".utf8), receivedAt: receivedAt)
        }
    }

    @Test func streamBodyReceivedAsASubmitAnswerGivesTheLastFrame() throws {
        let outcome = try grsai.decodeSubmit(ok("grsai/stream-sse.txt"), receivedAt: receivedAt)
        #expect(outcome.remoteTaskID == "f44bcf50-f2d0-4c26-a467-26f2014a771b")
        #expect(outcome.snapshot?.status == .succeeded)
    }

    @Test func signedURLExpiringSoonerThanTwoHoursWins() throws {
        let frame = Data(#"{"id":"s1","status":"succeeded","results":[{"url":"https://cdn.example.com/a.mp4?se=2025-10-09T09%3A00%3A00Z","pid":"s_ab"}]}"#.utf8)
        let snapshot = try grsai.decodeStreamFrame(frame, receivedAt: receivedAt)
        #expect(snapshot.urlExpiry == (try Date("2025-10-09T09:00:00Z", strategy: .iso8601)))
    }
}

@Suite struct GrsAITolerantDecodingTests {
    let grsai = GrsAIDialect()

    @Test func numbersAsStringsAndStringsAsNumbers() throws {
        #expect(throws: ProviderError.unknownTask("t-9")) {
            try grsai.decodePoll(WireResponse(status: 200, body: Data(#"{"code":"-22","msg":"no such task"}"#.utf8)), taskID: "t-9", receivedAt: receivedAt)
        }
        let outcome = try grsai.decodeSubmit(WireResponse(status: 200, body: Data(#"{"code":"0","data":{"id":12345}}"#.utf8)), receivedAt: receivedAt)
        #expect(outcome.remoteTaskID == "12345")
    }

    @Test func missingAndExtraFieldsAreTolerated() throws {
        let sparse = try grsai.decodePoll(WireResponse(status: 200, body: Data(#"{"code":0,"data":{"status":"running","extra":{"a":[1,2]}}}"#.utf8)),
                                          taskID: "t-1", receivedAt: receivedAt)
        #expect(sparse == TaskSnapshot(remoteTaskID: "t-1", status: .running))
        // No status word: a result with progress 100 is a success.
        let inferred = try grsai.decodeStreamFrame(Data(#"{"id":"t-2","progress":100,"results":{"url":"https://cdn.example.com/y.mp4"}}"#.utf8), receivedAt: receivedAt)
        #expect(inferred.status == .succeeded)
        #expect(inferred.resultURL == "https://cdn.example.com/y.mp4")
    }

    @Test func aBareFrameAsTheSubmitAnswerCarriesTheID() throws {
        // Seed 001 reads `taskData.id` at the top level of the answer.
        let outcome = try grsai.decodeSubmit(WireResponse(status: 200, body: Data(#"{"id":"t-3","status":"running","progress":0}"#.utf8)), receivedAt: receivedAt)
        #expect(outcome.remoteTaskID == "t-3")
        #expect(outcome.snapshot?.status == .running)
    }

    @Test func nonHTTPResultURLsAreDropped() throws {
        let frame = Data(#"{"id":"t-4","status":"succeeded","results":[{"url":"file:///etc/passwd","pid":"s_ab"}]}"#.utf8)
        let snapshot = try grsai.decodeStreamFrame(frame, receivedAt: receivedAt)
        #expect(snapshot.resultURL == nil)
        #expect(snapshot.urlExpiry == nil)
        #expect(snapshot.pid?.rawValue == "s_ab")
    }

    @Test func malformedInputIsATypedError() {
        for text in ["", "[]", "null", "42", #"{"code":0}"#, #"{"code":0,"data":null}"#, #"{"code":"zero"}"#, #"{"results":[]}"#, "{\"id\":"] {
            #expect(throws: ProviderError.self, "\(text)") {
                try grsai.decodePoll(WireResponse(status: 200, body: Data(text.utf8)), taskID: "", receivedAt: receivedAt)
            }
        }
    }
}

@Suite struct GrsAIStreamSplitTests {
    @Test func aFrameCutShortDoesNotSwallowTheNext() throws {
        let body = Data("data: {\"id\":\"x\",\"progress\":1\n\ndata: {\"id\":\"x\",\"progress\":50,\"status\":\"running\"}\n\ndata: {\"id\":\"x\",\"pro".utf8)
        let payloads = GrsAIStream.payloads(in: body)
        #expect(payloads == [Data(#"{"id":"x","progress":50,"status":"running"}"#.utf8)])
        let frames = try GrsAIDialect().decodeStreamBody(body, receivedAt: receivedAt)
        #expect(frames.map(\.progress) == [50])
    }

    @Test func dataInsideAStringIsNotASplit() {
        let body = Data(#"data: {"id":"x","error":"bad data: {oops}"}"#.utf8)
        #expect(GrsAIStream.payloads(in: body) == [Data(#"{"id":"x","error":"bad data: {oops}"}"#.utf8)])
    }
}

@Suite struct GrsAIStreamNoiseTests {
    @Test func unreadableEnvelopesInAStreamAreNoise() throws {
        let body = Data("data: {\"code\":\"zero\"}\n\ndata: {\"id\":\"k\",\"status\":\"running\",\"progress\":9}\n\n".utf8)
        #expect(try GrsAIDialect().decodeStreamBody(body, receivedAt: receivedAt).map(\.progress) == [9])
    }
}
