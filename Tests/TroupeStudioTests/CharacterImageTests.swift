import Crypto
import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeProviders
@testable import TroupeStudio

/// A studio in a temporary home, no provider needed: character images are local work.
final class ImageHome: @unchecked Sendable {
    let directory = FileManager.default.temporaryDirectory.path + "/troupe-image-" + UUID().uuidString
    let studio: Studio

    init() throws {
        studio = try Studio(home: TroupeHome(directory: directory))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `bytes` to a file outside the home and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "-" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func hero(_ handle: String = "hero") throws -> CharacterEntry {
        try studio.catalog.registerCharacter(handle: Handle(handle), id: CharacterID(handle + "_1"), providerName: "sim")
    }

    /// The 1×1 PNG a test gives as an image.
    static let png: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
}

let ffmpegOnPath = Studio.executable(named: "ffmpeg", path: ProcessInfo.processInfo.environment["PATH"]) != nil

@Suite struct CharacterImageTests {
    static let veo = ModelSpec(name: VideoModel(rawValue: "veo3.1-fast")!, providerKind: .grsai, family: .grsaiVeo, durations: [8],
                               aspects: [.landscape, .portrait], maxCharacters: 3, characterForms: [.image],
                               imageInputs: [.reference, .firstFrame, .lastFrame], maxReferenceImages: 3,
                               price: ModelPrice(0.4), currency: "CNY")

