import Foundation

/// An image sent in a request: an http(s) URL, or Base64 data (a `data:image/…;base64,` URL or
/// bare Base64) that decodes to a PNG, JPEG or WebP.
enum ImageInput {
    /// How an image travelled: `url` or `base64`.
    enum Form: String {
        case url, base64
    }

    /// The form of `value`, or a one-line reason (prefixed by `field`) it is not an image.
    static func check(_ value: JSONValue?, field: String) -> Result<Form, Rejection> {
        guard let text = value?.string, !text.isEmpty else {
            return .failure(refusal("\(field) must be an http(s) URL or Base64 image data"))
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            guard let url = URL(string: text), let host = url.host, !host.isEmpty else {
                return .failure(refusal("\(field) is not a valid URL"))
            }
            return .success(.url)
        }
        var payload = Substring(text)
        if lowered.hasPrefix("data:") {
            guard let comma = text.firstIndex(of: ","),
                text[..<comma].lowercased().hasPrefix("data:image/"), text[..<comma].lowercased().hasSuffix(";base64")
            else {
                return .failure(refusal("\(field) must be a data:image/…;base64, URL"))
            }
            payload = text[text.index(after: comma)...]
        }
        let compact = payload.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(compact)) else {
            return .failure(refusal("\(field) must be an http(s) URL or Base64 image data (it is neither)"))
        }
        guard isImage(data) else {
            return .failure(refusal("\(field) is not a PNG, JPEG or WebP image"))
        }
        return .success(.base64)
    }

    /// True when the bytes start like a PNG, JPEG or WebP file.
    static func isImage(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(12))
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.starts(with: png) { return true }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return true }
        return bytes.count == 12 && bytes[0..<4].elementsEqual("RIFF".utf8) && bytes[8..<12].elementsEqual("WEBP".utf8)
    }

    private static func refusal(_ message: String) -> Rejection {
        Rejection(status: .badRequest, message: message)
    }
}
