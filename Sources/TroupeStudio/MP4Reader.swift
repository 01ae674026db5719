import Foundation

/// Reads an MP4's duration from its `moov/mvhd` box.
public enum MP4Reader {
    /// The duration in seconds, or nil when the file is not an MP4 this can read.
    public static func duration(atPath path: String) -> Double? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0 else { return nil }
        return findMvhd(fd, from: 0, to: UInt64(status.st_size), depth: 0)
    }

    /// Up to `count` (≤ 32) bytes at `offset`; fewer at the end of the file.
    private static func read(_ fd: Int32, at offset: UInt64, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(offset)) }
        return n > 0 ? Array(bytes.prefix(n)) : []
    }

    private static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        bytes[range].reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func findMvhd(_ fd: Int32, from start: UInt64, to end: UInt64, depth: Int) -> Double? {
        var offset = start
        while offset < end, end - offset >= 8 {
            let header = read(fd, at: offset, count: 16)
            guard header.count >= 8 else { return nil }
            var size = integer(header, 0..<4)
            let type = (header[4], header[5], header[6], header[7])
            var headerSize: UInt64 = 8
            if size == 1, header.count >= 16 {
                size = integer(header, 8..<16)
                headerSize = 16
            } else if size == 0 {
                size = end - offset
            }
            let (next, overflow) = offset.addingReportingOverflow(size)
            guard size >= headerSize, !overflow else { return nil }
            if type == (0x6D, 0x6F, 0x6F, 0x76), depth == 0 {  // "moov"
                return findMvhd(fd, from: offset + headerSize, to: min(next, end), depth: 1)
            }
            if type == (0x6D, 0x76, 0x68, 0x64), depth == 1 {  // "mvhd"
                let body = read(fd, at: offset + headerSize, count: 32)
                guard body.count >= 20 else { return nil }
                let (timescale, duration) = body[0] == 1
                    ? (integer(body, 20..<24), body.count >= 32 ? integer(body, 24..<32) : 0)
                    : (integer(body, 12..<16), integer(body, 16..<20))
                return timescale > 0 ? Double(duration) / Double(timescale) : nil
            }
            offset = next
        }
        return nil
    }
}
