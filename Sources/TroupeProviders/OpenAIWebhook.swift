import Crypto
import Foundation

/// Why a webhook call was refused.
public enum WebhookVerificationError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingHeader(String)
    case invalidTimestamp(String)
    /// The timestamp is further than the tolerance from now (replay or clock skew).
    case timestampOutOfTolerance(seconds: Int)
    case invalidSecret
    case signatureMismatch

    public var description: String {
        switch self {
        case .missingHeader(let name): "webhook refused: the \(name) header is missing"
        case .invalidTimestamp(let value): "webhook refused: webhook-timestamp '\(value)' is not a Unix time"
        case .timestampOutOfTolerance(let seconds): "webhook refused: its timestamp is \(seconds) s away from now (at most \(Int(OpenAIWebhook.tolerance)) s allowed)"
        case .invalidSecret: "webhook refused: the secret is not 'whsec_' followed by Base64"
        case .signatureMismatch: "webhook refused: no signature matches"
        }
    }
}

/// OpenAI-style ("standard webhooks") signature verification.
public enum OpenAIWebhook {
    /// How far the timestamp may be from now, either way.
    public static let tolerance: TimeInterval = 300

    /// Checks `webhook-id`, `webhook-timestamp` and `webhook-signature` against `secret`
    /// (`whsec_<base64>`); `now` is the receiver's clock.
    public static func verify(body: Data, headers: [WireRequest.Header], secret: String, now: Date) throws(WebhookVerificationError) {
        func header(_ name: String) throws(WebhookVerificationError) -> String {
            guard let value = headers.first(where: { $0.name.lowercased() == name })?.value, !value.isEmpty else {
                throw .missingHeader(name)
            }
            return value
        }
        let id = try header("webhook-id")
        let timestampText = try header("webhook-timestamp")
        let signatures = try header("webhook-signature")
        guard let timestamp = Int64(timestampText.trimmingCharacters(in: .whitespaces)) else {
            throw .invalidTimestamp(timestampText)
        }
        let skew = now.timeIntervalSince1970 - Double(timestamp)
        guard abs(skew) <= tolerance else {
            throw .timestampOutOfTolerance(seconds: Int(min(abs(skew), 1e15)))
        }
        let key = try keyBytes(secret)
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        for candidate in signatures.split(separator: " ") {
            let parts = candidate.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let mac = Data(base64Encoded: String(parts[1])) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key) { return }
        }
        throw .signatureMismatch
    }

    /// The `webhook-signature` value for a body (for tests and the simulator's counterpart).
    public static func sign(body: Data, id: String, timestamp: Int64, secret: String) throws(WebhookVerificationError) -> String {
        var signed = Data("\(id).\(timestamp).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: try keyBytes(secret))
        return "v1," + Data(mac).base64EncodedString()
    }

    static func keyBytes(_ secret: String) throws(WebhookVerificationError) -> SymmetricKey {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard !encoded.isEmpty, let bytes = Data(base64Encoded: encoded) else { throw .invalidSecret }
        return SymmetricKey(data: bytes)
    }
}
