import Foundation

/// Removes credentials from text that may end up in logs, the catalogue, a terminal or an error.
public enum Redaction {
    /// What stands in for a removed credential.
    public static let placeholder = "<redacted>"
    /// Secrets shorter than this are not searched for: replacing them would mangle ordinary text.
    public static let shortestSecret = 8

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

    /// `text` with every occurrence of `secrets` (the key a request carried) and every
    /// credential-looking token removed: the value of an echoed `Authorization` or `X-Api-Key`
    /// header, `Bearer …` tokens, `sk-…` keys and `whsec_…` webhook secrets.
    public static func text(_ text: String, secrets: [String] = []) -> String {
        var out = text
        for secret in secrets where secret.utf8.count >= shortestSecret {
            out = out.replacingOccurrences(of: secret, with: placeholder)
        }
        let lower = out.lowercased()
        guard credentialWords.contains(where: { lower.contains($0) }) else { return out }
        // An echoed header: `Authorization: Bearer x`, `"x-api-key":"x"`, `api-key=x`.
        out = out.replacing(#/(?i)\b((?:proxy-)?authorization|x-api-key|api-key)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?(?:<redacted>|[^\s"',;&()\[\]{}<>]+)/#) { match in
            "\(match.output.1)\(match.output.2)\(placeholder)"
        }
        // A token after `Bearer`: 8 characters or more, a digit among them (not a word of prose).
        out = out.replacing(#/(?i)\b(bearer)\s+(?=[A-Za-z0-9\-._~+\/]*[0-9])[A-Za-z0-9\-._~+\/]{8,}=*/#) { match in
            "\(match.output.1) \(placeholder)"
        }
        out = out.replacing(#/\bsk-[A-Za-z0-9_\-]{10,}|\bwhsec_[A-Za-z0-9+\/=]{10,}/#) { _ in placeholder }
        return out
    }

    /// Words one of the patterns of `text(_:secrets:)` needs: text without any is left alone.
    private static let credentialWords = ["authorization", "api-key", "bearer", "sk-", "whsec_"]

    /// `data` with every occurrence of `secrets` replaced by `<redacted>`: a response body that
    /// echoes the key a request carried.
    public static func data(_ data: Data, secrets: [String]) -> Data {
        var out = data
        for secret in secrets where secret.utf8.count >= shortestSecret {
            let needle = Data(secret.utf8)
            guard out.range(of: needle) != nil else { continue }
            var result = Data()
            var rest = out[...]
            while let found = rest.range(of: needle) {
                result.append(rest[rest.startIndex..<found.lowerBound])
                result.append(contentsOf: placeholder.utf8)
                rest = rest[found.upperBound...]
            }
            result.append(rest)
            out = result
        }
        return out
    }
}
