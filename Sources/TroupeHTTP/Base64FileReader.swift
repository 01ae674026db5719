import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Produces `prefix + base64(file) + suffix` piece by piece for libcurl's read callback.
/// Holds at most one raw chunk and its encoding in memory, whatever the file size.
final class Base64FileReader {
    /// Raw bytes read per step; a multiple of 3 so that chunks encode without padding.
    static let rawChunk = 3 * 128 * 1024

    let contentLength: Int64
    private let url: String
    private let path: String
    private var fd: Int32
    private var pending: [UInt8]
    private var pendingOffset = 0
    private var suffix: [UInt8]?
    private var raw: [UInt8]

    init(prefix: Data, path: String, suffix: Data, url: String) throws {
        self.url = url
        self.path = path
        let size = try Self.fileSize(path)
        contentLength = Int64(prefix.count) + (size + 2) / 3 * 4 + Int64(suffix.count)
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw HTTPError(kind: .file, message: "cannot open \(path): \(String(cString: strerror(errno)))", url: url)
        }
        pending = Array(prefix)
        self.suffix = Array(suffix)
        raw = [UInt8](repeating: 0, count: Self.rawChunk)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw HTTPError(kind: .file, message: "cannot read \(path): \(String(cString: strerror(errno)))", url: "")
        }
        return Int64(info.st_size)
    }

    /// Fills `buffer` with the next bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if pendingOffset == pending.count {
                guard try refill() else { break }
            }
            let n = min(buffer.count - written, pending.count - pendingOffset)
            pending.withUnsafeBytes { source in
                buffer.baseAddress!.advanced(by: written)
                    .copyMemory(from: source.baseAddress!.advanced(by: pendingOffset), byteCount: n)
            }
            pendingOffset += n
            written += n
        }
        return written
    }

    /// Loads the next encoded chunk into `pending`; false when everything was produced.
    private func refill() throws -> Bool {
        pendingOffset = 0
        if fd >= 0 {
            var filled = 0
            while filled < raw.count {
                let n = raw.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + filled, $0.count - filled) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw HTTPError(kind: .file, message: "cannot read \(path): \(String(cString: strerror(errno)))", url: url)
                }
                if n == 0 { break }
                filled += n
            }
            if filled < raw.count {
                close(fd)
                fd = -1
            }
            if filled > 0 {
                pending = Array(Data(raw[0..<filled]).base64EncodedData())
                return true
            }
        }
        if let suffix {
            pending = suffix
            self.suffix = nil
            if !suffix.isEmpty { return true }
            return try refill()
        }
        pending = []
        return false
    }
}
