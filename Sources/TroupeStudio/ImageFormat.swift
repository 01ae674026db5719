import Foundation

/// The image formats a character's reference image may be, told by a file's first bytes.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    case png
    case jpeg
    case webp

    /// The vault media type.
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }

    /// The format of the file at `path`, or what it is instead (one phrase: "an MP4 video", "empty" …).
    public static func sniff(atPath path: String) -> Result<ImageFormat, Refusal> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(Refusal("there is no such file")) }
        guard !isDirectory.boolValue else { return .failure(Refusal("it is a directory")) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(Refusal("it cannot be read")) }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        return sniff(head)
    }

    /// The format of a file starting with `head` (its first 16 bytes or fewer), or what it is instead.
    public static func sniff(_ head: [UInt8]) -> Result<ImageFormat, Refusal> {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + prefix.count && Array(head[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .success(.png) }
        if starts([0xFF, 0xD8, 0xFF]) { return .success(.jpeg) }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .success(.webp) }
        if head.isEmpty { return .failure(Refusal("it is empty")) }
        if starts(Array("ftyp".utf8), at: 4) { return .failure(Refusal("it is an MP4 or QuickTime video")) }
        if starts(Array("GIF8".utf8)) { return .failure(Refusal("it is a GIF image")) }
        if starts(Array("%PDF".utf8)) { return .failure(Refusal("it is a PDF document")) }
        if head.allSatisfy({ (0x20...0x7E).contains($0) || [0x09, 0x0A, 0x0D].contains($0) }) { return .failure(Refusal("it is text")) }
        return .failure(Refusal("it starts with bytes " + head.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")))
    }

    /// What a file is instead of an image.
    public struct Refusal: Error, Sendable, Equatable {
        public var found: String
        public init(_ found: String) { self.found = found }
    }
}
