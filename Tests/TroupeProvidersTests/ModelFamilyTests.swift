import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

/// GrsAI's Veo family: `/v1/video/veo`, polled through `/v1/draw/result`.
@Suite struct VeoTests {
    let grsai = GrsAIDialect()

    @Test func aVeoBodyCarriesReferenceImagesOrFramesAndTheModelsAspect() throws {
        let request = GenerateRequest(prompt: "hero walks into the rain, and villain waits", model: .veoFast,
                                      referenceImages: [.url("https://cdn.example.com/hero.png"), .url("https://cdn.example.com/villain.jpg")])
        let wire = try grsai.generate(request, parentKnown: false)
        #expect(wire.method == "POST")
        #expect(wire.path == "/v1/video/veo")
        #expect(try bodyJSON(wire) == Fixture.json("grsai/request-veo.json"))
        // Frames go without reference images (GrsAI takes one or the other).
        let frames = GenerateRequest(prompt: "the rain starts and stops", model: .veoFast,
                                     firstFrame: .url("https://cdn.example.com/start.png"), lastFrame: .url("https://cdn.example.com/end.png"))
        #expect(try bodyJSON(grsai.generate(frames, parentKnown: false)) == Fixture.json("grsai/request-veo-frames.json"))
        // No Sora fields: Veo has no duration, size, remix or characters.
        let body = try #require(try bodyJSON(wire))
        for field in ["duration", "size", "remixTargetId", "characters", "url"] { #expect(body[field] == nil, "\(field)") }
    }

    @Test func aLocalReferenceImageTravelsAsBase64InUrls() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("hero.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: image)
        let request = GenerateRequest(prompt: "hero", model: .veoPro, aspect: .portrait,
                                      referenceImages: [.file(image.path), .url("https://cdn.example.com/b.png")], delivery: .stream)
        let wire = try grsai.generate(request, parentKnown: false)
        guard case .jsonWithBase64File(let prefix, let path, let suffix) = wire.body else {
            Issue.record("expected a Base64 file body, got \(wire.body)")
            return
        }
        #expect(path == image.path)
        let body = try JSONValue.parse(prefix + Data(try Data(contentsOf: image).base64EncodedString().utf8) + suffix)
        #expect(body["urls"] == .array([.string("iVBORw=="), .string("https://cdn.example.com/b.png")]))
        #expect(body["model"] == .string("veo3.1-pro"))
        #expect(body["aspectRatio"] == .string("9:16"))
        #expect(body["webHook"] == nil)
        #expect(WireRequest(preview: wire.preview) == wire)
    }

    @Test func whatVeoCannotCarryIsRefusedBeforeSending() throws {
        let images: [MediaSource] = (1...4).map { .url("https://cdn.example.com/\($0).png") }
        let request = GenerateRequest(prompt: "x", model: .veoFast, duration: 10, size: .large, referenceImages: images,
                                      lastFrame: .url("https://cdn.example.com/end.png"), remixOf: "s_68f1c0ffee",
                                      characters: [ClipCharacter(url: "https://e.com/c.mp4", clip: try ClipRange(start: 0, end: 3))])
        #expect(throws: InvalidRequest.self) { try grsai.generate(request, parentKnown: true) }
        #expect(grsai.problems(request, parentKnown: true) == [
            "duration 10 s is not available for veo3.1-fast on grsai: use 8",
            "veo3.1-fast on grsai takes no size: leave --size out",
            "veo3.1-fast on grsai cannot remix: use a model that can (`troupe model list` shows them)",
            "veo3.1-fast on grsai takes at most 3 reference image(s), this request has 4 (the --image and the characters' images together)",
            "a last frame needs a first frame: add --first-frame",
            "veo3.1-fast on grsai takes characters only as reference images: give the character an image with `troupe character image HANDLE FILE|URL`",
            "veo3.1-fast on grsai takes either reference images (urls) or frames, not both: this request has 4 reference images "
                + "(from --image and the characters written as @handle, sent as their images) and --last-frame; leave out --last-frame, "
                + "or the reference images (drop --image, and name the characters without @ so their images are not sent)",
        ])
        // The one duration it makes may be named; it is the one it makes.
        #expect(grsai.problems(GenerateRequest(prompt: "x", model: .veoFast, duration: 8), parentKnown: false).isEmpty)
    }

    @Test func aVeoModelWithSeveralDurationsRefusesAnyBecauseTheBodyCannotSayIt() throws {
        var model = ModelSpec.veoFast
        model.durations = [8, 4, 6]
        #expect(grsai.problems(GenerateRequest(prompt: "x", model: model, duration: 4), parentKnown: false) == [
            "veo3.1-fast on grsai has no duration field: leave --duration out (the provider picks it)",
        ])
    }

    @Test func twoLocalReferenceImagesBothTravelAsBase64AndThePreviewShowsEach() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hero = folder.appendingPathComponent("hero.png")
        let villain = folder.appendingPathComponent("villain.jpg")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: hero)
        try Data([0xFF, 0xD8, 0xFF]).write(to: villain)
        let request = GenerateRequest(prompt: "hero meets villain", model: .veoFast,
                                      referenceImages: [.file(hero.path), .url("https://cdn.example.com/b.png"), .file(villain.path)])
        #expect(grsai.problems(request, parentKnown: false).isEmpty)
        let wire = try grsai.generate(request, parentKnown: false)
        guard case .jsonWithBase64Files(let segments, let paths) = wire.body else {
            Issue.record("expected a body with two Base64 files, got \(wire.body)")
            return
        }
        #expect(paths == [hero.path, villain.path])
        let filled = segments[0] + Data("iVBORw==".utf8) + segments[1] + Data("/9j/".utf8) + segments[2]
        let body = try JSONValue.parse(filled)
        #expect(body["urls"] == .array([.string("iVBORw=="), .string("https://cdn.example.com/b.png"), .string("/9j/")]))
        #expect(wire.preview.contains(#""urls":["<base64 of \#(hero.path)>","https://cdn.example.com/b.png","<base64 of \#(villain.path)>"]"#))
        #expect(!wire.preview.contains("iVBORw"))
        #expect(WireRequest(preview: wire.preview) == wire)
    }

    @Test func aVeoResultIsReadFromTheTopLevelUrlWithoutAPid() throws {
        #expect(grsai.poll(taskID: "7a1c9e20-veo", service: "ignored").path == "/v1/draw/result")
        let done = try grsai.decodePoll(ok("grsai/poll-veo.json"), taskID: "7a1c9e20-veo", receivedAt: receivedAt)
        #expect(done.status == .succeeded)
        #expect(done.resultURL == "https://cdn.example.com/veo/7a1c9e20.mp4")
        #expect(done.pid == nil && done.remoteVideoID == nil)
        #expect(done.urlExpiry == receivedAt.addingTimeInterval(URLExpiry.grsaiLifetime))
        let frame = try grsai.decodeStreamFrame(Data(#"data: {"id":"v1","url":"ftp://cdn.example.com/x.mp4","progress":100}"#.utf8), receivedAt: receivedAt)
        #expect(frame.resultURL == nil && frame.refusedURLScheme == "ftp")
    }
}

/// AceData's Seedance family: `/seedance/videos` with content parts, polled on `/seedance/tasks`.
@Suite struct SeedanceTests {
    let acedata = AceDataDialect()

    @Test func aSeedanceBodyHasContentPartsAndTheModelsDefaults() throws {
        let request = GenerateRequest(prompt: "hero dances on the roof at dawn", model: .seedancePro,
                                      referenceImages: [.url("https://cdn.example.com/hero.png"), .url("https://cdn.example.com/style.png")])
        let wire = try acedata.generate(request, parentKnown: false)
        #expect(wire.path == "/seedance/videos")
        #expect(try bodyJSON(wire) == Fixture.json("acedata/request-seedance.json"))
        #expect(wire.delivery(kind: .acedata) == .poll)
    }

    @Test func framesCallbackAndChosenValuesGoOnTheWire() throws {
        let request = GenerateRequest(prompt: "a kite", model: .seedance2, aspect: AspectRatio(rawValue: "21:9"), duration: 12,
                                      size: VideoSize(rawValue: "1080p"), firstFrame: .url("https://cdn.example.com/a.png"),
                                      lastFrame: .url("https://cdn.example.com/b.png"), delivery: .webhook("https://hooks.example.com/t/abc"))
        let wire = try acedata.generate(request, parentKnown: false)
        let body = try #require(try bodyJSON(wire))
        #expect(body["content"] == .array([
            .object(["type": .string("text"), "text": .string("a kite")]),
            .object(["type": .string("image_url"), "image_url": .object(["url": .string("https://cdn.example.com/a.png")]), "role": .string("first_frame")]),
            .object(["type": .string("image_url"), "image_url": .object(["url": .string("https://cdn.example.com/b.png")]), "role": .string("last_frame")]),
        ]))
        #expect(body["ratio"] == .string("21:9") && body["resolution"] == .string("1080p") && body["duration"] == .number(12))
        #expect(body["callback_url"] == .string("https://hooks.example.com/t/abc") && body["async"] == .bool(true))
        #expect(body["prompt"] == nil && body["orientation"] == nil)
        #expect(wire.delivery(kind: .acedata) == .webhook("https://hooks.example.com/t/abc"))
    }

    @Test func whatSeedanceCannotCarryIsRefusedBeforeSending() throws {
        let images: [MediaSource] = (1...5).map { .url("https://cdn.example.com/\($0).png") }
        let request = GenerateRequest(prompt: "x", model: .seedancePro, aspect: AspectRatio(rawValue: "5:4"), duration: 7,
                                      size: VideoSize(rawValue: "4k"), referenceImages: images, lastFrame: .url("https://cdn.example.com/end.png"),
                                      remixOf: "s_ab", characterClip: ClipCharacter(url: "https://e.com/c.mp4", clip: try ClipRange(start: 0, end: 3)),
                                      delivery: .stream)
        #expect(acedata.problems(request, parentKnown: true) == [
            "duration 7 s is not available for doubao-seedance-1-0-pro-250528 on acedata: use 5, 10",
            "aspect ratio 5:4 is not available for doubao-seedance-1-0-pro-250528 on acedata: use 16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive",
            "size 4k is not available for doubao-seedance-1-0-pro-250528 on acedata: use 720p, 480p, 1080p",
            "doubao-seedance-1-0-pro-250528 on acedata cannot remix: use a model that can (`troupe model list` shows them)",
            "doubao-seedance-1-0-pro-250528 on acedata takes at most 4 reference image(s), this request has 5 (the --image and the characters' images together)",
            "a last frame needs a first frame: add --first-frame",
            "doubao-seedance-1-0-pro-250528 on acedata takes characters only as reference images: give the character an image with `troupe character image HANDLE FILE|URL`",
            "acedata delivers by poll or webhook, not by stream",
        ])
    }

    @Test func soraFramesAreRefusedAsTheModelTakesNone() throws {
        let request = GenerateRequest(prompt: "x", model: .acedataSora2, firstFrame: .url("https://cdn.example.com/a.png"))
        #expect(acedata.problems(request, parentKnown: false) == ["sora-2 on acedata takes no first frame (it takes reference images)"])
    }

    @Test func pollingUsesTheModelsServicePath() throws {
        let poll = acedata.poll(taskID: "c2f1", service: "seedance")
        #expect(poll.path == "/seedance/tasks")
        #expect(try bodyJSON(poll) == .object(["id": .string("c2f1"), "action": .string("retrieve")]))
        #expect(acedata.poll(taskID: "c2f1", service: nil).path == "/sora/tasks")
        #expect(acedata.poll(taskID: "c2f1", service: "../x").path == "/sora/tasks")
        #expect(acedata.pollBatch(taskIDs: ["a"], service: "kling").path == "/kling/tasks")
        var kling = ModelSpec.seedancePro
        kling.service = "kling"
        #expect(try acedata.generate(GenerateRequest(prompt: "x", model: kling), parentKnown: false).path == "/kling/videos")
        kling.service = "a/b"
        #expect(acedata.problems(GenerateRequest(prompt: "x", model: kling), parentKnown: false) == [
            "doubao-seedance-1-0-pro-250528 on acedata has no usable service path ('a/b'): use letters, digits, '-' or '_' (e.g. seedance)",
        ])
    }

    @Test func aSeedanceRetrieveIsReadForgivinglyButNotFromTheEchoedRequest() throws {
        let done = try acedata.decodePoll(ok("acedata/retrieve-seedance.json"), taskID: "c2f1d7a0-5e1b-4f7e-9d2a-seedance", receivedAt: receivedAt)
        #expect(done.status == .succeeded)
        #expect(done.resultURL == "https://ark-content.example.com/cgt-20261201.mp4")
        #expect(done.remoteVideoID == "cgt-20261201-seedance" && done.pid == nil)
        let running = try acedata.decodePoll(WireResponse(status: 200, body: Data(#"{"id":"t1","response":{"task_id":"t1","data":{"status":"processing","progress":40}}}"#.utf8)),
                                             taskID: "t1", receivedAt: receivedAt)
        #expect(running.status == .running && running.progress == 40 && running.resultURL == nil)
        // Only an image echoed back is no file: still running.
        let echoed = try acedata.decodePoll(WireResponse(status: 200, body: Data(#"{"id":"t1","response":{"task_id":"t1","data":{"image_url":{"url":"https://cdn.example.com/hero.png"}}}}"#.utf8)),
                                            taskID: "t1", receivedAt: receivedAt)
        #expect(echoed.status == .running && echoed.resultURL == nil)
        let failed = try acedata.decodePoll(WireResponse(status: 200, body: Data(#"{"id":"t1","response":{"task_id":"t1","data":{"task":{"state":"failed"}}}}"#.utf8)),
                                            taskID: "t1", receivedAt: receivedAt)
        #expect(failed.status == .failed)
        let other = try acedata.decodePoll(WireResponse(status: 200, body: Data(#"{"id":"t1","response":{"task_id":"t1","output":{"file_url":"javascript://x"}}}"#.utf8)),
                                           taskID: "t1", receivedAt: receivedAt)
        #expect(other.resultURL == nil && other.refusedURLScheme == "javascript" && other.status == .running)
        // What was refused before still is: an answer that names no task.
        #expect(throws: ProviderError.unknownTask("zzz")) {
            try acedata.decodePoll(WireResponse(status: 200, body: Data("{}".utf8)), taskID: "zzz", receivedAt: receivedAt)
        }
    }
}

/// A model a user adds for an OpenAI-style aggregator builds and validates from its row alone.
@Suite struct CustomModelTests {
    static let wan = ModelSpec(name: VideoModel(rawValue: "wan2.5-t2v")!, providerKind: .openai, provider: "myagg", family: .openaiVideos,
                               durations: [5, 10], aspects: [.landscape, .portrait], sizes: [VideoSize(rawValue: "1280x720")!, .small],
                               price: ModelPrice(Decimal(string: "0.05")!, per: .second), currency: "USD")

    @Test func itsNameDefaultsAndSizesGoOnTheWire() throws {
        let openai = OpenAIDialect()
        let wire = try openai.generate(GenerateRequest(prompt: "a heron", model: Self.wan), parentKnown: false)
        #expect(try bodyJSON(wire) == .object(["model": .string("wan2.5-t2v"), "prompt": .string("a heron"),
                                               "seconds": .string("5"), "size": .string("1280x720")]))
        let small = try openai.generate(GenerateRequest(prompt: "a heron", model: Self.wan, aspect: .portrait, duration: 10, size: .small), parentKnown: false)
        #expect(try bodyJSON(small)?["size"] == .string("720x1280"))
        #expect(PriceTable().video(Self.wan, duration: 10, size: nil) == .init(amount: Decimal(string: "0.5")!, currency: "USD"))
    }

    @Test func itsOwnRowRefusesWhatItDoesNotTake() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("a.png")
        try Data([1]).write(to: image)
        let request = GenerateRequest(prompt: "a heron", model: Self.wan, duration: 4, size: .large, referenceImages: [.file(image.path)],
                                      remixOf: nil, characterIDs: [try CharacterID("char_a")])
        #expect(OpenAIDialect().problems(request, parentKnown: false) == [
            "duration 4 s is not available for wan2.5-t2v on myagg: use 5, 10",
            "size large is not available for wan2.5-t2v on myagg: use 1280x720, small",
            "wan2.5-t2v on myagg takes no reference images (it takes no images)",
            "wan2.5-t2v on myagg takes no character ids (it takes no characters): give the character an image with `troupe character image HANDLE FILE|URL`",
        ])
        #expect(OpenAIDialect().problems(GenerateRequest(prompt: "x", model: Self.wan, remixOf: "video_68d7512d"), parentKnown: true) == [
            "wan2.5-t2v on myagg cannot remix: use a model that can (`troupe model list` shows them)",
        ])
    }

    @Test func aModelOfAnotherFamilyIsRefusedByTheDialect() throws {
        #expect(OpenAIDialect().problems(GenerateRequest(prompt: "x", model: .veoFast), parentKnown: false).first
            == "veo3.1-fast is a grsai-veo model, which openai does not speak")
    }
}
