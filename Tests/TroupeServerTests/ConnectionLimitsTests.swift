import Foundation
import Testing
@testable import TroupeServer

@Suite struct ConnectionLimitsTests {
    @Test func durationsBecomeTimeAmounts() {
        #expect(ConnectionLimits.timeAmount(.seconds(2)).nanoseconds == 2_000_000_000)
        #expect(ConnectionLimits.timeAmount(.milliseconds(1500)).nanoseconds == 1_500_000_000)
    }

    /// Over the limit, a new connection closes the oldest one waiting for its request.
    @Test func aConnectionOverTheLimitClosesTheOldestIdleOne() async throws {
        let limits = ConnectionLimits(requestTimeout: .seconds(10), idleTimeout: .seconds(10), maximumConnections: 2)
        try await withServer(limits: limits) { _, port in
            var sockets: [Int32] = []
            defer { sockets.forEach { close($0) } }
            for _ in 0..<3 {
                sockets.append(try connectLoopback(port: port))
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(closedByServer(sockets[0]), "the oldest was closed to make room")
            #expect(!closedByServer(sockets[1]) && !closedByServer(sockets[2]), "the newer ones stay open")
        }
    }
}

struct SocketError: Error {
    let call: String
    let code: Int32
}

/// A TCP connection to 127.0.0.1:`port`, reads timing out after half a second.
func connectLoopback(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { close(fd); throw SocketError(call: "connect", code: errno) }
    var timeout = timeval(tv_sec: 0, tv_usec: 500_000)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    return fd
}

/// True when the server closed `fd` (a read sees the end), false when a read times out.
func closedByServer(_ fd: Int32) -> Bool {
    var byte: UInt8 = 0
    let received = recv(fd, &byte, 1, 0)
    return received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
}
