import Foundation

/// One part of a `multipart/form-data` body.
struct MultipartPart: Sendable {
    var name: String
    var filename: String?
    var contentType: String?
    var body: Data
}

/// A minimal `multipart/form-data` reader (RFC 7578), enough for what HTTP clients send.
enum Multipart {
    /// The boundary named in a `Content-Type` header value, nil when it is not multipart.
    static func boundary(fromContentType value: String) -> String? {
        guard value.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix("boundary=") else { continue }
            var boundary = String(pair.dropFirst("boundary=".count))
            if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
                boundary = String(boundary.dropFirst().dropLast())
            }
            return boundary.isEmpty ? nil : boundary
        }
        return nil
    }

    /// The parts of `body`, nil when it is not well formed.
    static func parse(_ body: Data, boundary: String) -> [MultipartPart]? {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        var parts: [MultipartPart] = []
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and a part.
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard body[cursor...].starts(with: crlf) else { return nil }
            cursor += 2
            guard let headersEnd = body.range(of: headerEnd, in: cursor..<body.endIndex),
                let next = body.range(of: crlf + delimiter, in: headersEnd.upperBound..<body.endIndex)
            else { return nil }
            let headerText = String(decoding: body[cursor..<headersEnd.lowerBound], as: UTF8.self)
            var part = MultipartPart(name: "", body: Data(body[headersEnd.upperBound..<next.lowerBound]))
            for line in headerText.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if field == "content-type" { part.contentType = value }
                if field == "content-disposition" {
                    part.name = parameter("name", in: value) ?? ""
                    part.filename = parameter("filename", in: value)
                }
            }
            parts.append(part)
            cursor = next.upperBound
        }
    }

    private static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = pair.firstIndex(of: "="), pair[..<equals].lowercased() == key else { continue }
            var text = String(pair[pair.index(after: equals)...])
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                text = String(text.dropFirst().dropLast())
            }
            return text
        }
        return nil
    }

    /// The text fields as a JSON object, bracketed names (`characters[][id]`) rebuilt into
    /// arrays of objects the way form encoders flatten them; file parts are left out.
    static func fields(_ parts: [MultipartPart]) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        var arrays: [String: [[String: JSONValue]]] = [:]
        for part in parts where part.filename == nil {
            let text = JSONValue.string(String(decoding: part.body, as: UTF8.self))
            if let open = part.name.range(of: "[]["), part.name.hasSuffix("]") {
                let key = String(part.name[..<open.lowerBound])
                let member = String(part.name[open.upperBound..<part.name.index(before: part.name.endIndex)])
                var list = arrays[key] ?? []
                if list.isEmpty || list[list.count - 1][member] != nil { list.append([:]) }
                list[list.count - 1][member] = text
                arrays[key] = list
            } else if part.name.hasSuffix("[]") {
                let key = String(part.name.dropLast(2))
                var list = object[key]?.array ?? []
                list.append(text)
                object[key] = .array(list)
            } else {
                object[part.name] = text
            }
        }
        for (key, list) in arrays {
            object[key] = .array(list.map { .object($0) })
        }
        return object
    }
}
