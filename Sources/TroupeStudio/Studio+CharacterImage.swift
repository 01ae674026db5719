import Foundation
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeProviders

extension Studio {
    /// Gives a character a reference image: a PNG, JPEG or WebP file (copied into the vault by
    /// its hash, so nothing is lost when the original goes away) or an http(s) URL. Replaces an
    /// earlier image (the change says which).
    @discardableResult
    public func setCharacterImage(_ handle: Handle, from text: String) throws -> CharacterImageChange {
        _ = try catalog.character(handle: handle)
        if let scheme = Self.urlScheme(text) {
            guard ["http", "https"].contains(scheme), ImageInputCheck.isUsableURL(text) else {
                throw StudioError("invalid image URL '\(text)': give an http:// or https:// URL with a host and no spaces, or a PNG, JPEG or WebP file")
            }
            return try catalog.setCharacterImage(handle, to: .url(text))
        }
        let format: ImageFormat
        switch ImageFormat.sniff(atPath: text) {
        case .success(let found): format = found
        case .failure where !FileManager.default.fileExists(atPath: text):
            throw StudioError("no such file: \(text): give a PNG, JPEG or WebP file, or an http(s) URL")
        case .failure(let refusal):
            throw StudioError("\(text) is not a PNG, JPEG or WebP image: \(refusal.found); give an image file or an http(s) URL")
        }
        let asset = try importFile(text, mediaType: format.mediaType)
        return try catalog.setCharacterImage(handle, to: .vault(sha256: asset.sha256, source: .file))
    }

    /// Registers a character known by its reference image alone (no provider id, no clip): it
    /// belongs to no provider and travels to every model that takes characters as images.
    @discardableResult
    public func addImageCharacter(_ handle: Handle, image text: String) throws -> CharacterImageChange {
        _ = try catalog.insert(CharacterEntry(handle: handle, providerName: nil, characterId: nil, sourceKind: .registered, status: .ready))
        do {
            return try setCharacterImage(handle, from: text)
        } catch {
            _ = try? catalog.removeCharacter(handle)
            throw error
        }
    }

    /// Removes a character's reference image (its vault file stays, as every vault file does).
    @discardableResult
    public func clearCharacterImage(_ handle: Handle) throws -> CharacterImageChange {
        try catalog.setCharacterImage(handle, to: nil)
    }