    @Test func anImageFileIsCopiedIntoTheVaultByItsHashAndOutlivesTheOriginal() throws {
        let home = try ImageHome()
        try home.hero()
        let original = try home.file("hero.png", ImageHome.png)
        let change = try home.studio.setCharacterImage(.init("hero"), from: original)
        let sha = SHA256.hash(data: Data(ImageHome.png)).map { String(format: "%02x", $0) }.joined()
        #expect(change.character.image == .vault(sha256: sha, source: .file))
        try FileManager.default.removeItem(atPath: original)
        let kept = Vault.path(forSHA256: sha, in: home.studio.home.vaultPath, mediaType: "image/png")
        #expect(FileManager.default.contents(atPath: kept) == Data(ImageHome.png))
        #expect(try home.studio.characterTable().character(handle: "hero")?.image == .file(kept))
        let jpeg = try home.file("hero.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])
        let replaced = try home.studio.setCharacterImage(.init("hero"), from: jpeg)
        #expect(replaced.previous == .vault(sha256: sha, source: .file), "the change says which image it replaced")
    }

    @Test func aFileThatIsNotAnImageIsRefusedSayingWhatItIs() throws {
        let home = try ImageHome()
        try home.hero()
        let text = try home.file("notes.txt", Array("hello there\n".utf8))
        #expect(throws: StudioError("\(text) is not a PNG, JPEG or WebP image: it is text; give an image file or an http(s) URL")) {
            try home.studio.setCharacterImage(.init("hero"), from: text)
        }
        let video = try home.file("clip.mp4", [0, 0, 0, 0x18] + Array("ftypisom".utf8) + [0, 0, 0, 0])
        #expect(throws: StudioError("\(video) is not a PNG, JPEG or WebP image: it is an MP4 or QuickTime video; give an image file or an http(s) URL")) {
            try home.studio.setCharacterImage(.init("hero"), from: video)
        }
        #expect(throws: StudioError("no such file: /nowhere/x.png: give a PNG, JPEG or WebP file, or an http(s) URL")) {
            try home.studio.setCharacterImage(.init("hero"), from: "/nowhere/x.png")
        }
        #expect(throws: StudioError("invalid image URL 'ftp://img.test/x.png': give an http:// or https:// URL with a host and no spaces, or a PNG, JPEG or WebP file")) {
            try home.studio.setCharacterImage(.init("hero"), from: "ftp://img.test/x.png")
        }
        #expect(try home.studio.catalog.character(handle: .init("hero")).image == nil)
        #expect(try home.studio.catalog.assets().isEmpty, "nothing refused reaches the vault")
    }

    @Test func anImageURLIsKeptAsItIs() throws {
        let home = try ImageHome()
        try home.hero()
        try home.studio.setCharacterImage(.init("hero"), from: "https://img.test/hero.webp")
        #expect(try home.studio.characterTable().character(handle: "hero")?.image == .url("https://img.test/hero.webp"))
        let cleared = try home.studio.clearCharacterImage(.init("hero"))
        #expect(cleared.previous == .url("https://img.test/hero.webp") && cleared.character.image == nil)
    }

    @Test func fromClipWithoutFFmpegSaysItIsOptionalAndWhatElseToGive() throws {
        let home = try ImageHome()
        try home.hero()
        #expect(throws: StudioError("--from-clip needs ffmpeg, which is optional and not on PATH: install it (`apt-get install ffmpeg`) or give an image file or URL")) {
            try home.studio.setCharacterImageFromClip(.init("hero"), environment: ["PATH": "/nonexistent"])
        }
    }

    @Test(.enabled(if: ffmpegOnPath, "install ffmpeg (`apt-get install ffmpeg`) to run it"))
    func fromClipTakesTheClipsFirstFrameThroughFFmpeg() throws {
        let home = try ImageHome()
        let clip = home.directory + "-clip.mp4"
        defer { try? FileManager.default.removeItem(atPath: clip) }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: try #require(Studio.executable(named: "ffmpeg", path: ProcessInfo.processInfo.environment["PATH"])))
        make.arguments = ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=4:size=64x64:rate=10",
                          "-pix_fmt", "yuv420p", clip]
        try make.run()
        make.waitUntilExit()
        #expect(make.terminationStatus == 0)
        let asset = try home.studio.importFile(clip, mediaType: "video/mp4")
        var character = try CharacterEntry(handle: Handle("hero"), providerName: "sim", characterId: CharacterID("hero_1"),
                                       sourceKind: .upload, status: .ready, clip: ClipRange(start: 1, end: 3))
        character.sourceAssetSha256 = asset.sha256
        _ = try home.studio.catalog.insert(character)

        let change = try home.studio.setCharacterImageFromClip(.init("hero"))
        let image = try #require(change.character.image)
        #expect(image.source == .clipFrame)
        let frame = Vault.path(forSHA256: try #require(image.sha256), in: home.studio.home.vaultPath, mediaType: "image/png")
        #expect(ImageFormat.sniff(atPath: frame) == .success(.png))
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: home.studio.incomingPath)) ?? []
        #expect(incoming.filter { $0.hasPrefix("frame-") }.isEmpty, "the temporary frame is gone")
    }

    @Test func renderingForAnImageModelGivesEachCharactersImageAndRefusesOneWithout() throws {
        let home = try ImageHome()
        try home.hero()
        try home.hero("bob")
        let original = try home.file("hero.png", ImageHome.png)
        let change = try home.studio.setCharacterImage(.init("hero"), from: original)
        let kept = Vault.path(forSHA256: change.character.imageAssetSha256!, in: home.studio.home.vaultPath, mediaType: "image/png")
        let rendered = try home.studio.render(.text("@hero waves"), variables: [], providerName: "sim", model: Self.veo)
        #expect(rendered.compiled.prompt == "hero waves")
        #expect(rendered.compiled.referenceImages == [CompiledReferenceImage(handle: "hero", image: .file(kept))])
        #expect(try home.studio.render(.text("@hero waves"), variables: [], providerName: "sim").compiled.prompt == "@hero_1 waves")
        #expect(throws: PromptError.self) {
            try home.studio.render(.text("@hero and @bob"), variables: [], providerName: "sim", model: Self.veo)
        }
    }

    @Test func theRequestsReferenceImagesAreTheUsersThenTheCharactersWithinTheModelsLimit() throws {
        var compiled = CompiledPrompt(prompt: "Hero and Owl", provider: "sim", referenced: ["hero", "owl"])
        compiled.referenceImages = [CompiledReferenceImage(handle: "hero", image: .url("https://img.test/hero.png")),
                                    CompiledReferenceImage(handle: "owl", image: .file("/v/ab/ab.png"))]
        let images = try Studio.referenceImages(userImage: .file("./style.png"), compiled: compiled, model: Self.veo)
        #expect(images == [.file("./style.png"), .url("https://img.test/hero.png"), .file("/v/ab/ab.png")])
        var small = Self.veo
        small.maxReferenceImages = 2
        #expect(throws: StudioError("veo3.1-fast on sim takes at most 2 reference images, this request has 3: --image, @hero, @owl")) {
            try Studio.referenceImages(userImage: .file("./style.png"), compiled: compiled, model: small)
        }
        #expect(try Studio.referenceImages(userImage: nil, compiled: compiled, model: small).count == 2)
        var one = CompiledPrompt(prompt: "Hero", provider: "sim", referenced: ["hero"])
        one.referenceImages = [CompiledReferenceImage(handle: "hero", image: .url("https://img.test/hero.png"))]
        var request = GenerateRequest(prompt: "Hero", model: Self.veo, referenceImages: [.file("./style.png")])
        try Studio.attachCharacterImages(one, to: &request, model: Self.veo)
        #expect(request.referenceImages == [.file("./style.png"), .url("https://img.test/hero.png")], "the user's image first, then the characters'")
        let plain = CompiledPrompt(prompt: "a night", provider: "sim", referenced: [])
        #expect(try Studio.referenceImages(userImage: .url("https://img.test/s.png"), compiled: plain, model: nil) == [.url("https://img.test/s.png")])
    }
}
