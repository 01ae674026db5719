import TroupeCatalog
import TroupeDomain

/// What a character can be shown with: its source clip in the vault (and the range used), or its
/// reference image in the vault.
struct CharacterMedia {
    /// The vault file the character came from (the source video, or the uploaded clip).
    var clipSha256: String?
    /// The part of that file the character was made from.
    var clip: ClipRange?
    /// Seconds the source file lasts, when known.
    var duration: Double?
    /// The video it was extracted from (or registered with).
    var sourceVideo: Video?
    /// Its reference image, when that is a vault file.
    var imageSha256: String?

    init(_ character: CharacterEntry, _ catalog: Catalog) throws {
        clip = character.clip
        if let video = try catalog.sourceVideo(of: character) {
            sourceVideo = video
            if let sha256 = video.assetSha256, let asset = try catalog.asset(sha256: sha256) {
                clipSha256 = sha256
                duration = asset.durationSeconds ?? video.duration.map(Double.init)
            }
        }
        if clipSha256 == nil, let sha256 = character.sourceAssetSha256, let asset = try catalog.asset(sha256: sha256) {
            clipSha256 = sha256
            duration = asset.durationSeconds
        }
        if let sha256 = character.imageAssetSha256, try catalog.asset(sha256: sha256) != nil {
            imageSha256 = sha256
        }
    }

    /// A looping muted clip (cards), the reference image, or a placeholder with the initial.
    func preview(handle: String, loop: Bool = true) -> HTML {
        if let clipSha256 {
            let range: HTML = clip.map { " data-start=\"\(Pages.seconds($0.start))\" data-end=\"\(Pages.seconds($0.end))\"" } ?? .empty
            let poster: HTML = imageSha256.map { " poster=\"\(Pages.fileURL($0))\"" } ?? .empty
            return """
                <video class="clip" src="\(Pages.fileURL(clipSha256))"\(range)\(poster) muted\(loop ? " loop data-loop data-autoplay" : "") playsinline preload="metadata" aria-label="@\(handle)’s clip"></video>
                """
        }
        if let imageSha256 {
            return "<img class=\"still\" src=\"\(Pages.fileURL(imageSha256))\" alt=\"@\(handle)’s reference image\" loading=\"lazy\">"
        }
        let initial = handle.first.map { String($0).uppercased() } ?? "?"
        return "<div class=\"noplayer initial\" aria-hidden=\"true\"><span>\(initial)</span></div>"
    }
}
