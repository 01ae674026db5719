import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Produces `segments[0] + base64(file 0) + segments[1] + … + segments[n]` piece by piece for
/// libcurl's read callback. Holds at most one raw chunk and its encoding in memory, whatever the
/// file sizes.
final class Base64FileReader {
    /// Raw bytes read per step; a multiple of 3 so that chunks encode without padding.
    static let rawChunk = 3 * 128 * 1024

    let contentLength: Int64
    private let url: String
    private let paths: [String]
    private let sizes: [Int64]
    /// One descriptor per file, opened before anything is sent; -1 once read to its end.
    private var fds: [Int32]
    /// The segments not yet loaded, in order.
    private var segments: ArraySlice<Data>
    /// The file being read (its index), if any.
    private var current: Int?
    private var readOfCurrent: Int64 = 0
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var raw: [UInt8]

    /// Opens every file (a missing one fails here, before anything is sent). `segments` has one
    /// item more than `paths`.
    init(segments: [Data], paths: [String], url: String) throws {
        precondition(segments.count == paths.count + 1, "one segment more than files")
        self.url = url
        self.paths = paths
        var sizes: [Int64] = []
        for path in paths {
            do { sizes.append(try Self.fileSize(path)) } catch var error as HTTPError {
                error.url = url
                throw error
            }
        }
        self.sizes = sizes
        contentLength = segments.reduce(0) { $0 + Int64($1.count) } + sizes.reduce(0) { $0 + Self.encodedSize($1) }
        var fds: [Int32] = []
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                for open in fds { close(open) }
                throw HTTPError(kind: .file, message: "cannot open \(path): \(reason)", url: url)
            }
            fds.append(fd)
        }
        self.fds = fds
        self.segments = segments[...]
        raw = [UInt8](repeating: 0, count: Self.rawChunk)
    }

    deinit {
        for fd in fds where fd >= 0 { close(fd) }
    }

    static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw HTTPError(kind: .file, message: "cannot read \(path): \(String(cString: strerror(errno)))", url: "")
        }
        return Int64(info.st_size)
    }

    /// The length of the Base64 of `size` bytes, padding included.
    static func encodedSize(_ size: Int64) -> Int64 {
        (size + 2) / 3 * 4
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

    /// Loads the next non-empty piece into `pending`: a segment, or an encoded chunk of the file
    /// being read; false when everything was produced.
    private func refill() throws -> Bool {
        pendingOffset = 0
        while true {
            if let index = current {
                let filled = try readChunk(index)
                if filled > 0 {
                    pending = Array(Data(raw[0..<filled]).base64EncodedData())
                    return true
                }
                current = nil
            } else if let segment = segments.popFirst() {
                // Each file follows the segment before it.
                let next = paths.count - segments.count
                if next < paths.count {
                    current = next
                    readOfCurrent = 0
                }
                if !segment.isEmpty {
                    pending = Array(segment)
                    return true
                }
            } else {
                pending = []
                return false
            }
        }
    }

    /// Reads up to one raw chunk of file `index` into `raw`, closing the file at its end; fails
    /// when the file does not hold the bytes it held when the length was announced.
    private func readChunk(_ index: Int) throws -> Int {
        let fd = fds[index]
        guard fd >= 0 else { return 0 }
        var filled = 0
        while filled < raw.count {
            let n = raw.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw HTTPError(kind: .file, message: "cannot read \(paths[index]): \(String(cString: strerror(errno)))", url: url)
            }
            if n == 0 { break }
            filled += n
        }
        readOfCurrent += Int64(filled)
        if filled < raw.count {
            close(fd)
            fds[index] = -1
        }
        let size = sizes[index]
        if readOfCurrent > size || (fds[index] < 0 && readOfCurrent != size) {
            throw HTTPError(kind: .file, message: "\(paths[index]) changed while it was being sent (\(size) bytes when the request was built, \(readOfCurrent) read): send it again", url: url)
        }
        return filled
    }
}
