import Foundation
import TroupeHTTP
#if canImport(Glibc)
import Glibc
#endif

/// Benchmark driver for TroupeHTTP; `scripts/bench-http` runs it next to curl.
///   HTTPBench serve [PORT]
///   HTTPBench posts URL COUNT IN_FLIGHT
///   HTTPBench download URL DESTINATION
///   HTTPBench upload URL FILE
/// Each client mode prints `seconds=<elapsed> vmhwm_kb=<peak RSS>` and details.

func peakRSSKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

func report(_ start: ContinuousClock.Instant, _ extra: String) {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(format: "seconds=%.4f vmhwm_kb=%d %@", seconds, peakRSSKilobytes(), extra))
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: HTTPBench serve|posts|download|upload …\n".utf8))
    exit(2)
}

switch arguments[1] {
case "serve":
    BenchServer.run(port: arguments.count > 2 ? Int(arguments[2]) ?? 0 : 0)

case "posts":
    let url = arguments[2]
    let count = Int(arguments[3])!
    let inFlight = Int(arguments[4])!
    let client = HTTPClient(configuration: HTTPClientConfiguration(maxConnectionsPerHost: inFlight, connectionCacheSize: inFlight))
    let body = Data(#"{"model":"sora-2","prompt":"a cat walks","webHook":"-1"}"#.utf8)
    let request = HTTPRequest(
        method: "POST", url: url, headers: [HTTPHeader("Content-Type", "application/json")],
        bearerToken: "test-key", body: .bytes(body))
    let start = ContinuousClock.now
    // IN_FLIGHT workers, each sending its share one after the other.
    let ok = try await withThrowingTaskGroup(of: Int.self) { group in
        for worker in 0..<inFlight {
            let share = count / inFlight + (worker < count % inFlight ? 1 : 0)
            group.addTask {
                var succeeded = 0
                for _ in 0..<share where try await client.send(request).status == 200 { succeeded += 1 }
                return succeeded
            }
        }
        var total = 0
        for try await succeeded in group { total += succeeded }
        return total
    }
    report(start, "ok=\(ok)")

case "download":
    let client = HTTPClient()
    let start = ContinuousClock.now
    let result = try await client.download(HTTPRequest(url: arguments[2]), to: arguments[3])
    report(start, "bytes=\(result.bytes) sha256=\(result.sha256)")

case "upload":
    let client = HTTPClient()
    let body = try HTTPBody.jsonWithBase64File(fields: ["timestamps": "0,3"], field: "url", path: arguments[3])
    let start = ContinuousClock.now
    let response = try await client.send(HTTPRequest(
        method: "POST", url: arguments[2], headers: [HTTPHeader("Content-Type", "application/json")],
        bearerToken: "test-key", body: body))
    report(start, "status=\(response.status) sent=\(try body.contentLength()) answer=\(String(decoding: response.body, as: UTF8.self))")

default:
    FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
    exit(2)
}
