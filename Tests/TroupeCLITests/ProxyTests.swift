import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A one-connection-at-a-time loopback HTTP proxy that answers every request itself and records
/// the request lines it saw.
final class RecordingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    private let body: Data

    /// Runs `test` with a proxy answering `body`, stopped when `test` ends however it ends.
    @discardableResult
    static func serving<T>(body: Data, _ test: (RecordingProxy) throws -> T) throws -> T {
        let proxy = try RecordingProxy(body: body)
        defer { proxy.stop() }
        return try test(proxy)
    }

    private init(body: Data) throws {
        self.body = body
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw CLIFailure(result: .init(status: -1, stdout: "", stderr: "proxy bind failed")) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var requestLines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    /// Stops accepting; the accept loop closes the listener.
    private func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                close(listener)
                return
            }
            var received = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 4096)
            while !received.isEmpty ? !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") : true {
                let count = recv(fd, &chunk, chunk.count, 0)
                if count <= 0 { break }
                received += chunk[0..<count]
            }
            let line = String(decoding: received, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
            lock.lock()
            lines.append(line)
            lock.unlock()
            let head = "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            _ = (Data(head.utf8) + body).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(fd)
        }
    }
}

@Suite struct ProxyTests {
    @Test func downloadsGoThroughHTTPProxyUnlessNoProxyNamesTheHost() throws {
        try RecordingProxy.serving(body: Data("not really an mp4".utf8)) { proxy in
            let cli = CLIRunner()
            #expect(try cli.run("video", "add", "s_0b", "--url", "http://media.invalid/clip.mp4").status == 0)
            let proxied = try cli.run(["video", "fetch", "s_0b"], environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)"])
            #expect(proxied.status == 0, "\(proxied.stderr)")
            #expect(proxy.requestLines == ["GET http://media.invalid/clip.mp4 HTTP/1.1"])
            #expect(proxied.stdout.contains("/vault/"))

            try cli.run("video", "add", "s_0c", "--url", "http://media.invalid/other.mp4")
            let bypassed = try cli.run(["video", "fetch", "s_0c"], environment: ["http_proxy": "http://127.0.0.1:\(proxy.port)", "no_proxy": "media.invalid"])
            #expect(bypassed.status != 0, "a .invalid host cannot be reached directly")
            #expect(proxy.requestLines.count == 1, "no_proxy must bypass the proxy")
        }
    }
}
