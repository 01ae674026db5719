/// SplitMix64: a small, fast generator whose whole state is one number, so a run with
/// the same seed and the same sequence of requests makes the same ids and the same faults.
struct SeededGenerator: RandomNumberGenerator, Sendable, Codable {
    private(set) var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// `count` lowercase hexadecimal digits.
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(count)
        var word: UInt64 = 0
        for index in 0..<count {
            if index % 16 == 0 { word = next() }
            out.append(digits[Int(word & 0xF)])
            word >>= 4
        }
        return out
    }

    /// A lowercase UUID string (version 4 layout).
    mutating func uuid() -> String {
        let h = Array(hex(32))
        let s = { (r: Range<Int>) in String(h[r]) }
        return "\(s(0..<8))-\(s(8..<12))-4\(s(13..<16))-a\(s(17..<20))-\(s(20..<32))"
    }
}
