import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback GrsAI-speaking provider that answers what a test scripts: task ids it reuses or
/// garbles, pids it hands to two tasks. Raw sockets, one thread per connection, one request per
/// connection (`Connection: close`).
final class HostileProvider: @unchecked Sendable {
    /// What it answers a submission with: the task id (any text, written as a JSON string).
    typealias TaskIds = @Sendable (_ submission: Int) -> String
    /// The pid a finished task carries.
    typealias Pids = @Sendable (_ taskId: String) -> String

    let port: Int
    private let listener: Int32
    private let taskIds: TaskIds
    private let pids: Pids
    private let lock = NSLock()
    private var submissions = 0
    private var stopped = false

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var submissionCount: Int { lock.withLock { submissions } }

    /// Runs `body` with a provider answering `taskIds` and `pids`, stopped when `body` ends.
    @discardableResult
    static func serving<T>(taskIds: @escaping TaskIds, pids: @escaping Pids,
                           _ body: (HostileProvider) async throws -> T) async throws -> T {
        try await TroupeStudioTests.serving({ try HostileProvider(taskIds: taskIds, pids: pids) }, stop: { $0.stop() }, body)
    }

    private init(taskIds: @escaping TaskIds, pids: @escaping Pids) throws {
        self.taskIds = taskIds
        self.pids = pids
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    private func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
        }
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if lock.withLock({ stopped }) { close(listener); return }
                continue
            }
            Thread { [self] in serve(fd) }.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        func fill() -> Bool {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]) }
            return n > 0
        }
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.indices.dropLast(3).first { Array(buffer[$0..<($0 + 4)]) == separator }
            if headEnd == nil, !fill() { return }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let target = lines[0].split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let length = lines.compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        while buffer.count < headEnd! + 4 + length { if !fill() { return } }
        let body = Data(buffer[(headEnd! + 4)..<(headEnd! + 4 + length)])
        let (status, reply) = answer(target: target, body: body)
        let response = Data("HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(reply.count)\r\nConnection: close\r\n\r\n".utf8) + reply
        _ = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func answer(target: String, body: Data) -> (Int, Data) {
        switch target {
        case "/v1/video/sora-video":
            let number = lock.withLock { submissions += 1; return submissions }
            let request = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            guard request?["webHook"] == nil else { return (200, Self.json(["code": 0, "data": ["id": taskIds(number)]])) }
            // No webHook: the answer is a stream of task frames.
            let frame = Self.json(["id": taskIds(number), "status": "running", "progress": 10])
            return (200, Data("data: ".utf8) + frame + Data("\n\n".utf8))
        case "/v1/draw/result":
            let id = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["id"] as? String ?? ""
            let frame: [String: Any] = ["id": id, "status": "succeeded", "progress": 100,
                                        "results": [["url": "\(baseURL)/files/\(Self.fileName(id)).mp4", "pid": pids(id)]]]
            return (200, Self.json(["code": 0, "data": frame]))
        default:
            if target.hasPrefix("/files/") { return (200, Data("the file of \(target)".utf8)) }
            return (404, Self.json(["code": -1, "msg": "no route \(target)"]))
        }
    }

    static func fileName(_ id: String) -> String { id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x" }

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
