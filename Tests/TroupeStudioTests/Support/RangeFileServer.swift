import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server for one file: honours `Range: bytes=N-` with a 206, and can stall
/// after the first bytes of an answer (as a connection that hangs mid-download) until released.
final class RangeFileServer: @unchecked Sendable {
    let content: Data
    private let listener: Int32
    let port: Int
    private let lock = NSLock()
    private var ranges: [String?] = []
    private var stallAfter: Int?
    private let released = DispatchSemaphore(value: 0)
    private var stopped = false

    var url: String { "http://127.0.0.1:\(port)/result.mp4" }

    /// The `Range` header of each request served, in order (nil for none).
    var requestedRanges: [String?] { lock.withLock { ranges } }

    /// Runs `body` with a server for `content` (the first answer stops after `stallAfter` bytes
    /// until `release()`), stopped when `body` ends.
    @discardableResult
    static func serving<T>(content: Data, stallAfter: Int? = nil, _ body: (RangeFileServer) async throws -> T) async throws -> T {
        try await TroupeStudioTests.serving({ try RangeFileServer(content: content, stallAfter: stallAfter) }, stop: { $0.stop() }, body)
    }

    private init(content: Data, stallAfter: Int?) throws {
        self.content = content
        self.stallAfter = stallAfter
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Lets a stalled answer end (its connection is closed, short of its announced length).
    func release() { released.signal() }

    private func stop() {
        lock.withLock { stopped = true }
        released.signal()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread.detachNewThread { [self] in serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var request = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while request.range(of: Data("\r\n\r\n".utf8)) == nil {
            let n = read(connection, &chunk, chunk.count)
            guard n > 0 else { return }
            request.append(contentsOf: chunk[0..<n])
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let range = lines.first { $0.lowercased().hasPrefix("range:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        let stall: Int? = lock.withLock {
            ranges.append(range)
            defer { stallAfter = nil }
            return stallAfter
        }
        let first = range.flatMap { $0.hasPrefix("bytes=") ? Int($0.dropFirst(6).prefix { $0.isNumber }) : nil } ?? 0
        var head = first > 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes \(first)-\(content.count - 1)/\(content.count)\r\n"
            : "HTTP/1.1 200 OK\r\n"
        head += "Content-Type: video/mp4\r\nContent-Length: \(content.count - first)\r\nConnection: close\r\n\r\n"
        send(Data(head.utf8), to: connection)
        if let stall {
            send(content[first..<min(content.count, first + stall)], to: connection)
            released.wait()
            return
        }
        send(content[first...], to: connection)
    }

    private func send(_ data: Data, to connection: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return }
                offset += n
            }
        }
    }
}
