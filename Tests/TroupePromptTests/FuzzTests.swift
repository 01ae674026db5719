import Foundation
import Testing
@testable import TroupePrompt

/// SplitMix64: a small seeded generator so every failing input can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
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

/// Property and fuzz tests: 20,000 inputs by default, 1,000,000 with `TROUPE_LONG_FUZZ=1`.
@Suite struct FuzzTests {
    static let longRun = ProcessInfo.processInfo.environment["TROUPE_LONG_FUZZ"] == "1"
    static let iterations = longRun ? 1_000_000 : 20_000

    /// Pieces that stress the grammar: mentions, near-handles, braces, e-mail, wide and combining text.
    static let adversarial = [
        "@", "@@", "@@@", "{{", "}}", "{", "}", "{{{", "}}}", ".", "-", "_", "..", "@.", "@-", "@_",
        "hero", "villain", "cat", "cat.name", "dog", "ghost", "alice", "bob", "carol", "vilain", "小明",
        "{{place}}", "{{ who }}", "{{}}", "{{a b}}", "me@x.com", "@hero", "@cat.name.", "@dog-",
        " ", "\n", "\r\n", "\t", "镜头", "。", "，", "🎬", "👩‍👩‍👧", "é", "e\u{301}", "\u{3000}", "\u{0}", "a", "Z", "9",
    ]
    static let plain = ["x@y", "a", "b", "Z", " ", ".", "-", "_", ",", "!", "中", "文", "。", "🎬", "é", "e\u{301}", "\n", "9", "#", "$"]

    static func randomInput(_ rng: inout SeededGenerator, from pieces: [String], maxPieces: Int) -> String {
        let count = Int.random(in: 0...maxPieces, using: &rng)
        var text = ""
        for _ in 0..<count { text += pieces.randomElement(using: &rng)! }
        return text
    }

    @Test func textWithoutMentionsOrVariablesRendersUnchanged() throws {
        var rng = SeededGenerator(seed: 0x7E0_0001)
        for target in [Fixtures.grsai, Fixtures.acedata, Fixtures.openai] {
            for _ in 0..<(Self.iterations / 3) {
                let input = Self.randomInput(&rng, from: Self.plain, maxPieces: 40)
                guard !input.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { continue }
                let compiled = try Fixtures.compile(input, target)
                #expect(compiled.prompt == input)
                #expect(compiled.referenced.isEmpty)
                if compiled.prompt != input { return }
            }
        }
    }

    @Test func randomAndAdversarialInputsNeverCrash() {
        var rng = SeededGenerator(seed: 0x7E0_0002)
        let targets = [Fixtures.grsai, Fixtures.acedata, Fixtures.openai]
        let variables = ["place": "巴黎 @hero", "who": "@alice", "time": ""]
        for iteration in 0..<Self.iterations {
            let input: String
            if iteration % 4 == 0 {
                let bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                input = String(decoding: bytes, as: UTF8.self)
            } else {
                input = Self.randomInput(&rng, from: Self.adversarial, maxPieces: 30)
            }
            let target = targets[iteration % 3]
            let size = input.utf8.count
            let template = PromptTemplate(parsing: input, knownHandles: Fixtures.table.knownHandles)
            var position = 0
            for node in template.nodes {
                if node.range.lowerBound != position { Issue.record("gap at \(position) in \(input.debugDescription)") }
                position = node.range.upperBound
            }
            if position != size { Issue.record("nodes stop at \(position) of \(size) in \(input.debugDescription)") }
            do {
                let compiled = try Fixtures.compile(input, target, variables: variables)
                if compiled.prompt.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                    Issue.record("empty prompt accepted: \(input.debugDescription)")
                }
            } catch {
                if error.problems.isEmpty || error.description.isEmpty {
                    Issue.record("error without problems: \(input.debugDescription)")
                }
                for problem in error.problems where problem.range.upperBound > size || problem.range.lowerBound < 0 {
                    Issue.record("range \(problem.range) outside \(size) bytes: \(input.debugDescription)")
                }
                if error.formatted().isEmpty { Issue.record("empty formatted error") }
            }
        }
    }
}
