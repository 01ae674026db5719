import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs JSON callbacks (GrsAI `webHook`, AceData `callback_url`).
struct WebhookSender: Sendable {
    /// Sends `body`; true when the receiver answered 2xx.
    func post(_ body: JSONValue, to url: String) async -> Bool {
        guard let target = URL(string: url) else { return false }
        var request = URLRequest(url: target, timeoutInterval: 10)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.text.utf8)
        guard let (_, response) = try? await URLSession.shared.data(for: request),
            let status = (response as? HTTPURLResponse)?.statusCode
        else { return false }
        return (200..<300).contains(status)
    }

    /// Only plain web URLs are called back.
    static func isAcceptable(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), parsed.host != nil else {
            return false
        }
        return scheme == "http" || scheme == "https"
    }
}
