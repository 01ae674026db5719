/// A character's reference image: a vault file (by hash) or a URL, and where it came from.
public struct CharacterImage: Sendable, Equatable {
    /// Where the image came from.
    public enum Source: String, Codable, Sendable, CaseIterable {
        /// A local file the user gave, copied into the vault.
        case file
        /// A URL the provider fetches.
        case url
        /// The first frame of the character's source clip (through ffmpeg), in the vault.
        case clipFrame = "clip-frame"
    }

    public var source: Source
    /// The vault file's SHA-256 (`file`, `clip-frame`).
    public var sha256: String?
    /// The URL (`url`).
    public var url: String?

    /// A vault file.
    public static func vault(sha256: String, source: Source = .file) -> CharacterImage {
        CharacterImage(source: source, sha256: sha256, url: nil)
    }

    /// A URL.
    public static func url(_ url: String) -> CharacterImage {
        CharacterImage(source: .url, sha256: nil, url: url)
    }

    public init(source: Source, sha256: String?, url: String?) {
        self.source = source
        self.sha256 = sha256
        self.url = url
    }

    /// One line for messages: `image a1b2c3d4e5f6 (file)` or `https://… (url)`.
    public var summary: String {
        if let sha256 { return "vault file \(sha256.prefix(12)) (\(source.rawValue))" }
        return "\(url ?? "?") (\(source.rawValue))"
    }
}
