import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

@Suite struct GrsAIRequestTests {
    let grsai = GrsAIDialect()

    @Test func textGenerationMatchesTheSeedExample() throws {
        let request = GenerateRequest(prompt: "A cute cartoon cat playing with a ball of yarn on a sunny day",
                                      model: .grsaiSora2, aspect: .landscape, duration: 10, size: .small, delivery: .stream)
        let wire = try grsai.generate(request, parentKnown: false)
        #expect(wire.method == "POST")
        #expect(wire.path == "/v1/video/sora-video")
        #expect(wire.header("Content-Type") == "application/json")
        #expect(wire.header("Authorization") == nil)
        #expect(try bodyJSON(wire) == Fixture.json("grsai/request-text.json"))
    }

    @Test func pollDeliveryAsksForTheTaskIDAtOnceAndFillsDefaults() throws {
        let wire = try grsai.generate(GenerateRequest(prompt: "a fox", model: .grsaiSora2), parentKnown: false)
        let body = try #require(try bodyJSON(wire))
        #expect(body["webHook"] == .string("-1"))
        #expect(body["aspectRatio"] == .string("9:16"))
        #expect(body["duration"] == .number(10))
        #expect(body["size"] == .string("small"))
        #expect(body["model"] == .string("sora-2"))
    }

    @Test func remixMatchesTheSeedExample() throws {
        let request = GenerateRequest(prompt: "将场景转换为cyberpunk夜间都市，霓虹灯光闪烁，下着细雨。", model: .grsaiSora2, aspect: .landscape, duration: 10,
                                      remixOf: "s_6916910fc8548191aa07e106e84b3bb8", delivery: .webhook("https://your-server.com/webhook"))
        let wire = try grsai.generate(request, parentKnown: true)
        #expect(try bodyJSON(wire) == Fixture.json("grsai/request-remix.json"))
    }

    @Test func clipCharactersTravelInOrder() throws {
        let clip = try ClipRange(start: 0, end: 3)
        let request = GenerateRequest(prompt: "@character1 is talking with @character2 in a park", model: .grsaiSora2, aspect: .landscape, duration: 15,
                                      characters: [ClipCharacter(url: "https://example.com/character1.mp4", clip: clip),
                                                   ClipCharacter(url: "https://example.com/character2.mp4", clip: clip)])
        #expect(try bodyJSON(grsai.generate(request, parentKnown: false)) == Fixture.json("grsai/request-characters.json"))
    }

    @Test func characterCallsMatchTheSeedExamples() throws {
        let upload = try grsai.uploadCharacter(UploadCharacterRequest(source: .url("https://example.com/cartoon-cat.mp4"),
                                                                      clip: ClipRange(start: 0, end: 3), delivery: .stream))
        #expect(upload.path == "/v1/video/sora-upload-character")
        #expect(try bodyJSON(upload) == Fixture.json("grsai/request-upload-character.json"))
        let extract = try grsai.extractCharacter(ExtractCharacterRequest(pid: "s_6964a407c1fc819198458b8abf2b9cdf",
                                                                         clip: ClipRange(start: 2, end: 5)), sourceKnown: true)
        #expect(extract.path == "/v1/video/sora-create-character")
        #expect(try bodyJSON(extract) == Fixture.json("grsai/request-create-character.json"))
    }

    @Test func pollAsksDrawResultByID() throws {
        let wire = grsai.poll(taskID: "f44bcf50-f2d0-4c26-a467-26f2014a771b", service: nil)
        #expect(wire.path == "/v1/draw/result")
        #expect(try bodyJSON(wire) == .object(["id": .string("f44bcf50-f2d0-4c26-a467-26f2014a771b")]))
    }

