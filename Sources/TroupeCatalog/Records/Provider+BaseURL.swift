import Foundation
import TroupeDomain

extension Provider {
    /// `baseURL` as requests use it: see `normalizedBaseURL(_:kind:)`. Rows stored before base
    /// URLs were normalised (`https://gate.example.com/v1/`) reach the same endpoints.
    public var requestBaseURL: String { Self.normalizedBaseURL(baseURL, kind: kind) }

    /// The one form of a base URL, as stored and as used: no surrounding blanks, no trailing `/`,
    /// and — for the kinds whose paths begin with `/v1` (GrsAI, OpenAI-style) — no trailing `/v1`
    /// either, so `https://gate.example.com/v1` and `https://gate.example.com` both reach
    /// `https://gate.example.com/v1/videos` (never `/v1/v1/videos`).
    public static func normalizedBaseURL(_ text: String, kind: ProviderKind) -> String {
        var base = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func dropSlashes() { while base.hasSuffix("/") { base.removeLast() } }
        dropSlashes()
        if kind.pathsBeginWithV1, base.lowercased().hasSuffix("/v1") {
            base.removeLast(3)
            dropSlashes()
        }
        return base
    }

    /// Checks a base URL given by a user and returns its normalised form; the error says what is
    /// allowed.
    public static func validatedBaseURL(_ text: String, kind: ProviderKind) throws -> String {
        let base = normalizedBaseURL(text, kind: kind)
        guard let url = URLComponents(string: base), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw CatalogError("invalid base URL '\(text)': use an http:// or https:// URL, e.g. https://grsaiapi.com")
        }
        guard url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else {
            throw CatalogError("invalid base URL '\(text)': give only scheme, host, port and path (no query, fragment or credentials), e.g. https://gate.example.com/v1")
        }
        return base
    }

    /// Checks the name of the environment variable holding a provider's key; the error does not
    /// repeat what was given.
    public static func validateKeyEnv(_ keyEnv: String) throws {
        let valid = !keyEnv.isEmpty && keyEnv.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || byte == 95
        } && !(keyEnv.utf8.first.map { $0 >= 48 && $0 <= 57 } ?? true)
        guard valid else {
            // Not repeated: what was given may be the key itself.
            throw CatalogError("invalid key variable: name an environment variable (capital letters, digits, '_'), e.g. GRSAI_API_KEY — never the key itself")
        }
    }
}

extension ProviderKind {
    /// Whether the dialect's paths begin with `/v1` (`/v1/video/sora-video`, `/v1/videos`).
    var pathsBeginWithV1: Bool {
        switch self {
        case .grsai, .openai: true
        case .acedata: false
        }
    }
}
