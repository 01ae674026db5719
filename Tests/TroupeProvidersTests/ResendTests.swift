import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

/// A journaled preview rebuilt into the request it shows, to send a refused call again.
@Suite struct ResendTests {
    @Test func aJSONRequestComesBackExactlyWithItsDelivery() throws {
        let grsai = GrsAIDialect()
        let deliveries: [Delivery] = [.poll, .stream, .webhook("http://127.0.0.1:8788/hook/<webhook-token>")]
        for delivery in deliveries {
            let wire = try grsai.generate(GenerateRequest(prompt: "a \"quoted\" cat\non two lines <base64 of nothing>", model: .grsaiSora2, delivery: delivery),
                                          parentKnown: false)
            let rebuilt = try #require(WireRequest(preview: wire.preview))
            #expect(rebuilt == wire)
            #expect(rebuilt.delivery(kind: .grsai) == delivery)
        }
        let ace = try AceDataDialect().generate(GenerateRequest(prompt: "a fox", model: .acedataSora2, delivery: .webhook("https://example.com/cb")), parentKnown: false)
        #expect(WireRequest(preview: ace.preview) == ace)
        #expect(ace.delivery(kind: .acedata) == .webhook("https://example.com/cb"))
        let sync = try AceDataDialect().generate(GenerateRequest(prompt: "a fox", model: .acedataSora2), parentKnown: false)
        #expect(sync.delivery(kind: .acedata) == .poll)
        let openai = try OpenAIDialect().generate(GenerateRequest(prompt: "a fox", model: .openaiSora2), parentKnown: false)
        #expect(WireRequest(preview: openai.preview) == openai)
        #expect(openai.delivery(kind: .openai) == .poll)
    }

    @Test func aLocalFileSentAsBase64ComesBackAsTheSameFile() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/troupe-resend-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clip = directory + "/cat>1.mp4"
        let image = directory + "/still.png"
        try Data("clip".utf8).write(to: URL(fileURLWithPath: clip))
        try Data("png".utf8).write(to: URL(fileURLWithPath: image))
        let upload = try GrsAIDialect().uploadCharacter(UploadCharacterRequest(source: .file(clip), clip: ClipRange(start: 0, end: 3)))
        guard case .jsonWithBase64File = upload.body else { Issue.record("expected a Base64 body"); return }
        #expect(WireRequest(preview: upload.preview) == upload)
        #expect(upload.delivery(kind: .grsai) == .poll)
        // The prompt comes before the file and may quote the marker: only the file's own string counts.
        let generate = try GrsAIDialect().generate(GenerateRequest(prompt: "\"<base64 of /etc/passwd>\", said the cat", model: .grsaiSora2, referenceImages: [.file(image)]),
                                                   parentKnown: false)
        #expect(WireRequest(preview: generate.preview) == generate)
        let ace = try AceDataDialect().generate(GenerateRequest(prompt: "a fox", model: .acedataSora2, referenceImages: [.file(image)]), parentKnown: false)
        #expect(WireRequest(preview: ace.preview) == ace)
    }

    @Test func twoLocalFilesComeBackAsTheSameTwoFilesInOrder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first frame.png").path
        let reference = directory.appendingPathComponent("hero,1.webp").path
        try Data("png".utf8).write(to: URL(fileURLWithPath: first))
        try Data("webp".utf8).write(to: URL(fileURLWithPath: reference))
        let seedance = try AceDataDialect().generate(GenerateRequest(prompt: "\"<base64 of /etc/passwd>\", [said] the fox", model: .seedancePro,
                                                                     referenceImages: [.file(reference)], firstFrame: .file(first)),
                                                     parentKnown: false)
        guard case .jsonWithBase64Files(_, let paths) = seedance.body else { Issue.record("expected two Base64 files, got \(seedance.body)"); return }
        #expect(paths == [reference, first])
        #expect(seedance.preview.contains(#"{"url":"<base64 of \#(reference)>"}"#) && seedance.preview.contains(#"{"url":"<base64 of \#(first)>"}"#))
        let rebuilt = try #require(WireRequest(preview: seedance.preview))
        #expect(rebuilt == seedance)
        #expect(rebuilt.preview == seedance.preview)
        #expect(rebuilt.delivery(kind: .acedata) == .poll)
        let veo = try GrsAIDialect().generate(GenerateRequest(prompt: "x", model: .veoFast, referenceImages: [.file(reference), .file(first)],
                                                              delivery: .webhook("https://hooks.example.com/t/abc")), parentKnown: false)
        #expect(WireRequest(preview: veo.preview) == veo)
        #expect(WireRequest(preview: veo.preview)?.delivery(kind: .grsai) == .webhook("https://hooks.example.com/t/abc"))
    }

    @Test func theWebhookTokenIsSwappedInTheTextAroundTheFilesNeverInAPath() throws {
        let body = WireBody.jsonWithBase64Files(segments: [Data(#"{"urls":[""#.utf8), Data(#"",""#.utf8), Data(#""],"webHook":"https://h.example.com/hook/<webhook-token>"}"#.utf8)],
                                                filePaths: ["/vault/<webhook-token>/a.png", "/vault/b.png"])
        #expect(body.jsonTextContains("<webhook-token>"))
        #expect(!body.jsonTextContains("/vault/b.png"))
        let swapped = body.replacingJSONText("<webhook-token>", with: "tok123")
        guard case .jsonWithBase64Files(let segments, let paths) = swapped else { Issue.record("expected two files, got \(swapped)"); return }
        #expect(paths == ["/vault/<webhook-token>/a.png", "/vault/b.png"])
        #expect(String(decoding: segments[2], as: UTF8.self) == #""],"webHook":"https://h.example.com/hook/tok123"}"#)
        #expect(!swapped.jsonTextContains("<webhook-token>"))
        #expect(WireBody.json(Data("{}".utf8)).replacingJSONText("{", with: "[") == .json(Data("[}".utf8)))
    }

    @Test func aMultipartBodyOrOtherTextIsNotRebuilt() throws {
        let multipart = WireRequest(method: "POST", path: "/v1/videos", body: .multipart([.field(name: "prompt", value: "a fox")]))
        #expect(WireRequest(preview: multipart.preview) == nil)
        #expect(WireRequest(preview: "{}") == nil)
        #expect(WireRequest(preview: "POST /v1/videos\nnot json") == nil)
    }
}
