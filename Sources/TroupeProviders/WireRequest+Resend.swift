import Foundation
import TroupeDomain

extension WireRequest {
    /// The request a journaled `preview` shows, rebuilt to send the same call again: a JSON body
    /// (strings of it may be local files sent as Base64), or none. Nil for a multipart body
    /// (its preview does not keep every byte) or text that is not a preview.
    public init?(preview: String) {
        let (head, body) = preview.firstIndex(of: "\n").map { (String(preview[..<$0]), String(preview[preview.index(after: $0)...])) }
            ?? (preview, nil)
        let parts = head.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(parts[0]), parts[1].hasPrefix("/") else { return nil }
        var path = parts[1]
        var query: [QueryItem] = []
        if let mark = path.firstIndex(of: "?") {
            query = path[path.index(after: mark)...].split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
                return QueryItem(pair[0], pair.count > 1 ? pair[1] : "")
            }
            path = String(path[..<mark])
        }
        guard let body else {
            self.init(method: parts[0], path: path, query: query)
            return
        }
        if let split = Self.base64FileSplit(body) {
            self.init(method: parts[0], path: path, query: query, headers: Self.jsonHeaders,
                      body: .json(segments: split.segments, filePaths: split.paths))
            return
        }
        let data = Data(body.utf8)
        guard (try? JSONValue.parse(data))?.isObject == true else { return nil }
        self.init(method: parts[0], path: path, query: query, headers: Self.jsonHeaders, body: .json(data))
    }

    /// Where a preview shows local files as `"<base64 of PATH>"`: each a JSON string of its own
    /// (its opening quote follows `:`, `[` or `,`, which a quote inside a string never does, being
    /// escaped), the body around them a JSON object. The text around the files (one segment more
    /// than paths), or nil when the body shows no file.
    static func base64FileSplit(_ body: String) -> (segments: [Data], paths: [String])? {
        let marker = "\"<base64 of "
        var segments: [Data] = []
        var paths: [String] = []
        var start = body.startIndex
        var searched = body.startIndex..<body.endIndex
        while let found = body.range(of: marker, range: searched) {
            searched = found.upperBound..<body.endIndex
            guard found.lowerBound > body.startIndex, ":[,".contains(body[body.index(before: found.lowerBound)]),
                  let end = body[found.upperBound...].range(of: ">\""), end.lowerBound > found.upperBound else { continue }
            segments.append(Data(body[start...found.lowerBound].utf8))
            paths.append(String(body[found.upperBound..<end.lowerBound]))
            start = body.index(after: end.lowerBound)
            searched = end.upperBound..<body.endIndex
        }
        guard !paths.isEmpty else { return nil }
        segments.append(Data(body[start...].utf8))
        guard (try? JSONValue.parse(segments.reduce(Data(), +)))?.isObject == true else { return nil }
        return (segments, paths)
    }

    /// How the answer to this paid call comes back, read from its body as the dialects write it:
    /// GrsAI streams without `webHook`, polls with `"-1"`, else calls the URL back; AceData calls
    /// `callback_url` back, else answers at once; OpenAI-style providers are polled.
    public func delivery(kind: ProviderKind) -> Delivery {
        let object: JSONValue? = switch body {
        case .json(let data): try? JSONValue.parse(data)
        case .jsonWithBase64File, .jsonWithBase64Files: try? JSONValue.parse(body.base64Segments!.segments.reduce(Data(), +))
        case .none, .multipart: nil
        }
        switch kind {
        case .grsai:
            guard let hook = object?["webHook"]?.text else { return .stream }
            return hook == "-1" ? .poll : .webhook(hook)
        case .acedata:
            return (object?["callback_url"]?.text).map { .webhook($0) } ?? .poll
        case .openai:
            return .poll
        }
    }
}
