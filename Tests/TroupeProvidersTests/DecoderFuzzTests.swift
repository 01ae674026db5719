import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

/// Mutated fixtures (byte flips, truncation, field deletion, type swaps, splices) fed to every
/// decoder: each must return a value or a typed error, deterministically, with sane values.
/// 5,000 cases by default; `TROUPE_LONG_FUZZ=1` runs 100,000 (`TROUPE_FUZZ_CASES=N` sets N,
/// `TROUPE_FUZZ_SEED=S` the seed).
@Suite struct DecoderFuzzTests {
    static var caseCount: Int {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["TROUPE_FUZZ_CASES"], let count = Int(text), count > 0 { return count }
        return environment["TROUPE_LONG_FUZZ"] == "1" ? 100_000 : 5_000
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["TROUPE_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x7201_2026
    }

    @Test func mutatedFixturesNeverCrashAndStaySane() throws {
        let fixtures = try ["grsai", "acedata", "openai"].flatMap { try Fixture.all($0) }
            .filter { !$0.contains("/request-") }
            .map { (name: $0, data: try Fixture.data($0)) }
        #expect(fixtures.count >= 30)
        var random = SplitMix64(seed: Self.seed)
        var decoded = 0
        var refused = 0
        var violations: [String] = []
        for index in 0..<Self.caseCount {
            let fixture = fixtures[Int(random.next() % UInt64(fixtures.count))]
            let input = Mutator.mutate(fixture.data, using: &random)
            let first = Harness.run(input)
            let second = Harness.run(input)
            if first != second {
                violations.append("case \(index) (\(fixture.name)): decoding is not deterministic")
            }
            decoded += first.values
            refused += first.errors
            for problem in first.problems {
                violations.append("case \(index) (\(fixture.name)): \(problem)")
            }
            if violations.count > 20 { break }
        }
        #expect(violations.isEmpty, "seed \(Self.seed): \(violations.prefix(20).joined(separator: "\n"))")
        // The mutations must exercise both outcomes, or the fuzzer tests nothing.
        #expect(decoded > Self.caseCount)
        #expect(refused > Self.caseCount)
    }

    @Test func unmutatedFixturesDecode() throws {
        for name in try ["grsai", "acedata", "openai"].flatMap({ try Fixture.all($0) }) where !name.contains("/request-") {
            let outcome = Harness.run(try Fixture.data(name))
            if name.contains("error") {
                #expect(outcome.errors > 0, "\(name) is an error but nothing refused it")
            } else {
                #expect(outcome.values > 0, "\(name) decodes with no decoder")
            }
            #expect(outcome.problems.isEmpty, "\(name): \(outcome.problems)")
        }
    }
}

/// A small, fast, seeded PRNG (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Mutator {
    static func mutate(_ data: Data, using random: inout SplitMix64) -> Data {
        var result = data
        let rounds = 1 + Int(random.next() % 3)
        for _ in 0..<rounds {
            switch random.next() % 6 {
            case 0: result = flip(result, using: &random)
            case 1: result = truncate(result, using: &random)
            case 2: result = structural(result, delete: true, using: &random)
            case 3, 4: result = structural(result, delete: false, using: &random)
            default: result = splice(result, using: &random)
            }
        }
        return result
    }

    static func flip(_ data: Data, using random: inout SplitMix64) -> Data {
        guard !data.isEmpty else { return data }
        var bytes = [UInt8](data)
        let index = Int(random.next() % UInt64(bytes.count))
        bytes[index] ^= UInt8(1 << (random.next() % 8))
        return Data(bytes)
    }

    static func truncate(_ data: Data, using random: inout SplitMix64) -> Data {
        guard !data.isEmpty else { return data }
        return data.prefix(Int(random.next() % UInt64(data.count)))
    }

    static func splice(_ data: Data, using random: inout SplitMix64) -> Data {
        let noise: [String] = ["data: ", "[DONE]", "\n\n", "{", "}", "\"", "\\", "\u{0}", "data: {\"code\":-22}", ":", ",", "🎬"]
        var bytes = [UInt8](data)
        let index = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
        bytes.insert(contentsOf: Array(noise[Int(random.next() % UInt64(noise.count))].utf8), at: index)
        return Data(bytes)
    }

    /// Deletes a field, or swaps a value for one of another type, somewhere in the document.
    static func structural(_ data: Data, delete: Bool, using random: inout SplitMix64) -> Data {
        guard let json = try? JSONValue.parse(data) else { return flip(data, using: &random) }
        var count = 0
        countNodes(json, into: &count)
        var target = Int(random.next() % UInt64(max(count, 1)))
        return rewrite(json, target: &target, delete: delete, using: &random).serialized
    }

