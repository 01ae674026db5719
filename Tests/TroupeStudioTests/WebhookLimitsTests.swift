import Foundation
import Testing
import TroupeCatalog
import TroupeHTTP
import TroupeSimulator
@testable import TroupeStudio

/// Loopback TCP connections that each send `prefix` at once and then one byte a second of a
/// request head that never ends (a "slowloris"), or nothing, on a thread of their own; records
/// when the server closed each one.
final class Trickler: @unchecked Sendable {
    private let trickle: Bool
    private let lock = NSLock()
    private var sockets: [Int32] = []
    private var openedAt: [Date] = []
    private var closedAt: [Date?] = []

    /// Opens `count` connections to 127.0.0.1:`port`.
    init(port: Int, count: Int, prefix: [UInt8] = [], trickle: Bool = true) throws {
        self.trickle = trickle
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw StudioError("socket: \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(fd); throw StudioError("connect: \(errno)") }
            if !prefix.isEmpty { _ = prefix.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
            sockets.append(fd)
            openedAt.append(Date())
            closedAt.append(nil)
        }
    }

    /// Sends one byte a second on every connection still open, for `seconds`, then closes them all.
    func run(seconds: Int) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                let head = Array("POST /hooks/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
                for second in 0..<(seconds * 4) {
                    // Checked four times a second; a byte sent once a second.
                    for (index, fd) in sockets.enumerated() where lock.withLock({ closedAt[index] == nil }) {
                        var peek: UInt8 = 0
                        let received = recv(fd, &peek, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
                        var closed = received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                        if !closed, trickle, second % 4 == 0 {
                            var byte = head[(second / 4) % head.count]
                            closed = send(fd, &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) < 0 && errno != EAGAIN
                        }
                        if closed { lock.withLock { closedAt[index] = Date() } }
                    }
                    Thread.sleep(forTimeInterval: 0.25)
                }
                for fd in sockets { close(fd) }
                done.resume()
            }
            thread.start()
        }
    }

    /// How many the server closed within `seconds` of their opening.
    func closed(within seconds: Double) -> Int {
        intervals.filter { $0 <= seconds }.count
    }

    var intervals: [Double] { lock.withLock { zip(openedAt, closedAt).compactMap { $0.1?.timeIntervalSince($0.0) } } }

    var closedByServer: Int { lock.withLock { closedAt.compactMap { $0 }.count } }
}

@Suite struct WebhookLimitsTests {
    /// 300 connections trickling a byte a second: the real callback in the middle is handled at
    /// once, the connections over the limit are closed at once and the rest at the request timeout.
    @Test func slowClientsDoNotKeepARealCallbackOut() async throws {
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.2, seed: 4)) { harness in
            let studio = harness.studio
            let limits = WebhookLimits(requestTimeout: .seconds(4), idleTimeout: .seconds(6), maximumConnections: 128)
            try await WebhookReceiver.serving(studio: studio, record: false, limits: limits) { receiver in
                let submitted = try #require(try await harness.generate("a cat in the rain", wait: false).entry)
                let taskId = try #require(submitted.task.id)
                let remoteId = try #require(submitted.task.remoteId)
                #expect(submitted.task.state == .submitted || submitted.task.state == .running)

                let slow = try Trickler(port: receiver.port, count: 300)
                let trickling = Task { await slow.run(seconds: 12) }
                try await Task.sleep(for: .milliseconds(1500))

                // The provider's callback, while all 300 are connected and trickling.
                let started = Date()
                let callback = Data(#"{"id":"\#(remoteId)","status":"succeeded","progress":100,"results":[]}"#.utf8)
                let answer = try await HTTPClient().send(HTTPRequest(
                    method: "POST", url: receiver.callbackURL, headers: [HTTPHeader("Content-Type", "application/json")], body: .bytes(callback),
                    timeouts: HTTPTimeouts(connect: .seconds(5), total: .seconds(8))))
                let took = Date().timeIntervalSince(started)
                #expect(answer.status == 200 && String(decoding: answer.body, as: UTF8.self).contains("succeeded"))
                #expect(took < 3, "handled promptly, not after the slow clients (\(took) s)")
                let done = try studio.catalog.journalEntry(taskId: taskId)
                #expect(done.task.state == .succeeded && done.video?.assetSha256 != nil, "the callback's effect: the task is finished and its file in the vault")

                await trickling.value
                #expect(slow.closed(within: 3) >= 300 - 128, "the connections over the limit were closed at once (\(slow.closed(within: 3)))")
                #expect(slow.closedByServer == 300, "every slow connection was closed by the request timeout (\(slow.closedByServer) of 300)")
                #expect(slow.closed(within: 9) == 300)
            }
        }
    }

    /// A connection that sends nothing is closed by the idle timeout; one that sends its head and
    /// then trickles its body, by the request timeout.
    @Test func idleAndSlowBodyConnectionsAreClosed() async throws {
        try await StudioHarness.with { harness in
            let limits = WebhookLimits(requestTimeout: .seconds(3), idleTimeout: .seconds(2), maximumConnections: 8)
            try await WebhookReceiver.serving(studio: harness.studio, record: false, limits: limits) { receiver in
                let path = try #require(URL(string: receiver.callbackURL)?.path)
                let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                let silent = try Trickler(port: receiver.port, count: 1, trickle: false)
                let slowBody = try Trickler(port: receiver.port, count: 1, prefix: Array(head.utf8))
                async let quiet: Void = silent.run(seconds: 7)
                async let body: Void = slowBody.run(seconds: 7)
                _ = await (quiet, body)
                #expect(silent.closed(within: 2.9) == 1, "closed by the idle timeout")
                #expect(slowBody.closedByServer == 1, "closed, though a byte came every second")
                #expect(slowBody.closed(within: 2.5) == 0 && slowBody.closed(within: 5) == 1, "by the request timeout \(slowBody.intervals)")
            }
        }
    }
}
