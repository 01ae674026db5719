import Foundation

extension MP4Reader {
    /// What a file holds, as far as uploading it as an MP4 clip goes.
    public enum Inspection: Sendable, Equatable {
        /// An MP4 (`ftyp` and `moov/mvhd`) this long, in seconds.
        case mp4(duration: Double)
        /// Not an MP4 that can be uploaded: what was found instead.
        case notMP4(String)
    }

    /// Reads the top-level boxes of a file: an uploadable clip has an `ftyp` box and a `moov` box
    /// whose `mvhd` gives a duration over zero. Reads a few bytes per box, never the whole file.
    public static func inspect(atPath path: String) -> Inspection {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .notMP4("it cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return .notMP4("it cannot be read") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .notMP4("it is not a regular file") }
        let end = UInt64(status.st_size)
        guard end > 0 else { return .notMP4("it is empty") }
        var types: [String] = []
        var offset: UInt64 = 0
        while offset < end, types.count < 64 {
            var header = [UInt8](repeating: 0, count: 16)
            let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 16, off_t(offset)) }
            header = Array(header.prefix(max(0, n)))
            let printable = header.count >= 8 && header[4..<8].allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            var size = header.count >= 8 ? header[0..<4].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : 0
            var headerSize: UInt64 = 8
            if size == 1, header.count >= 16 {
                size = header[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            guard printable, size >= headerSize, size <= end - offset else {
                if offset == 0 {
                    let first = header.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
                    return .notMP4("it does not begin with an MP4 box (its first bytes are \(first))")
                }
                return .notMP4("its boxes stop making sense after \(types.joined(separator: ", ")) at byte \(offset) (cut short or damaged?)")
            }
            types.append(String(decoding: header[4..<8], as: UTF8.self))
            offset += size
        }
        let found = types.joined(separator: ", ")
        guard types.contains("ftyp") else { return .notMP4("it has no ftyp box (its boxes: \(found))") }
        guard types.contains("moov") else { return .notMP4("it has no moov box (its boxes: \(found)); it may be cut short or still being written") }
        guard let duration = findMvhd(fd, from: 0, to: end, depth: 0), duration.isFinite, duration > 0 else {
            return .notMP4("its moov box gives no duration (no readable mvhd)")
        }
        return .mp4(duration: duration)
    }
}