    @Test func localReferenceImageIsStreamedAsBase64InsideTheJSON() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("ref.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]).write(to: image)
        let wire = try grsai.generate(GenerateRequest(prompt: "a \"quoted\" cat", model: .grsaiSora2, referenceImages: [.file(image.path)]), parentKnown: false)
        guard case .jsonWithBase64File(let prefix, let path, let suffix) = wire.body else {
            Issue.record("expected a Base64 file body, got \(wire.body)")
            return
        }
        #expect(path == image.path)
        // What the transport sends must be valid JSON with the file's Base64 as the `url` string.
        var assembled = prefix
        assembled.append(Data(try Data(contentsOf: image).base64EncodedString().utf8))
        assembled.append(suffix)
        let body = try JSONValue.parse(assembled)
        #expect(body["url"] == .string("iVBORwD/"))
        #expect(body["prompt"] == .string("a \"quoted\" cat"))
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let request = GenerateRequest(prompt: "  ", model: .grsaiSora2, aspect: .square, duration: 25,
                                      referenceImages: [.url("ftp://example.com/x.png")], remixOf: "s_abc123",
                                      characters: [ClipCharacter(url: "https://e.com/c.mp4", clip: try ClipRange(start: 0, end: 4))],
                                      delivery: .webhook("not a url"))
        #expect(throws: InvalidRequest.self) { try grsai.generate(request, parentKnown: false) }
        let problems = grsai.problems(request, parentKnown: false)
        #expect(problems.count == 7)
        #expect(problems.contains("the prompt is empty: write what the video shows"))
        #expect(problems.contains("duration 25 s is not available for sora-2 on grsai: use 10, 15"))
        #expect(problems.contains("aspect ratio 1:1 is not available for sora-2 on grsai: use 9:16, 16:9"))
        #expect(problems.contains("reference image 'ftp://example.com/x.png' is not an http(s) URL"))
        #expect(problems.contains { $0.hasPrefix("remix parent 's_abc123' is not in the catalogue") })
        #expect(problems.contains("clip 0,4 is 4 s long: grsai accepts at most 3 s"))
        #expect(problems.contains("webhook URL 'not a url' is not an http(s) URL"))
    }

    @Test func remixNeedsAGrsAIPid() throws {
        let problems = grsai.problems(GenerateRequest(prompt: "x", model: .grsaiSora2, remixOf: "video_abc"), parentKnown: true)
        #expect(problems == ["pid 'video_abc' cannot be used on grsai: its pids start with 's_'"])
        let malformed = grsai.problems(GenerateRequest(prompt: "x", model: .grsaiSora2, remixOf: "s_xyz"), parentKnown: true)
        #expect(malformed.count == 1)
        #expect(malformed[0].hasPrefix("invalid pid 's_xyz'"))
    }

    @Test func characterCallsAreValidated() throws {
        #expect(throws: InvalidRequest(provider: .grsai, problems: ["character clip file '/nonexistent/clip.mp4' does not exist",
                                                                    "clip 0,3.5 is 3.5 s long: grsai accepts at most 3 s"])) {
            try grsai.uploadCharacter(UploadCharacterRequest(source: .file("/nonexistent/clip.mp4"), clip: ClipRange(start: 0, end: 3.5)))
        }
        let error = #expect(throws: InvalidRequest.self) {
            try grsai.extractCharacter(ExtractCharacterRequest(pid: "s_68f1", clip: ClipRange(start: 1, end: 2)), sourceKnown: false)
        }
        #expect(error?.description.contains("source video 's_68f1' is not in the catalogue") == true)
    }
}

@Suite struct GrsAIClipMentionTests {
    @Test func mentionsAreFoundLikeThePromptCompilerWroteThem() {
        #expect(GrsAIDialect.clipCharacterMentions(in: "@character1 is talking with @character2 in a park.") == [1, 2])
        #expect(GrsAIDialect.clipCharacterMentions(in: "Ends with @character3.") == [3])
        #expect(GrsAIDialect.clipCharacterMentions(in: "@character.name and @character1x and me@character1 and @character") == [])
        #expect(GrsAIDialect.clipCharacterMentions(in: "@character1 meets @character1") == [1])
    }

    @Test func everyMentionNeedsAClip() throws {
        let clip = ClipCharacter(url: "https://example.com/c1.mp4", clip: try ClipRange(start: 0, end: 3))
        let problems = GrsAIDialect().problems(GenerateRequest(prompt: "@character1 waves at @character2", model: .grsaiSora2, characters: [clip]), parentKnown: false)
        #expect(problems == ["the prompt mentions @character2 but 1 clip character(s) are sent: use @character1…@character1"])
        #expect(GrsAIDialect().problems(GenerateRequest(prompt: "@character1 waves", model: .grsaiSora2, characters: [clip]), parentKnown: false).isEmpty)
        // A character id that merely starts with "character" is not a clip mention.
        #expect(GrsAIDialect().problems(GenerateRequest(prompt: "@character.name waves", model: .grsaiSora2), parentKnown: false).isEmpty)
    }
}
