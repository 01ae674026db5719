import Foundation

/// Removes credentials from text that may end up in logs.
enum Redaction {
    static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie",
    ]
    static let secretQueryWords = ["key", "token", "secret", "sig", "auth", "password"]

    /// The URL without `user:password@` and with secret-looking query values replaced.
    static func url(_ raw: String) -> String {
        guard var parts = URLComponents(string: raw) else {
            // Not parseable: keep only what precedes a possible userinfo or query.
            if let at = raw.firstIndex(of: "@"), let scheme = raw.range(of: "://") {
                return String(raw[..<scheme.upperBound]) + "<redacted>@" + String(raw[raw.index(after: at)...])
            }
            return raw
        }
        if parts.user != nil || parts.password != nil {
            parts.user = nil
            parts.password = nil
        }
        if let items = parts.queryItems {
            parts.queryItems = items.map { item in
                let lower = item.name.lowercased()
                if secretQueryWords.contains(where: { lower.contains($0) }) {
                    return URLQueryItem(name: item.name, value: "redacted")
                }
                return item
            }
        }
        return parts.string ?? raw
    }

    /// The header value, or `<redacted>` for credential headers.
    static func headerValue(name: String, value: String) -> String {
        secretHeaders.contains(name.lowercased()) ? "<redacted>" : value
    }
}
