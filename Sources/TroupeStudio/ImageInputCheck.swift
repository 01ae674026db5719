import Foundation
import TroupeProviders

/// Checks a generation's images (`--image`, `--first-frame`, `--last-frame`) before anything is
/// journaled: a URL is http(s) with a host and no spaces, a file is a PNG, JPEG or WebP image
/// by its first bytes.
public enum ImageInputCheck {
    /// `text` as the source it names, or one line saying what is wrong and what is taken.
    /// `role` names the input in the message (`reference image`, `first frame` …).
    public static func source(_ text: String, role: String) throws -> MediaSource {
        if let scheme = Studio.urlScheme(text) {
            guard ["http", "https"].contains(scheme) else {
                throw StudioError("\(role) '\(text)': only http(s) URLs or a local PNG, JPEG or WebP file are taken")
            }
            guard isUsableURL(text) else {
                throw StudioError("\(role) URL '\(text)' is not usable: give an http(s) URL with a host and no spaces")
            }
            return .url(text)
        }
        switch ImageFormat.sniff(atPath: text) {
        case .success: return .file(text)
        case .failure where !FileManager.default.fileExists(atPath: text):
            throw StudioError("\(role) file '\(text)' does not exist: give a PNG, JPEG or WebP file or an http(s) URL")
        case .failure(let refusal):
            throw StudioError("\(role) file '\(text)' is not a PNG, JPEG or WebP image (\(refusal.found)): give an image file or an http(s) URL")
        }
    }

    /// An http(s) URL with a host and no whitespace (a provider fetches it as it is).
    public static func isUsableURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace || $0.isNewline }),
              let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else { return false }
        return true
    }
}
