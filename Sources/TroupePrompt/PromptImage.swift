/// Where a character's reference image is: a URL the provider fetches, or a local file the catalogue keeps.
public enum PromptImage: Sendable, Hashable {
    /// An `http(s)` URL.
    case url(String)
    /// A local file (the catalogue's vault copy).
    case file(String)
}

/// A character's reference image in a compiled prompt: the handle it stands for and where the image is.
///
/// Encodes as `{"handle": "hero", "url": "https://…"}` or `{"handle": "hero", "file": "/…/vault/…png"}`.
public struct CompiledReferenceImage: Sendable, Hashable, Codable {
    /// The character's handle, without `@`.
    public var handle: String
    /// Where the image is.
    public var image: PromptImage

    /// Creates an entry.
    public init(handle: String, image: PromptImage) {
        self.handle = handle
        self.image = image
    }

    enum CodingKeys: String, CodingKey {
        case handle, url, file
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        handle = try container.decode(String.self, forKey: .handle)
        if let url = try container.decodeIfPresent(String.self, forKey: .url) {
            image = .url(url)
        } else if let file = try container.decodeIfPresent(String.self, forKey: .file) {
            image = .file(file)
        } else {
            throw DecodingError.dataCorruptedError(forKey: .url, in: container, debugDescription: "a reference image needs `url` or `file`")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(handle, forKey: .handle)
        switch image {
        case .url(let url): try container.encode(url, forKey: .url)
        case .file(let path): try container.encode(path, forKey: .file)
        }
    }
}
