import Foundation

/// The committed real clips, decoded once, and which one a result gets.
public enum FixtureClips {
    /// Every clip, in file-name order.
    public static let all: [FixtureClip] = encoded.map { entry in
        let data = Data(base64Encoded: entry.base64, options: .ignoreUnknownCharacters) ?? Data()
        return FixtureClip(name: entry.name, portrait: entry.portrait, data: data, seconds: MP4.duration(of: data) ?? 0)
    }

    /// The clip for a result named `key` (a pid or task id): always the same one for the same
    /// key, among the portrait or the landscape clips as asked.
    public static func clip(for key: String, portrait: Bool) -> FixtureClip {
        let candidates = all.filter { $0.portrait == portrait }
        let pool = candidates.isEmpty ? all : candidates
        // FNV-1a: stable across runs and platforms (Hasher is seeded per process).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return pool[Int(hash % UInt64(pool.count))]
    }

    /// The chosen clip's bytes followed by a `free` box naming `key`, so that every result hashes
    /// differently while staying the same playable MP4 (players skip `free` boxes).
    public static func file(for key: String, portrait: Bool) -> Data {
        var out = clip(for: key, portrait: portrait).data
        let label = Data("troupe-sim \(key)".utf8)
        let size = UInt32(8 + label.count)
        out.append(Data([UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]))
        out.append(Data("free".utf8))
        out.append(label)
        return out
    }
}
