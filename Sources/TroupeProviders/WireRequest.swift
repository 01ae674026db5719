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
    /// `multipart/form-data`, parts in order.
    case multipart([MultipartPart])
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
