import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request as the test server read it off the socket.
struct ReceivedRequest: Sendable {
    var method: String
    var target: String
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A raw-socket HTTP/1.1 server on an ephemeral 127.0.0.1 port, one thread per connection,
/// giving tests byte-level control over what goes on the wire.
final class TestServer: @unchecked Sendable {
    typealias Handler = @Sendable (ReceivedRequest, TestConnection) -> Void

    let port: Int
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var received: [ReceivedRequest] = []
    private var accepted = 0
    private var open = 0
    private var peakOpen = 0
    private var stopped = false

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs `body` with a server answering through `handler`, stopped when `body` ends however it
    /// ends: a test's server lives inside the closure that uses it, so a failing expectation
    /// cannot leak its listener.
    @discardableResult
    static func serving<T>(_ handler: @escaping Handler, _ body: (TestServer) async throws -> T) async throws -> T {
        let server = try TestServer(handler: handler)
        defer { server.stop() }
        return try await body(server)
    }

    private init(handler: @escaping Handler) throws {
        self.handler = handler
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 1024) == 0 else {
            throw TestServerError(message: "bind/listen failed: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting connections. Idempotent: the listener is shut down once and closed once,
    /// by the accept loop, so that a later call can never touch a reused descriptor number (which
    /// may belong to another test's socket by then).
    private func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        shutdown(listener, Int32(SHUT_RDWR))
    }

    var requests: [ReceivedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    var connectionCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    var peakOpenConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return peakOpen
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let code = errno
                lock.lock()
                let done = stopped
                lock.unlock()
                if done {
                    close(listener)
                    return
                }
                // ECONNABORTED (a client reset before accept), EINTR, EMFILE: keep serving.
                if code != EINTR && code != ECONNABORTED { usleep(1_000) }
                continue
            }
            var yes: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            lock.lock()
            accepted += 1
            open += 1
            peakOpen = max(peakOpen, open)
            lock.unlock()
            let thread = Thread { [self] in serve(TestConnection(fd: fd)) }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    private func serve(_ connection: TestConnection) {
        while !connection.isClosed, let request = connection.readRequest() {
            lock.lock()
            received.append(request)
            lock.unlock()
            handler(request, connection)
        }
        connection.close()
        lock.lock()
        open -= 1
        lock.unlock()
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// One accepted connection; handlers write raw bytes or whole responses to it.
final class TestConnection: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var isClosed = false

    init(fd: Int32) { self.fd = fd }

    /// Reads one request (headers and Content-Length body); nil at end of stream.
    func readRequest() -> ReceivedRequest? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while true {
            if let end = find(separator) {
                headerEnd = end
                break
            }
            guard fill() else { return nil }
        }
        let headText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Data(buffer[0..<length])
        buffer.removeFirst(length)
        return ReceivedRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for index in 0...(buffer.count - needle.count) where buffer[index] == needle[0] {
            if Array(buffer[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// Writes raw bytes; false when the peer is gone.
    @discardableResult
    func write(_ data: Data) -> Bool {
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func write(_ text: String) -> Bool { write(Data(text.utf8)) }

    /// Writes a complete response with Content-Length.
    func respond(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        write(Data(head.utf8) + body)
    }

    func respond(status: Int, json: String, headers: [(String, String)] = []) {
        respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(json.utf8))
    }

    /// Writes the head of a chunked response.
    func startChunked(status: Int = 200, contentType: String = "text/event-stream") {
        write("HTTP/1.1 \(status) OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\n\r\n")
    }

    /// Writes one chunk of a chunked response.
    @discardableResult
    func writeChunk(_ data: Data) -> Bool {
        write(Data(String(data.count, radix: 16).utf8) + Data("\r\n".utf8) + data + Data("\r\n".utf8))
    }

    func endChunked() { write("0\r\n\r\n") }

    /// Closes the connection (no keep-alive after this).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Closes with a TCP reset.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }
}

/// A fresh temporary directory for one test.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-http-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
