import Foundation
import Testing

/// A generation whose images are several local files: each travels as Base64 in one request.
@Suite struct MultiFileCommandTests {
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9])

    @Test func aVeoDryRunWithTwoImageCharactersAndLocalFramesShowsEachFileByItsPath() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        let hero = try CharacterImageCommandTests.file(cli, "hero.png", CharacterImageCommandTests.png)
        let villain = try CharacterImageCommandTests.file(cli, "villain.jpg", Self.jpeg)
        let style = try CharacterImageCommandTests.file(cli, "style.jpg", Self.jpeg + Data([0]))
        let start = try CharacterImageCommandTests.file(cli, "start.png", CharacterImageCommandTests.png + Data([0]))
        let heroImage = try #require(try cli.jsonObject("character", "add", "hero", "--image", hero)["image"] as? [String: Any])
        let villainImage = try #require(try cli.jsonObject("character", "add", "villain", "--image", villain)["image"] as? [String: Any])
        let result = try cli.run("video", "generate", "@hero meets @villain", "--model", "veo3.1-fast",
                                 "--image", style, "--dry-run")
        #expect(result.status == 0, "\(result.stderr)")
        let heroPath = try #require(heroImage["path"] as? String)
        let villainPath = try #require(villainImage["path"] as? String)
        #expect(result.stdout.contains(#""urls":["<base64 of \#(style)>","<base64 of \#(heroPath)>","<base64 of \#(villainPath)>"]"#))
        #expect(!result.stdout.contains(CharacterImageCommandTests.png.base64EncodedString()))
        // Veo takes reference images or frames, not both: the frames go alone, each a local file.
        let end = try CharacterImageCommandTests.file(cli, "end.jpg", Self.jpeg + Data([1]))
        let frames = try cli.run("video", "generate", "hero meets villain", "--model", "veo3.1-fast",
                                 "--first-frame", start, "--last-frame", end, "--dry-run")
        #expect(frames.status == 0, "\(frames.stderr)")
        #expect(frames.stdout.contains(#""firstFrameUrl":"<base64 of \#(start)>""#) && frames.stdout.contains(#""lastFrameUrl":"<base64 of \#(end)>""#))
    }
}
