extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte (as SHA-256 digests are written). Much faster than
    /// `String(format: "%02x")` per byte, which a batch of thousands of rows felt.
    public var hexadecimal: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
