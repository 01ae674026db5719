import Foundation

/// Tiny but structurally valid MP4 files: `ftyp`, `moov` with an `mvhd` carrying the
/// duration, and an `mdat` naming the video, so each result hashes differently.
public enum MP4 {
    /// A file whose `mvhd` says `seconds` long (timescale 1000).
    public static func make(seconds: Double, label: String) -> Data {
        var ftyp = Data("isom".utf8)
        ftyp.append(uint32(512))
        ftyp.append(Data("isomiso2mp41".utf8))

        var mvhd = Data([0, 0, 0, 0])  // version 0, flags
        mvhd.append(uint32(0))  // creation time
        mvhd.append(uint32(0))  // modification time
        mvhd.append(uint32(1000))  // timescale
        mvhd.append(uint32(UInt32(max(0, (seconds * 1000).rounded()))))
        mvhd.append(uint32(0x0001_0000))  // rate 1.0
        mvhd.append(Data([0x01, 0x00]))  // volume 1.0
        mvhd.append(Data(count: 10))  // reserved
        for value: UInt32 in [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
            mvhd.append(uint32(value))  // unity matrix
        }
        mvhd.append(Data(count: 24))  // pre-defined
        mvhd.append(uint32(2))  // next track id

        var out = box("ftyp", ftyp)
        out.append(box("moov", box("mvhd", mvhd)))
        out.append(box("mdat", Data("troupe-sim \(label)".utf8)))
        return out
    }

    /// The duration in seconds read from the `mvhd` box, nil when the data is not an MP4.
    public static func duration(of data: Data) -> Double? {
        let bytes = [UInt8](data)
        guard let moov = findBox("moov", in: bytes, range: 0..<bytes.count),
            let mvhd = findBox("mvhd", in: bytes, range: moov)
        else { return nil }
        let start = mvhd.lowerBound
        guard mvhd.count >= 20 else { return nil }
        let version = bytes[start]
        if version == 1 {
            guard mvhd.count >= 32 else { return nil }
            let scale = read32(bytes, start + 20)
            let duration = read64(bytes, start + 24)
            return scale == 0 ? nil : Double(duration) / Double(scale)
        }
        let scale = read32(bytes, start + 12)
        let duration = read32(bytes, start + 16)
        return scale == 0 ? nil : Double(duration) / Double(scale)
    }

    private static func findBox(_ type: String, in bytes: [UInt8], range: Range<Int>) -> Range<Int>? {
        var offset = range.lowerBound
        let wanted = Array(type.utf8)
        while offset + 8 <= range.upperBound {
            let size = Int(read32(bytes, offset))
            guard size >= 8, offset + size <= range.upperBound else { return nil }
            if Array(bytes[(offset + 4)..<(offset + 8)]) == wanted {
                return (offset + 8)..<(offset + size)
            }
            offset += size
        }
        return nil
    }

    private static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func read64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func uint32(_ value: UInt32) -> Data {
        Data([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    private static func box(_ type: String, _ payload: Data) -> Data {
        var out = uint32(UInt32(8 + payload.count))
        out.append(Data(type.utf8))
        out.append(payload)
        return out
    }
}
