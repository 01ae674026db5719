import Crypto
import Foundation

/// Signs result URLs (`/files/<id>.mp4?se=<expiry>&sig=<hmac>`) and checks them.
struct FileSigner: Sendable {
    private let keyData: Data

    init(key: Data) {
        keyData = key
    }

    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    /// The expiry as it travels in `se`: ISO 8601 UTC, like AceData's signed URLs.
    static func stamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
    }

    static func date(fromStamp stamp: String) -> Date? {
        try? Date(stamp, strategy: .iso8601)
    }

    private func message(_ file: String, _ stamp: String) -> Data { Data("\(file)\n\(stamp)".utf8) }

    func signature(file: String, stamp: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: message(file, stamp), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    func url(base: String, file: String, expires: Date) -> String {
        let stamp = Self.stamp(expires)
        let encoded = stamp.replacingOccurrences(of: ":", with: "%3A")
        return "\(base)/files/\(file)?se=\(encoded)&sig=\(signature(file: file, stamp: stamp))"
    }

    /// True when `sig` is this key's signature of `file` and `stamp` (constant-time compare).
    func isValid(file: String, stamp: String, sig: String) -> Bool {
        guard let bytes = Self.bytes(hex: sig) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: message(file, stamp), using: key)
    }

    private static func bytes(hex: String) -> Data? {
        guard hex.count == 64 else { return nil }
        var out = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            out.append(byte)
            index = next
        }
        return out
    }
}
