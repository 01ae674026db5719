import Foundation

extension WireRequest {
    /// A readable rendering for dry runs and the journal: never a key, and each local file as its
    /// path instead of its bytes.
    public var preview: String {
        var line = "\(method) \(path)"
        if !query.isEmpty {
            line += "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        }
        switch body {
        case .none:
            return line
        case .json(let data):
            return line + "\n" + String(decoding: data, as: UTF8.self)
        case .jsonWithBase64File, .jsonWithBase64Files:
            let (segments, filePaths) = body.base64Segments!
            var text = String(decoding: segments[0], as: UTF8.self)
            for (path, segment) in zip(filePaths, segments.dropFirst()) {
                text += "<base64 of \(path)>" + String(decoding: segment, as: UTF8.self)
            }
            return line + "\n" + text
        case .multipart(let parts):
            let rendered = parts.map { part in
                switch part {
                case .field(let name, let value): "\(name)=\(value)"
                case .file(let name, let path, _, let contentType): "\(name)=@\(path) (\(contentType))"
                }
            }
            return ([line] + rendered).joined(separator: "\n")
        }
    }
}
