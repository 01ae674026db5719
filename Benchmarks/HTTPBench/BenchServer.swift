import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP/1.1 server for the benchmarks, one thread per keep-alive connection.
///   POST /json        → a small JSON answer
///   GET  /blob/N      → N bytes of a fixed pattern with Content-Length (honours Range: bytes=K-)
///   POST /upload      → reads and counts the body, answers {"bytes":N}
enum BenchServer {
    static func run(port: Int) -> Never {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1024) == 0 else {
            FileHandle.standardError.write(Data("bind failed\n".utf8))
            exit(1)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        FileHandle.standardOutput.write(Data("\(Int(UInt16(bigEndian: address.sin_port)))\n".utf8))
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { continue }
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { serve(fd) }
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    static let pattern: [UInt8] = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) }

    private static func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var filled = 0
        while true {
            // Read until the end of the head.
            var headEnd = -1
            while headEnd < 0 {
                headEnd = findHeadEnd(buffer, filled)
                if headEnd >= 0 { break }
                if filled == buffer.count { return }
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, $0.count - filled, 0) }
                if n <= 0 { return }
                filled += n
            }
            let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
            let lines = head.split(separator: "\r\n")
            let requestLine = lines.first?.split(separator: " ") ?? []
            guard requestLine.count >= 2 else { return }
            var contentLength = 0
            var rangeStart = 0
            for line in lines.dropFirst() {
                let lower = line.lowercased()
                if lower.hasPrefix("content-length:") { contentLength = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
                if lower.hasPrefix("range: bytes=") { rangeStart = Int(lower.dropFirst(13).dropLast()) ?? 0 }
            }
            // Consume the body, keeping at most the buffer.
            var leftover = filled - (headEnd + 4)
            var bodyRemaining = contentLength
            let inBuffer = min(leftover, bodyRemaining)
            bodyRemaining -= inBuffer
            leftover -= inBuffer
            let consumed = headEnd + 4 + inBuffer
            buffer.withUnsafeMutableBytes { raw in
                if leftover > 0 { memmove(raw.baseAddress!, raw.baseAddress! + consumed, leftover) }
            }
            filled = leftover
            while bodyRemaining > 0 {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + filled, min($0.count - filled, bodyRemaining), 0) }
                if n <= 0 { return }
                bodyRemaining -= n
            }
            let target = String(requestLine[1])
            if target.hasPrefix("/blob/") {
                let size = Int(target.dropFirst(6)) ?? 0
                let status = rangeStart > 0 ? "206 Partial Content" : "200 OK"
                var text = "HTTP/1.1 \(status)\r\nContent-Type: application/octet-stream\r\nContent-Length: \(size - rangeStart)\r\n"
                if rangeStart > 0 { text += "Content-Range: bytes \(rangeStart)-\(size - 1)/\(size)\r\n" }
                guard write(fd, Data((text + "\r\n").utf8)) else { return }
                var offset = rangeStart
                while offset < size {
                    let start = offset % pattern.count
                    let n = min(size - offset, pattern.count - start)
                    let ok = pattern.withUnsafeBytes { write(fd, $0.baseAddress! + start, n) }
                    guard ok else { return }
                    offset += n
                }
            } else {
                let body = target.hasPrefix("/upload") ? "{\"bytes\":\(contentLength)}" : "{\"code\":0,\"msg\":\"success\",\"data\":{\"id\":\"task\"}}"
                let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                guard write(fd, Data(text.utf8)) else { return }
            }
        }
    }

    private static func findHeadEnd(_ buffer: [UInt8], _ filled: Int) -> Int {
        guard filled >= 4 else { return -1 }
        return buffer.withUnsafeBytes { raw -> Int in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index + 3 < filled {
                if bytes[index + 3] == 10 && bytes[index + 2] == 13 && bytes[index + 1] == 10 && bytes[index] == 13 { return index }
                index += 1
            }
            return -1
        }
    }

    private static func write(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
    }

    private static func write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let n = send(fd, pointer + offset, count - offset, Int32(MSG_NOSIGNAL))
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
