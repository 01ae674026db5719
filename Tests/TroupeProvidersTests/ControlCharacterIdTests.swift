import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

/// An id holding a NUL or another control character is an unreadable answer: stored, it would be
/// cut short at the NUL (`t-1\0shard-1` kept as `t-1`) and polled under another task's name.
@Suite struct ControlCharacterIdTests {
    func answer(_ json: String) -> WireResponse {
        WireResponse(status: 200, body: Data(json.utf8))
    }

    func expectUnreadable(_ body: () throws -> Void, naming what: String) {
        do {
            try body()
            Issue.record("expected an unreadable answer")
        } catch let error as ProviderError {
            guard case .malformed(let message) = error else {
                Issue.record("expected .malformed, got \(error)")
                return
            }
            #expect(error.outcomeUnknown, "a paid call answered so is unknown")
            #expect(message.contains(what) && message.contains("control character"), "\(message)")
        } catch {
            Issue.record("expected a ProviderError, got \(error)")
        }
    }

    @Test func aGrsAITaskIdWithANULIsUnreadableNotCutShort() throws {
        let grsai = GrsAIDialect()
        expectUnreadable({ _ = try grsai.decodeSubmit(answer(#"{"code":0,"data":{"id":"t-1\u0000shard-1"}}"#), receivedAt: receivedAt) },
                         naming: #"task id "t-1\0shard-1""#)
        expectUnreadable({ _ = try grsai.decodeSubmit(answer(#"{"code":0,"data":{"id":"t-1\u001bshard"}}"#), receivedAt: receivedAt) },
                         naming: "task id")
        expectUnreadable({ _ = try grsai.decodeSubmit(answer(#"{"code":0,"data":{"id":"t-1\nshard"}}"#), receivedAt: receivedAt) },
                         naming: "task id")
        // Around the id, whitespace is trimmed as before.
        #expect(try grsai.decodeSubmit(answer(#"{"code":0,"data":{"id":" t-1\n"}}"#), receivedAt: receivedAt).remoteTaskID == "t-1")
    }

    @Test func aGrsAIResultWithAControlCharacterInItsPidOrCharacterIdIsUnreadable() {
        let grsai = GrsAIDialect()
        expectUnreadable({
            _ = try grsai.decodePoll(answer(#"{"code":0,"data":{"id":"t-1","status":"succeeded","results":[{"url":"https://x.test/a.mp4","pid":"s_68f1\u0000aa"}]}}"#),
                                     taskID: "t-1", receivedAt: receivedAt)
        }, naming: "pid")
        expectUnreadable({
            _ = try grsai.decodePoll(answer(#"{"code":0,"data":{"id":"t-1","status":"succeeded","results":[{"character_id":"cat\u0007.1"}]}}"#),
                                     taskID: "t-1", receivedAt: receivedAt)
        }, naming: "character id")
        expectUnreadable({ _ = try grsai.decodeWebhook(Data(#"{"id":"t-1\u0000x","status":"running"}"#.utf8), receivedAt: receivedAt) },
                         naming: "task id")
    }

    @Test func anAceDataTaskIdOrVideoIdWithANULIsUnreadable() {
        let acedata = AceDataDialect()
        expectUnreadable({ _ = try acedata.decodeSubmit(answer(#"{"task_id":"t-1\u0000shard-1"}"#), receivedAt: receivedAt) },
                         naming: "task id")
        expectUnreadable({
            _ = try acedata.decodeSubmit(answer(#"{"success":true,"task_id":"t-1","data":[{"id":"s_68\u0000ff","video_url":"https://x.test/a.mp4"}]}"#),
                                         receivedAt: receivedAt)
        }, naming: "video id")
        expectUnreadable({ _ = try acedata.decodeWebhook(Data(#"{"task_id":"t\u0000-1"}"#.utf8), receivedAt: receivedAt) }, naming: "task id")
    }

    @Test func anOpenAIVideoIdWithANULIsUnreadable() {
        let openai = OpenAIDialect()
        expectUnreadable({ _ = try openai.decodeSubmit(answer(#"{"id":"video_abc\u0000def","object":"video","status":"queued"}"#), receivedAt: receivedAt) },
                         naming: "video id")
        expectUnreadable({ _ = try openai.decodeWebhook(Data(#"{"type":"video.completed","data":{"id":"video_a\u0000b"}}"#.utf8), receivedAt: receivedAt) },
                         naming: "video id")
    }
}
