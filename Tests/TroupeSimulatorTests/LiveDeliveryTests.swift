import Foundation
import Testing
import TroupeSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// One real socket on 127.0.0.1 per delivery mode.
@Suite struct LiveDeliveryTests {
    static func call(_ base: String, _ path: String, _ body: JSONValue? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: base + path)!, timeoutInterval: 30)
        request.setValue("Bearer test-key", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.text.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    @Test func streamOverARealSocket() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.3, seed: 1)) { server in
            #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
            #expect(server.port > 0)
            let (status, data) = try await Self.call(server.baseURL, "/v1/video/sora-video", ["model": "sora-2", "prompt": "x"])
            #expect(status == 200)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            #expect(text.contains("\"status\":\"running\""))
            #expect(text.contains("\"status\":\"succeeded\""))
        }
    }

    @Test func webhookPostsFramesToTheReceiver() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.3, seed: 2)) { server in
            let hook = "\(server.baseURL)/_sim/hooks/live"
            let (_, data) = try await Self.call(
                server.baseURL, "/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": .string(hook)])
            let id = try #require(JSONValue.parse(data)?["data"]?["id"]?.string)
            var deliveries: [JSONValue] = []
            for _ in 0..<100 {
                let (_, sink) = try await Self.call(server.baseURL, "/_sim/hooks/live")
                deliveries = JSONValue.parse(sink)?["deliveries"]?.array ?? []
                if deliveries.last?["status"] == "succeeded" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(deliveries.count >= 2)
            #expect(deliveries.allSatisfy { $0["id"] == .string(id) })
            #expect(deliveries.first?["status"] == "running")
            #expect(deliveries.last?["status"] == "succeeded")
        }
    }

    @Test func aceDataCallbackPostsTheFinishedTask() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.2, seed: 4)) { server in
            let hook = "\(server.baseURL)/_sim/hooks/ace"
            let (_, data) = try await Self.call(
                server.baseURL, "/sora/videos", ["model": "sora-2", "prompt": "x", "callback_url": .string(hook)])
            let taskID = try #require(JSONValue.parse(data)?["task_id"]?.string)
            var deliveries: [JSONValue] = []
            for _ in 0..<100 {
                let (_, sink) = try await Self.call(server.baseURL, "/_sim/hooks/ace")
                deliveries = JSONValue.parse(sink)?["deliveries"]?.array ?? []
                if !deliveries.isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(deliveries.count == 1)
            #expect(deliveries.first?["task_id"] == .string(taskID))
            #expect(deliveries.first?["data"]?.array?.first?["state"] == "succeeded")
        }
    }

    @Test func pollThenDownloadOverARealSocket() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0.2, seed: 3)) { server in
            let (_, data) = try await Self.call(
                server.baseURL, "/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1", "duration": 15])
            let id = try #require(JSONValue.parse(data)?["data"]?["id"]?.string)
            var frame: JSONValue?
            for _ in 0..<100 {
                let (_, poll) = try await Self.call(server.baseURL, "/v1/draw/result", ["id": .string(id)])
                frame = JSONValue.parse(poll)?["data"]
                if frame?["status"] != "running" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(frame?["status"] == "succeeded")
            let url = try #require(frame?["results"]?.array?.first?["url"]?.string)
            #expect(url.hasPrefix(server.baseURL + "/files/"))
            let (file, fileResponse) = try await URLSession.shared.data(from: URL(string: url)!)
            #expect((fileResponse as? HTTPURLResponse)?.statusCode == 200)
            #expect(MP4.duration(of: file) == 15)
        }
    }

    /// One HTTP/1.1 exchange on a plain socket: the raw answer, or nil when the peer reset it.
    static func rawExchange(port: Int, _ request: String) -> Data? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 { return errno == ECONNRESET ? nil : answer }
            if count == 0 { return answer }
            answer.append(contentsOf: buffer[0..<count])
        }
    }

    @Test func resetFaultsDropTheConnectionButKeepTheTask() async throws {
        try await SimulatorServer.serving(SimulatorConfiguration(latency: 0, failRate: 1, seed: 7)) { server in
            var reset = 0
            var limited = 0
            for index in 0..<24 {
                let body = "{\"model\":\"sora-2\",\"prompt\":\"shot \(index)\",\"webHook\":\"-1\"}"
                let request = "POST /v1/video/sora-video HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                let port = server.port
                // Blocking socket calls run on a Dispatch thread, never on the cooperative pool.
                let answer = await withCheckedContinuation { continuation in
                    DispatchQueue.global().async { continuation.resume(returning: Self.rawExchange(port: port, request)) }
                }
                guard let answer else {
                    reset += 1
                    continue
                }
                if String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 429") { limited += 1 }
            }
            #expect(reset > 0)
            let (_, tasks) = try await Self.call(server.baseURL, "/_sim/tasks")
            let list = JSONValue.parse(tasks)?["tasks"]?.array ?? []
            #expect(list.count == 24 - limited)
            #expect(list.filter { $0["faults"] == ["reset"] }.count == reset)
        }
    }

    @Test func startRejectsABadConfiguration() async {
        await #expect(throws: SimulatorError.self) {
            try await SimulatorServer.serving(SimulatorConfiguration(failRate: 2)) { _ in }
        }
    }
}
