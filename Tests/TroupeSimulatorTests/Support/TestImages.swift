import Foundation

/// Small image payloads: only the magic bytes matter to the simulator.
enum TestImages {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1])
    static let webp = Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)
    static var pngDataURL: String { "data:image/png;base64," + png.base64EncodedString() }
    static var bareJPEG: String { jpeg.base64EncodedString() }
    static var webpDataURL: String { "data:image/webp;base64," + webp.base64EncodedString() }
    /// Valid Base64 that is not an image.
    static var text: String { Data("hello, not an image".utf8).base64EncodedString() }
}