    /// Gives a character the first frame of its source clip as its reference image, through
    /// `ffmpeg` found on `PATH` (optional: nothing else needs it).
    @discardableResult
    public func setCharacterImageFromClip(_ handle: Handle,
                                          environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CharacterImageChange {
        let character = try catalog.character(handle: handle)
        guard let ffmpeg = Self.executable(named: "ffmpeg", path: environment["PATH"]) else {
            throw StudioError("--from-clip needs ffmpeg, which is optional and not on PATH: install it (`apt-get install ffmpeg`) or give an image file or URL")
        }
        let (clipFile, start) = try sourceClipFile(of: character)
        try Self.makeDirectory(incomingPath)
        let frame = incomingPath + "/frame-" + UUID().uuidString + ".png"
        defer { try? FileManager.default.removeItem(atPath: frame) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        // A clip at a URL is read by ffmpeg itself, with a read timeout so that a dead server cannot hang it.
        let network = Self.urlScheme(clipFile) != nil ? ["-rw_timeout", "30000000"] : []
        process.arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-ss", PlainNumber.text(start)] + network
            + ["-i", clipFile, "-frames:v", "1", "-f", "image2", "-c:v", "png", frame]
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, case .success(.png) = ImageFormat.sniff(atPath: frame) else {
            let why = String(decoding: said, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init) ?? "no frame written"
            throw StudioError("ffmpeg could not take a frame at \(PlainNumber.text(start)) s from \(clipFile): \(TerminalText.escaped(why)); give an image file or URL instead")
        }
        let asset = try importFile(frame, mediaType: ImageFormat.png.mediaType)
        return try catalog.setCharacterImage(handle, to: .vault(sha256: asset.sha256, source: .clipFrame))
    }

    /// The file a character's clip is in and where the clip starts: its uploaded clip's vault
    /// file, its source video's file, or its clip URL.
    func sourceClipFile(of character: CharacterEntry) throws -> (path: String, start: Double) {
        let start = character.clipStart ?? 0
        let handle = character.handle
        if let sha256 = character.sourceAssetSha256, let asset = try catalog.asset(sha256: sha256) {
            let path = Vault.path(forSHA256: sha256, in: home.vaultPath, mediaType: asset.mediaType)
            if FileManager.default.fileExists(atPath: path) { return (path, start) }
        }
        if let video = try catalog.sourceVideo(of: character) {
            guard let sha256 = video.assetSha256, let asset = try catalog.asset(sha256: sha256) else {
                throw StudioError("@\(handle)'s source video \(video.pid?.rawValue ?? "") has no file in the vault yet: `troupe video fetch` it first, or give an image file or URL")
            }
            return (Vault.path(forSHA256: sha256, in: home.vaultPath, mediaType: asset.mediaType), start)
        }
        if let url = character.sourceURL, Self.urlScheme(url).map({ ["http", "https"].contains($0) }) == true { return (url, start) }
        throw StudioError("@\(handle) has no source clip to take a frame of: give an image file or URL")
    }

    /// The reference images a request carries: the user's `--image` first, then the characters'
    /// (`compiled.referenceImages`, in mention order). Refused, before anything is sent, beyond
    /// the model's `maxReferenceImages`.
    public static func referenceImages(userImage: MediaSource?, compiled: CompiledPrompt, model: ModelSpec?) throws -> [MediaSource] {
        try referenceImages(userImages: userImage.map { [$0] } ?? [], compiled: compiled, model: model)
    }

    /// `referenceImages(userImage:compiled:model:)` for several `--image`s, the user's first, in order.
    public static func referenceImages(userImages: [MediaSource], compiled: CompiledPrompt, model: ModelSpec?) throws -> [MediaSource] {
        let characters = compiled.referenceImages ?? []
        let userImage = userImages.first
        var images: [MediaSource] = userImages
        for reference in characters {
            switch reference.image {
            case .url(let url): images.append(.url(url))
            case .file(let path): images.append(.file(path))
            }
        }
        if let model, !characters.isEmpty, images.count > model.maxReferenceImages {
            let parts = (userImage == nil ? [] : [userImages.count == 1 ? "--image" : "\(userImages.count) --image"]) + characters.map { "@" + $0.handle }
            throw StudioError("\(model.name.rawValue) on \(compiled.provider) takes at most \(model.maxReferenceImages) reference images, "
                              + "this request has \(images.count): \(parts.joined(separator: ", "))")
        }
        return images
    }

    /// Puts the characters' reference images into `request` after the user's `--image`, within
    /// the model's limit.
    static func attachCharacterImages(_ compiled: CompiledPrompt, to request: inout GenerateRequest, model: ModelSpec?) throws {
        let given = request.referenceImages.count
        request.referenceImages = try referenceImages(userImages: request.referenceImages, compiled: compiled, model: model)
        // Where each came from, for the dialects' messages.
        request.referenceOrigins = Array(repeating: "--image", count: given)
            + (compiled.referenceImages ?? []).map { "@\($0.handle) as its image" }
    }

    /// The URL scheme `text` starts with (`https`, `ftp` …), lowercased; nil for a path.
    static func urlScheme(_ text: String) -> String? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.first, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }

    /// The first executable `name` on a `PATH` value.
    static func executable(named name: String, path: String?) -> String? {
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension Studio {
    /// A character's reference image as the compiler sees it: its vault file's path, or its URL.
    func promptImage(of character: CharacterEntry) throws -> PromptImage? {
        if let path = try catalog.imageFile(of: character, vaultPath: home.vaultPath) { return .file(path) }
        return character.imageURL.map { .url($0) }
    }

    /// Whether `setCharacterImageFromClip` has a clip to take a frame of (a refusal mentions `--from-clip`).
    static func hasSourceClip(_ character: CharacterEntry) -> Bool {
        character.sourceAssetSha256 != nil || character.sourceVideoId != nil || character.sourceURL != nil
    }
}
