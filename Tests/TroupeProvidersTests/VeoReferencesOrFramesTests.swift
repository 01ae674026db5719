import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

/// GrsAI Veo takes reference images (`urls`) or frames, not both: refused before anything is sent.
@Suite struct VeoReferencesOrFramesTests {
    static let image = MediaSource.url("https://x.example/1.png")
    static let frame = MediaSource.url("https://x.example/a.png")

    @Test func referenceImagesWithAFrameAreRefusedSayingWhereTheImagesComeFrom() throws {
        var request = GenerateRequest(prompt: "a fox", model: .veoFast, referenceImages: [Self.image], firstFrame: Self.frame)
        let problems = GrsAIDialect().problems(request, parentKnown: false)
        #expect(problems == ["veo3.1-fast on grsai takes either reference images (urls) or frames, not both: this request has 1 reference image "
                             + "(from --image and the characters written as @handle, sent as their images) and --first-frame; leave out "
                             + "--first-frame, or the reference images (drop --image, and name the characters without @ so their images are not sent)"])
        #expect(throws: InvalidRequest.self) { try GrsAIDialect().generate(request, parentKnown: false) }

        // When the caller says where each image comes from, the message names them.
        request.referenceImages = [Self.image, .url("https://x.example/pilot.png")]
        request.referenceOrigins = ["--image", "@pilot as its image"]
        request.lastFrame = .url("https://x.example/z.png")
        let named = try #require(GrsAIDialect().problems(request, parentKnown: false).first)
        #expect(named.contains("this request has 2 reference images (--image, @pilot as its image) and --first-frame and --last-frame"), "\(named)")
    }

    @Test func framesAloneOrImagesAloneStillGo() throws {
        let frames = GenerateRequest(prompt: "a fox", model: .veoFast, firstFrame: Self.frame, lastFrame: .url("https://x.example/z.png"))
        let framesBody = try GrsAIDialect().generate(frames, parentKnown: false)
        #expect(framesBody.preview.contains("firstFrameUrl") && !framesBody.preview.contains("urls"))
        let images = GenerateRequest(prompt: "a fox", model: .veoFast, referenceImages: [Self.image])
        #expect(GrsAIDialect().problems(images, parentKnown: false).isEmpty)
        // Seedance takes both (no source says otherwise).
        let seedance = GenerateRequest(prompt: "a fox", model: .seedancePro, referenceImages: [Self.image], firstFrame: Self.frame)
        #expect(AceDataDialect().problems(seedance, parentKnown: false).isEmpty)
    }
}
