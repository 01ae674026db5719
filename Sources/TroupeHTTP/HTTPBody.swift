import Foundation

/// The body of a request.
public enum HTTPBody: Sendable, CustomStringConvertible {
    /// No body.
    case empty
    /// Bytes held in memory.
    case bytes(Data)
    /// `prefix`, then the file at `path` Base64-encoded on the fly, then `suffix`; sent with
    /// a known Content-Length, memory use independent of the file size.
    case base64File(prefix: Data, path: String, suffix: Data)
    /// `segments[0]`, then the file at `paths[0]` Base64-encoded on the fly, then `segments[1]`,
    /// and so on (one segment more than paths); sent like `base64File`, each file read from disk.
    case base64Files(segments: [Data], paths: [String])

    /// A JSON object with the Base64 of a local file as the string value of `field`, e.g.
    /// `{"model":"sora-2","url":"<base64>"}`; `fields` are the other members.
    public static func jsonWithBase64File(
        fields: [String: any Sendable & Encodable], field: String, path: String
    ) throws -> HTTPBody {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var members: [String] = []
        for key in fields.keys.sorted() {
            let name = try encoder.encode(key)
            let value = try encoder.encode(AnyEncodable(fields[key]!))
            members.append(String(decoding: name, as: UTF8.self) + ":" + String(decoding: value, as: UTF8.self))
        }
        let name = String(decoding: try encoder.encode(field), as: UTF8.self)
        members.append(name + ":\"")
        let prefix = "{" + members.joined(separator: ",")
        return .base64File(prefix: Data(prefix.utf8), path: path, suffix: Data("\"}".utf8))
    }

    /// Size in bytes once encoded, when it can be known (readable files).
    public func contentLength() throws -> Int64 {
        switch self {
        case .empty: return 0
        case .bytes(let data): return Int64(data.count)
        case .base64File, .base64Files:
            let (segments, paths) = fileSegments!
            var length = segments.reduce(0) { $0 + Int64($1.count) }
            for path in paths { length += Base64FileReader.encodedSize(try Base64FileReader.fileSize(path)) }
            return length
        }
    }

    /// The bytes around the files and the files' paths, in order; nil for a body without files.
    var fileSegments: (segments: [Data], paths: [String])? {
        switch self {
        case .empty, .bytes: nil
        case .base64File(let prefix, let path, let suffix): ([prefix, suffix], [path])
        case .base64Files(let segments, let paths): (segments, paths)
        }
    }

    /// Kind and size only: never the content (it may hold secrets).
    public var description: String {
        switch self {
        case .empty: return "empty"
        case .bytes(let data): return "\(data.count) bytes"
        case .base64File, .base64Files:
            let (segments, paths) = fileSegments!
            var text = "\(segments[0].count) bytes"
            for (path, segment) in zip(paths, segments.dropFirst()) {
                text += " + base64(\(path)) + \(segment.count) bytes"
            }
            return text
        }
    }
}

private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
