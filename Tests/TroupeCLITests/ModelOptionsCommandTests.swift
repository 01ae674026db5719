import Foundation
import Testing

/// `video generate` takes its model's values and image inputs, and refuses what the model does not take.
@Suite struct ModelOptionsCommandTests {
    @Test func aVeoDryRunShowsFramesAndTheModelsPrice() throws {
        let cli = CLIRunner()
        let result = try cli.run("video", "generate", "a heron at dawn", "--model", "veo3.1-fast",
                                 "--first-frame", "https://cdn.example.com/start.png", "--last-frame", "https://cdn.example.com/end.png", "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("POST /v1/video/veo"))
        #expect(result.stdout.contains(#""firstFrameUrl":"https://cdn.example.com/start.png""#))
        #expect(result.stdout.contains(#""lastFrameUrl":"https://cdn.example.com/end.png""#))
        #expect(result.stdout.contains("0.4"))
    }

    @Test func whatTheModelDoesNotTakeIsRefusedBeforeSending() throws {
        let cli = CLIRunner()
        let unknown = try cli.run("video", "generate", "a heron", "--model", "veo9", "--dry-run")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown model 'veo9' on provider"))
        #expect(unknown.stderr.contains("use sora-2, veo3.1-fast, veo3.1-pro"))
        let lastOnly = try cli.run("video", "generate", "a heron", "--model", "veo3.1-fast", "--last-frame", "https://cdn.example.com/end.png", "--dry-run")
        #expect(lastOnly.status == 1)
        #expect(lastOnly.stderr.contains("a last frame needs a first frame: add --first-frame"))
        let soraFrame = try cli.run("video", "generate", "a heron", "--first-frame", "https://cdn.example.com/start.png", "--dry-run")
        #expect(soraFrame.status == 1)
        #expect(soraFrame.stderr.contains("sora-2 on grsai takes no first frame (it takes reference images)"))
    }
}