    static func countNodes(_ value: JSONValue, into count: inout Int) {
        count += 1
        switch value {
        case .array(let items): items.forEach { countNodes($0, into: &count) }
        case .object(let members): members.values.forEach { countNodes($0, into: &count) }
        default: break
        }
    }

    static func rewrite(_ value: JSONValue, target: inout Int, delete: Bool, using random: inout SplitMix64) -> JSONValue {
        if target == 0 {
            target = -1
            if delete, case .object(let members) = value, let key = members.keys.sorted().randomElement(using: &random) {
                var kept = members
                kept.removeValue(forKey: key)
                return .object(kept)
            }
            return replacement(for: value, using: &random)
        }
        target -= 1
        switch value {
        case .array(let items):
            return .array(items.map { rewrite($0, target: &target, delete: delete, using: &random) })
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for key in members.keys.sorted() { result[key] = rewrite(members[key]!, target: &target, delete: delete, using: &random) }
            return .object(result)
        default:
            return value
        }
    }

    static func replacement(for value: JSONValue, using random: inout SplitMix64) -> JSONValue {
        let candidates: [JSONValue] = [
            .null, .bool(true), .bool(false), .number(0), .number(-1), .number(100), .number(1e300), .number(3.5),
            .string(""), .string("100"), .string("succeeded"), .string("failed"), .string("s_zz"), .string("video_"),
            .string("-22"), .string("{"), .array([]), .array([.null]), .object([:]), .object(["id": .number(7)]),
        ]
        var pick = candidates[Int(random.next() % UInt64(candidates.count))]
        // Swap to a different type when the value is a string or number written as the other.
        if pick == value { pick = .string(value.text ?? "x") }
        return pick
    }
}

/// Runs every decoder over one input and checks what each returns.
struct Harness: Equatable {
    var results: [String] = []
    var problems: [String] = []
    var values = 0
    var errors = 0

    static func run(_ body: Data) -> Harness {
        var harness = Harness()
        let response = WireResponse(status: 200, body: body)
        let grsai = GrsAIDialect()
        let acedata = AceDataDialect()
        let openai = OpenAIDialect()
        let dialects: [any ProviderDialect] = [grsai, acedata, openai]
        for dialect in dialects {
            let name = dialect.kind.rawValue
            harness.record("\(name).submit") { () throws(ProviderError) in
                let outcome = try dialect.decodeSubmit(response, receivedAt: receivedAt)
                if outcome.remoteTaskID.isEmpty { throw .malformed("empty id passed through") }
                return outcome.snapshot.map { [$0] } ?? []
            }
            harness.record("\(name).poll") { () throws(ProviderError) in
                [try dialect.decodePoll(response, taskID: "task-1", receivedAt: receivedAt)]
            }
            harness.record("\(name).webhook") { () throws(ProviderError) in
                try dialect.decodeWebhook(body, receivedAt: receivedAt).snapshot.map { [$0] } ?? []
            }
        }
        harness.record("grsai.frame") { () throws(ProviderError) in [try grsai.decodeStreamFrame(body, receivedAt: receivedAt)] }
        harness.record("grsai.stream") { () throws(ProviderError) in try grsai.decodeStreamBody(body, receivedAt: receivedAt) }
        harness.record("acedata.batch") { () throws(ProviderError) in try acedata.decodePollBatch(response, receivedAt: receivedAt) }
        harness.record("openai.list") { () throws(ProviderError) in try openai.decodeList(response, receivedAt: receivedAt).videos }
        return harness
    }

    mutating func record(_ name: String, _ decode: () throws(ProviderError) -> [TaskSnapshot]) {
        do {
            let snapshots = try decode()
            values += 1
            results.append("\(name): \(snapshots)")
            for snapshot in snapshots { check(snapshot, from: name) }
        } catch {
            errors += 1
            results.append("\(name): \(error)")
        }
    }

    mutating func check(_ snapshot: TaskSnapshot, from name: String) {
        if snapshot.remoteTaskID.isEmpty { problems.append("\(name): empty task id") }
        if let progress = snapshot.progress, !(0...100).contains(progress) { problems.append("\(name): progress \(progress)") }
        if snapshot.status == .succeeded && snapshot.progress != 100 { problems.append("\(name): succeeded below 100%") }
        if ![VideoStatus.running, .succeeded, .failed].contains(snapshot.status) { problems.append("\(name): status \(snapshot.status)") }
        if (snapshot.resultURL == nil) != (snapshot.urlExpiry == nil) && !name.hasPrefix("openai") {
            problems.append("\(name): a result URL without expiry (or the reverse)")
        }
        if snapshot.status == .failed && snapshot.failureReason == nil && snapshot.errorText == nil && !name.hasPrefix("grsai") {
            problems.append("\(name): a failure without reason")
        }
    }
}
