import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

@Suite struct OpenAITests {
    let openai = OpenAIDialect()

    @Test func createSendsSecondsAsAStringAndCharacterIDs() throws {
        let request = GenerateRequest(prompt: "Mossy the Frog sings in the rain", model: .openaiSora2, aspect: .landscape, duration: 8,
                                      size: .small, characterIDs: [try CharacterID("char_68e1a2b3c4d5e6f7")])
        let wire = try openai.generate(request, parentKnown: false)
        #expect(wire.method == "POST")
        #expect(wire.path == "/v1/videos")
        #expect(try bodyJSON(wire) == Fixture.json("openai/request-create.json"))
    }

    @Test func sizesFollowAspectAndClass() {
        #expect(OpenAIDialect.wireSize(aspect: .portrait, size: .small) == "720x1280")
        #expect(OpenAIDialect.wireSize(aspect: .landscape, size: .small) == "1280x720")
        #expect(OpenAIDialect.wireSize(aspect: .portrait, size: .large) == "1024x1792")
        #expect(OpenAIDialect.wireSize(aspect: .landscape, size: .large) == "1792x1024")
    }

    @Test func localReferenceImageMakesAMultipartBody() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("first-frame.png")
        try Data([1, 2, 3]).write(to: image)
        let request = GenerateRequest(prompt: "p", model: .openaiSora2Pro, duration: 12, size: .large, referenceImages: [.file(image.path)],
                                      characterIDs: [try CharacterID("char_a"), try CharacterID("char_b")])
        let wire = try openai.generate(request, parentKnown: false)
        #expect(wire.body == .multipart([
            .field(name: "model", value: "sora-2-pro"), .field(name: "prompt", value: "p"),
            .field(name: "seconds", value: "12"), .field(name: "size", value: "1024x1792"),
            .field(name: "characters[][id]", value: "char_a"), .field(name: "characters[][id]", value: "char_b"),
            .file(name: "input_reference", path: image.path, filename: "first-frame.png", contentType: "image/png"),
        ]))
    }

    @Test func remixTakesOnlyAPrompt() throws {
        let wire = try openai.generate(GenerateRequest(prompt: "take a bow", model: .openaiSora2, remixOf: "video_68d7512d"), parentKnown: true)
        #expect(wire.path == "/v1/videos/video_68d7512d/remix")
        #expect(try bodyJSON(wire) == .object(["prompt": .string("take a bow")]))
        let problems = openai.problems(GenerateRequest(prompt: "x", model: .openaiSora2, duration: 8, remixOf: "s_ab"), parentKnown: false)
        #expect(problems == [
            "pid 's_ab' cannot be used on openai: its pids start with 'video_'",
            "an openai remix takes only a prompt: drop duration",
        ])
    }

    @Test func validationListsEveryProblem() throws {
        let ids = try ["char_a", "char_b", "char_c"].map { try CharacterID($0) }
        let request = GenerateRequest(prompt: "x", model: .openaiSora2, aspect: .square, duration: 10, size: .large,
                                      referenceImages: [.url("https://e.com/i.png")], characterIDs: ids, delivery: .stream)
        #expect(openai.problems(request, parentKnown: false) == [
            "duration 10 s is not available for sora-2 on openai: use 4, 8, 12",
            "aspect ratio 1:1 is not available for sora-2 on openai: use 9:16, 16:9",
            "size large is not available for sora-2 on openai: use small",
            "openai takes the reference image as a local file, not a URL ('https://e.com/i.png'): download it first",
            "sora-2 on openai takes at most 2 character(s) per video, this request has 3",
            "openai-style providers deliver by poll, not by stream",
        ])
    }

    @Test func characterUploadNeedsA2To4SecondClipFileAndAName() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clip = folder.appendingPathComponent("mossy.mp4")
        try Data([0, 0, 0, 0x18]).write(to: clip)
        let wire = try openai.uploadCharacter(UploadCharacterRequest(source: .file(clip.path), clip: ClipRange(start: 0, end: 3), name: "Mossy the Frog"))
        #expect(wire.path == "/v1/videos/characters")
        #expect(wire.body == .multipart([.field(name: "name", value: "Mossy the Frog"),
                                         .file(name: "video", path: clip.path, filename: "mossy.mp4", contentType: "video/mp4")]))
        let error = #expect(throws: InvalidRequest.self) {
            try openai.uploadCharacter(UploadCharacterRequest(source: .url("https://e.com/c.mp4"), clip: ClipRange(start: 0, end: 1)))
        }
        #expect(error?.problems == [
            "clip 0,1 is 1 s long: openai accepts 2–4 s",
            "an openai character needs a name (it is written verbatim in prompts)",
            "openai takes the character clip as a local mp4 file, not a URL ('https://e.com/c.mp4'): download it first",
        ])
    }

    @Test func otherCalls() throws {
        #expect(openai.poll(taskID: "video_1", service: nil).path == "/v1/videos/video_1")
        #expect(openai.poll(taskID: "video_1", service: nil).method == "GET")
        let list = openai.list(after: "video_1", limit: 20, order: .desc)
        #expect(list.query == [.init("after", "video_1"), .init("limit", "20"), .init("order", "desc")])
        let content = openai.content(videoID: "video_1", variant: .thumbnail)
        #expect(content.path == "/v1/videos/video_1/content")
        #expect(content.query == [.init("variant", "thumbnail")])
        #expect(openai.delete(videoID: "video_1").method == "DELETE")
        #expect(openai.character(id: "char_1").path == "/v1/videos/characters/char_1")
        #expect(openai.poll(taskID: "../x", service: nil).path == "/v1/videos/..%2Fx")
    }

    @Test func videoObjectsMapToTheDomain() throws {
        let queued = try openai.decodeSubmit(ok("openai/video-queued.json"), receivedAt: receivedAt)
        #expect(queued.remoteTaskID == "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5")
        #expect(queued.snapshot?.status == .running)
        #expect(queued.snapshot?.pid?.rawValue == queued.remoteTaskID)

        let running = try openai.decodePoll(ok("openai/video-in-progress.json"), taskID: "video_68d7", receivedAt: receivedAt)
        #expect(running.status == .running)
        #expect(running.progress == 33)

        let done = try openai.decodePoll(ok("openai/video-completed.json"), taskID: "video_68d75ab1", receivedAt: receivedAt)
        #expect(done.status == .succeeded)
        #expect(done.urlExpiry == Date(timeIntervalSince1970: 1_758_946_700))
        #expect(done.parentPid?.rawValue == "video_68d7512d07848190b3e45da0ecbebcde004da08e1e0678d5")

        let failed = try openai.decodePoll(ok("openai/video-failed.json"), taskID: "video_68d76c", receivedAt: receivedAt)
        #expect(failed.status == .failed)
        #expect(failed.failureReason == "moderation_blocked")
        #expect(failed.errorText == "Your request was blocked by our moderation system.")
    }

    @Test func completedWithoutExpiryGetsOneHour() throws {
        let body = Data(#"{"id":"video_1","status":"completed","expires_at":null}"#.utf8)
        let snapshot = try openai.decodePoll(WireResponse(status: 200, body: body), taskID: "video_1", receivedAt: receivedAt)
        #expect(snapshot.urlExpiry == receivedAt.addingTimeInterval(3600))
    }

    @Test func listDeleteCharacterAndErrors() throws {
        let page = try openai.decodeList(ok("openai/list.json"), receivedAt: receivedAt)
        #expect(page.videos.map(\.status) == [.succeeded, .running])
        #expect(page.hasMore)
        #expect(page.lastID == "video_68d75ab1c8e48190a0b5a1e2f0c3d4e5")
        #expect(try openai.decodeDelete(ok("openai/deleted.json"), videoID: "video_68d7", receivedAt: receivedAt))
        let character = try openai.decodeSubmit(ok("openai/character.json"), receivedAt: receivedAt)
        #expect(character.snapshot?.characterID?.rawValue == "char_68e1a2b3c4d5e6f7")
        #expect(character.snapshot?.status == .succeeded)
        #expect(throws: ProviderError.rejected("Invalid type for 'seconds': expected one of '4', '8' or '12', but got an integer instead. (invalid_type)")) {
            try openai.decodeSubmit(ok("openai/error.json", status: 400), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.unknownTask("video_gone")) {
            try openai.decodePoll(WireResponse(status: 404, body: Data()), taskID: "video_gone", receivedAt: receivedAt)
        }
    }

    @Test func webhookEventGivesOnlyTheIDToRecheck() throws {
        let notice = try openai.decodeWebhook(Fixture.data("openai/webhook-completed.json"), receivedAt: receivedAt)
        #expect(notice == WebhookNotice(remoteTaskID: "video_68d75ab1c8e48190a0b5a1e2f0c3d4e5", event: "video.completed"))
    }
}
