import Foundation
import TroupeCatalog
import TroupeHTTP
import TroupeProviders

/// Sends provider wire requests through the libcurl client, with the key from the environment.
struct Transport: Sendable {
    let client: HTTPClient
    let provider: Provider
    let key: String
    /// Receives each exchange (redacted) for `--verbose`.
    var events: StudioEvents = { _ in }

    /// The key a provider's requests carry: from its environment variable, or from the file that
    /// `<VARIABLE>_FILE` names (which must be readable by its owner only); the simulator takes any.
    static func key(for provider: Provider, environment: [String: String]) throws -> String {
        guard let variable = provider.keyEnv else { return "troupe-local" }
        if let key = environment[variable], !key.isEmpty { return key }
        if let path = environment[variable + "_FILE"], !path.isEmpty { return try keyFromFile(path, variable: variable + "_FILE") }
        throw StudioError("\(variable) is not set: export your \(provider.name) API key in it, or name a file holding it in \(variable)_FILE (troupe never stores keys)")
    }

    /// Reads a key file, refusing one that group or others may read or write.
    static func keyFromFile(_ path: String, variable: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw StudioError("\(variable) names \(path), which is not a readable file")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw StudioError("the key file \(path) has mode \(String(mode, radix: 8)): other users may read it; run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StudioError("\(variable) names \(path), which cannot be read")
        }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw StudioError("the key file \(path) is empty") }
        return key
    }

    /// The full URL of a wire request against the provider's base URL.
    func url(for wire: WireRequest) -> String {
        var url = provider.requestBaseURL + wire.path
        if !wire.query.isEmpty {
            var components = URLComponents()
            components.queryItems = wire.query.map { URLQueryItem(name: $0.name, value: $0.value) }
            url += "?" + (components.percentEncodedQuery ?? "")
        }
        return url
    }

    /// Builds the libcurl request. Paid calls are never retried by the transport.
    func httpRequest(for wire: WireRequest, idempotent: Bool) throws -> HTTPRequest {
        var headers = wire.headers.map { HTTPHeader($0.name, $0.value) }
        let body: HTTPBody
        switch wire.body {
        case .none:
            body = .empty
        case .json(let data):
            body = .bytes(data)
        case .jsonWithBase64File(let prefix, let path, let suffix):
            body = .base64File(prefix: prefix, path: path, suffix: suffix)
        case .jsonWithBase64Files(let segments, let paths):
            body = .base64Files(segments: segments, paths: paths)
        case .multipart(let parts):
            let boundary = "troupe-" + UUID().uuidString
            body = .bytes(try Self.multipart(parts, boundary: boundary))
            headers.removeAll { $0.name.lowercased() == "content-type" }
            headers.append(HTTPHeader("Content-Type", "multipart/form-data; boundary=\(boundary)"))
        }
        return HTTPRequest(method: wire.method, url: url(for: wire), headers: headers, bearerToken: key, body: body,
                           idempotent: idempotent, timeouts: HTTPTimeouts(connect: .seconds(15), total: .seconds(120)))
    }

    /// Sends and returns what came back; any HTTP status is an answer, not an error.
    func send(_ wire: WireRequest, idempotent: Bool) async throws -> WireResponse {
        let request = try httpRequest(for: wire, idempotent: idempotent)
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch {
            events(.exchange(request: scrubbed(request.debugDescription), status: nil))
            throw scrubbed(error)
        }
        events(.exchange(request: scrubbed(request.debugDescription), status: response.status))
        return WireResponse(status: response.status,
                            headers: response.headers.map { WireRequest.Header($0.name, scrubbed($0.value)) },
                            body: scrubbed(response.body))
    }

    /// An answer's bytes without the key: a provider may echo the `Authorization` header back
    /// (in an error body, say), and nothing read from an answer may carry the key on to the
    /// catalogue, a terminal or an error.
    func scrubbed(_ data: Data) -> Data {
        Redaction.data(data, secrets: [key])
    }

    /// Text without the key or anything that looks like a credential.
    func scrubbed(_ text: String) -> String {
        Redaction.text(text, secrets: [key])
    }

    /// A transfer error whose message carries neither the key nor a credential.
    func scrubbed(_ error: any Error) -> any Error {
        guard var failure = error as? HTTPError else { return error }
        failure.message = scrubbed(failure.message)
        return failure
    }

    static func multipart(_ parts: [MultipartPart], boundary: String) throws -> Data {
        var data = Data()
        func line(_ text: String) { data.append(Data((text + "\r\n").utf8)) }
        for part in parts {
            line("--\(boundary)")
            switch part {
            case .field(let name, let value):
                line("Content-Disposition: form-data; name=\"\(name)\"")
                line("")
                line(value)
            case .file(let name, let path, let filename, let contentType):
                line("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"")
                line("Content-Type: \(contentType)")
                line("")
                data.append(try Data(contentsOf: URL(fileURLWithPath: path)))
                line("")
            }
        }
        line("--\(boundary)--")
        return data
    }
}

/// A workflow refusal or failure, as one readable line.
public struct StudioError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
