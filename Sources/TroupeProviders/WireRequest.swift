import Foundation

/// An HTTP call described as a plain value, for the transport to send.
///
/// `path` is relative to the provider's base URL. `headers` never hold `Authorization`:
/// the transport adds the bearer key itself.
public struct WireRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: [QueryItem]
    public var headers: [Header]
    public var body: WireBody

    public init(method: String, path: String, query: [QueryItem] = [], headers: [Header] = [], body: WireBody = .none) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A query parameter.
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A request header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The value of header `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static let jsonHeaders = [Header("Content-Type", "application/json"), Header("Accept", "application/json")]
}

/// What a request carries.
public enum WireBody: Sendable, Equatable {
    case none
    /// A complete JSON document.
    case json(Data)
    /// A JSON document with one string whose content is the Base64 of a local file: the transport
    /// sends `prefix`, then the file Base64-encoded (streamed), then `suffix`.
    case jsonWithBase64File(prefix: Data, filePath: String, suffix: Data)
    /// A JSON document with two or more such strings: the transport sends `segments[0]`, the
    /// first file Base64-encoded (streamed), `segments[1]`, and so on; one segment more than files.
    case jsonWithBase64Files(segments: [Data], filePaths: [String])
    /// `multipart/form-data`, parts in order.
    case multipart([MultipartPart])
}

extension WireBody {
    /// The JSON text around the local files sent as Base64 and the files' paths, in order
    /// (one segment more than paths); nil for a body without such files.
    public var base64Segments: (segments: [Data], filePaths: [String])? {
        switch self {
        case .jsonWithBase64File(let prefix, let filePath, let suffix): ([prefix, suffix], [filePath])
        case .jsonWithBase64Files(let segments, let filePaths): (segments, filePaths)
        case .none, .json, .multipart: nil
        }
    }

    /// The body with each `text` in its JSON text (never in a file's bytes) replaced by `replacement`;
    /// `text` must not span a file.
    public func replacingJSONText(_ text: String, with replacement: String) -> WireBody {
        func replaced(_ data: Data) -> Data {
            Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: text, with: replacement).utf8)
        }
        switch self {
        case .json(let data): return .json(replaced(data))
        case .jsonWithBase64File, .jsonWithBase64Files:
            let (segments, filePaths) = base64Segments!
            return .json(segments: segments.map(replaced), filePaths: filePaths)
        case .none, .multipart: return self
        }
    }

    /// True when the body's JSON text (not a file's bytes) contains `text`.
    public func jsonTextContains(_ text: String) -> Bool {
        switch self {
        case .json(let data): String(decoding: data, as: UTF8.self).contains(text)
        case .jsonWithBase64File, .jsonWithBase64Files: base64Segments!.segments.contains { String(decoding: $0, as: UTF8.self).contains(text) }
        case .none, .multipart: false
        }
    }

    /// The body for JSON text split around local files: plain JSON with no file, the one-file
    /// case with one, the several-file case with more. `segments` has one more item than `filePaths`.
    static func json(segments: [Data], filePaths: [String]) -> WireBody {
        precondition(segments.count == filePaths.count + 1, "one JSON segment more than files")
        switch filePaths.count {
        case 0: return .json(segments[0])
        case 1: return .jsonWithBase64File(prefix: segments[0], filePath: filePaths[0], suffix: segments[1])
        default: return .jsonWithBase64Files(segments: segments, filePaths: filePaths)
        }
    }
}

/// One part of a `multipart/form-data` body.
public enum MultipartPart: Sendable, Equatable {
    /// A plain form field.
    case field(name: String, value: String)
    /// A local file sent as a file part.
    case file(name: String, path: String, filename: String, contentType: String)
}

/// A response as the transport received it.
public struct WireResponse: Sendable {
    public var status: Int
    public var headers: [WireRequest.Header]
    public var body: Data

    public init(status: Int, headers: [WireRequest.Header] = [], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of header `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
