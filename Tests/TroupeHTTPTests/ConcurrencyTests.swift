import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct ConcurrencyTests {
    @Test func thousandsInFlightShareAFewReusedConnections() async throws {
        try await TestServer.serving({ request, connection in
            connection.respond(status: 200, json: #"{"n":\#(request.target.dropFirst())}"#)
        }) { server in
            let client = HTTPClient(configuration: HTTPClientConfiguration(maxConnectionsPerHost: 4))
            let count = 2000
            let sum = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let response = try await client.send(HTTPRequest(url: server.baseURL + "/\(index)"))
                        struct N: Decodable { var n: Int }
                        return try response.decode(N.self).n
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(sum == (0..<count).reduce(0, +))
            #expect(server.requests.count == count)
            #expect(server.peakOpenConnections <= 4)
            #expect(server.connectionCount <= 8, "connections should be reused")
        }
    }

    @Test func clientIsUsableFromManyTasksAndStopsCleanly() async throws {
        try await TestServer.serving({ _, connection in connection.respond(status: 204) }) { server in
            for _ in 0..<5 {
                let client = HTTPClient()
                async let a = client.send(HTTPRequest(url: server.baseURL + "/a"))
                async let b = client.send(HTTPRequest(url: server.baseURL + "/b"))
                let statuses = try await [a.status, b.status]
                #expect(statuses == [204, 204])
            }
        }
    }
}
