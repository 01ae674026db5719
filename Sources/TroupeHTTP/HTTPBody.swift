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

    /// Size in bytes once encoded, when it can be known (a readable file).
    public func contentLength() throws -> Int64 {
        switch self {
        case .empty: return 0
        case .bytes(let data): return Int64(data.count)
        case .base64File(let prefix, let path, let suffix):
            let size = try Base64FileReader.fileSize(path)
            return Int64(prefix.count) + (size + 2) / 3 * 4 + Int64(suffix.count)
        }
    }

    /// Kind and size only: never the content (it may hold secrets).
    public var description: String {
        switch self {
        case .empty: return "empty"
        case .bytes(let data): return "\(data.count) bytes"
        case .base64File(let prefix, let path, let suffix):
            return "\(prefix.count) bytes + base64(\(path)) + \(suffix.count) bytes"
        }
    }
}

private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
