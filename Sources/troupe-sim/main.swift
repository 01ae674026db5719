// troupe-sim: the provider simulator as a standalone server (used by scripts/bench-sim).
// Usage: troupe-sim [--host H] [--port N] [--latency S] [--fail-rate R] [--moderation-rate R]
//                   [--url-ttl S] [--seed N] [--key K] [--state PATH] [--credit X]
import Foundation
import TroupeSimulator

var configuration = SimulatorConfiguration()
var arguments = CommandLine.arguments.dropFirst()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("troupe-sim: \(message)\n".utf8))
    exit(2)
}

while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    func number() -> Double {
        guard let parsed = Double(value) else { fail("\(flag) expects a number, got \(value)") }
        return parsed
    }
    switch flag {
    case "--host": configuration.host = value
    case "--port": configuration.port = Int(number())
    case "--latency": configuration.latency = number()
    case "--fail-rate": configuration.failRate = number()
    case "--moderation-rate": configuration.moderationRate = number()
    case "--url-ttl": configuration.urlTTL = number()
    case "--seed": configuration.seed = UInt64(value) ?? { fail("--seed expects an unsigned integer") }()
    case "--key": configuration.key = value
    case "--state": configuration.statePath = value
    case "--credit": configuration.credit = number()
    default: fail("unknown option \(flag)")
    }
}

do {
    try await serveSimulator(configuration) { baseURL in
        FileHandle.standardOutput.write(Data("troupe-sim listening on \(baseURL)\n".utf8))
    }
} catch {
    fail("\(error)")
}
