import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TroupeServer

@Suite struct RunningServiceTests {
    @Test func listeningReturnsOnceThePortIsBound() async throws {
        try await withServer { _, port in
            #expect(port > 0)
            let url = try #require(URL(string: RunningService.baseURL(host: "127.0.0.1", port: port) + "/ping"))
            let (data, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "pong")
        }
    }

    @Test func aServerThatCannotBindIsNotListening() async throws {
        try await withServer { _, port in
            await #expect(throws: RunningService.NotListening.self) {
                try await withServer(port: port) { _, _ in }
            }
        }
    }

    @Test func stopEndsTheService() async throws {
        let (service, _) = try await RunningService.listening { application(port: 0, limits: nil, $0) }
        await service.stop()
        try await service.value()
    }

    @Test func baseURLBracketsAnIPv6Host() {
        #expect(RunningService.baseURL(host: "127.0.0.1", port: 8787) == "http://127.0.0.1:8787")
        #expect(RunningService.baseURL(host: "::1", port: 8787) == "http://[::1]:8787")
    }
}
