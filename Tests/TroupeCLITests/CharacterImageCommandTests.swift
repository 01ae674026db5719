import Foundation
import Testing

@Suite struct CharacterImageCommandTests {
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    /// A file outside the home, removed with it.
    static func file(_ cli: CLIRunner, _ name: String, _ data: Data) throws -> String {
        try FileManager.default.createDirectory(atPath: cli.home + "-files", withIntermediateDirectories: true)
        let path = cli.home + "-files/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anImageFileGoesIntoTheVaultAndShowAndListShowIt() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001")
        let original = try Self.file(cli, "hero.png", Self.png)
        let set = try cli.jsonObject("character", "image", "hero", original)
        let image = try #require(set["image"] as? [String: Any])
        let sha = try sha256Hex(ofFileAt: original)
        #expect(image["source"] as? String == "file" && image["sha256"] as? String == sha && image["url"] is NSNull)
        let path = try #require(image["path"] as? String)
        #expect(path == cli.home + "/vault/\(sha.prefix(2))/\(sha).png")
        try FileManager.default.removeItem(atPath: original)
        #expect(FileManager.default.contents(atPath: path) == Self.png, "the vault copy outlives the original")

        let shown = try cli.jsonObject("character", "show", "hero")
        #expect((shown["image"] as? [String: Any])?["path"] as? String == path)
        let listed = try cli.jsonArray("character", "list")
        #expect((listed.first?["image"] as? [String: Any])?["sha256"] as? String == sha)
        let text = try cli.run("character", "show", "hero")
        #expect(text.stdout.contains("image     file \(path)"))
        let table = try cli.run("character", "list")
        #expect(table.stdout.contains("IMAGE") && table.stdout.contains("  file  "))
    }

    @Test func aURLReplacesTheImageSayingSoAndClearRemovesIt() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001")
        try cli.run("character", "image", "hero", try Self.file(cli, "hero.png", Self.png))
        let replaced = try cli.run("character", "image", "hero", "https://img.test/hero.webp")
        #expect(replaced.status == 0)
        #expect(replaced.stdout.hasPrefix("@hero's image is now url https://img.test/hero.webp (replacing vault file "))
        let shown = try cli.jsonObject("character", "show", "hero")
        let image = try #require(shown["image"] as? [String: Any])
        #expect(image["source"] as? String == "url" && image["url"] as? String == "https://img.test/hero.webp" && image["path"] is NSNull)
        let cleared = try cli.run("character", "image", "hero", "--clear")
        #expect(cleared.status == 0 && cleared.stdout == "removed @hero's image (https://img.test/hero.webp (url))\n")
        #expect(try cli.jsonObject("character", "show", "hero")["image"] is NSNull)
    }

    @Test func aFileThatIsNotAnImageOrANonHTTPURLIsRefusedWithExit1() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001")
        let notes = try Self.file(cli, "notes.txt", Data("not a picture\n".utf8))
        let refused = try cli.run("character", "image", "hero", notes)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(notes) is not a PNG, JPEG or WebP image: it is text"))
        #expect(refused.stderr.split(separator: "\n").count == 1, "one line")
        let ftp = try cli.run("character", "image", "hero", "ftp://img.test/x.png")
        #expect(ftp.status == 1 && ftp.stderr.contains("give an http:// or https:// URL"))
        #expect(try cli.jsonObject("character", "show", "hero")["image"] is NSNull)
        let neither = try cli.run("character", "image", "hero")
        #expect(neither.status == 64 && neither.stderr.contains("give one of: an image FILE or URL, --from-clip, or --clear"))
    }

    @Test func fromClipWithoutFFmpegOnPathSaysHowToDoWithout() throws {
        let cli = CLIRunner()
        try cli.run("character", "add", "hero", "--id", "cartoon_cat_001", "--from", "s_a1", "--clip", "1,3")
        let result = try cli.run(["character", "image", "hero", "--from-clip"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "--from-clip needs ffmpeg, which is optional and not on PATH: install it (`apt-get install ffmpeg`) or give an image file or URL"))
    }

    /// `character add --image`: a character known by its image alone, on no provider; a bad image
    /// leaves no half-made character behind.
    @Test func aCharacterCanBeRegisteredByItsImageAlone() throws {
        let cli = CLIRunner()
        defer { try? FileManager.default.removeItem(atPath: cli.home + "-files") }
        let added = try cli.jsonObject("character", "add", "pilot", "--image", try Self.file(cli, "pilot.png", Self.png), "--tags", "crew")
        #expect(added["handle"] as? String == "pilot" && added["status"] as? String == "ready")
        #expect(added["provider"] is NSNull && added["character_id"] is NSNull)
        #expect((added["image"] as? [String: Any])?["source"] as? String == "file")
        let byURL = try cli.run("character", "add", "navigator", "--image", "https://img.test/navigator.jpg")
        #expect(byURL.status == 0 && byURL.stdout == "registered @navigator (a reference image, for models that take characters as images)\n")

        let notes = try Self.file(cli, "notes.txt", Data("not a picture\n".utf8))
        let refused = try cli.run("character", "add", "ghost", "--image", notes)
        #expect(refused.status == 1 && refused.stderr.contains("is not a PNG, JPEG or WebP image"))
        #expect(try cli.run("character", "show", "ghost").status != 0, "no character is left behind by a refused image")
        let mixed = try cli.run("character", "add", "ghost", "--image", notes, "--id", "x1")
        #expect(mixed.status == 64 && mixed.stderr.contains("--image registers a character by its image alone"))
    }
}
