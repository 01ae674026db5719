// Prompt compile throughput: realistic prompts (200–2,000 characters, 0–5 mentions, English,
// Chinese and emoji mixed), compiled for GrsAI against a 200-character catalogue.
//
//     cd Benchmarks && swift run -c release PromptBenchmark [runs]
//
// Prints the median MB/s (UTF-8 bytes of template source per second) over the runs, twice:
// by thread CPU time (one core's speed, robust when other processes share the machine) and by
// wall-clock time (what a user waits for, inflated when the machine is busy).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import TroupeDomain
import TroupePrompt

/// SplitMix64, so the corpus is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let english = [
    "The camera pans slowly across a rain-soaked street at night, neon signs flickering above. ",
    "Close-up: a hand turns the key, the engine coughs, then roars to life. ",
    "Wide shot of the harbour at dawn; gulls circle the fishing boats. ",
    "She laughs, shakes her head, and says: \"Not today.\" ",
    "Cut to black. Sound of footsteps on gravel, getting closer. ",
    "Handheld, 35mm, shallow depth of field, warm tungsten light. ",
]
let chinese = [
    "镜头缓缓推进，雨夜的街道上霓虹灯闪烁。",
    "特写：一只手转动钥匙，发动机轰鸣起来。",
    "清晨的港口，海鸥在渔船上空盘旋。",
    "她笑着摇了摇头，说：“今天不行。”",
    "画面切黑，远处传来脚步声，越来越近。",
    "手持拍摄，浅景深，暖色调灯光，电影质感。",
]
let emoji = ["🎬 ", "🌧️ ", "🚗 ", "🐱 ", "✨ "]
let punctuation = [" ", ". ", ", ", "，", "。", "! ", "-"]

var rng = SeededGenerator(state: 2026)
var characters: [PromptCharacter] = []
for index in 0..<200 {
    let handle = index % 7 == 0 ? "cast.member\(index)" : "actor_\(index)"
    characters.append(
        PromptCharacter(
            handle: handle, provider: "grsai", dialect: .grsai,
            characterID: index % 5 == 0 ? nil : "char.\(index)_id",
            clip: PromptClip(url: "https://clips.example/\(index).mp4", start: 0, end: 3),
            image: .url("https://images.example/\(index).png")))
}
let table = CharacterTable(characters)
let handles = characters.map(\.handle)

func makePrompt(_ rng: inout SeededGenerator) -> String {
    let targetLength = Int.random(in: 200...2_000, using: &rng)
    let mentionCount = Int.random(in: 0...5, using: &rng)
    var prompt = ""
    var length = 0
    var mentionsLeft = mentionCount
    while length < targetLength {
        let roll = Int.random(in: 0..<20, using: &rng)
        let piece: String
        if mentionsLeft > 0, roll < 3 {
            piece = "@" + handles.randomElement(using: &rng)! + punctuation.randomElement(using: &rng)!
            mentionsLeft -= 1
        } else if roll < 4 {
            piece = emoji.randomElement(using: &rng)!
        } else if roll < 5 {
            piece = "in {{place}} "
        } else if roll < 12 {
            piece = english.randomElement(using: &rng)!
        } else {
            piece = chinese.randomElement(using: &rng)!
        }
        prompt += piece
        length += piece.count
    }
    return prompt
}

let corpus = (0..<1_000).map { _ in makePrompt(&rng) }
let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
let variables = ["place": "巴黎 Paris"]
let target = PromptTarget(provider: "grsai", dialect: .grsai)
/// A Veo-like row: characters travel as reference images (no limit here: the corpus has up to 5 mentions).
let imageModel = ModelSpec(name: VideoModel(rawValue: "veo3.1-fast")!, providerKind: .grsai, family: .grsaiVeo, durations: [8],
                           aspects: [.landscape, .portrait], characterForms: [.image], imageInputs: [.reference],
                           maxReferenceImages: 5, price: ModelPrice(Decimal(string: "0.40")!), currency: "CNY")
let imageTarget = PromptTarget(provider: "grsai", dialect: .grsai, model: imageModel)
let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Seconds of CPU time this thread has used.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func measure(_ name: String, _ body: () -> Int) {
    var cpuRates: [Double] = []
    var wallRates: [Double] = []
    var sink = 0
    sink &+= body()  // warm-up
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let cpuStart = threadCPUSeconds()
        let elapsed = clock.measure { sink &+= body() }
        let cpuSeconds = threadCPUSeconds() - cpuStart
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        cpuRates.append(Double(bytes) / cpuSeconds / 1_000_000)
        wallRates.append(Double(bytes) / wallSeconds / 1_000_000)
    }
    func summary(_ rates: [Double]) -> String {
        let rounded = { (value: Double) in Double(Int(value * 10)) / 10 }
        return "median \(rounded(median(rates))) MB/s (min \(rounded(rates.min()!)), max \(rounded(rates.max()!)))"
    }
    print("\(name): CPU time \(summary(cpuRates)); wall clock \(summary(wallRates)) [\(sink % 10)]")
}

print(
    "corpus: \(corpus.count) prompts, \(bytes) UTF-8 bytes, \(corpus.reduce(0) { $0 + $1.count }) characters; "
        + "\(runs) runs each")
measure("parse") {
    var total = 0
    for prompt in corpus { total &+= PromptTemplate(parsing: prompt, knownHandles: table.knownHandles).nodes.count }
    return total
}
measure("compile (GrsAI)") {
    var total = 0
    for prompt in corpus {
        do {
            total &+= try PromptCompiler.compile(prompt, for: target, lookup: table, variables: variables).prompt.utf8.count
        } catch {
            fatalError("benchmark corpus must compile: \(error)")
        }
    }
    return total
}
measure("compile (Veo: characters as images)") {
    var total = 0
    for prompt in corpus {
        do {
            total &+= try PromptCompiler.compile(prompt, for: imageTarget, lookup: table, variables: variables).prompt.utf8.count
        } catch {
            fatalError("benchmark corpus must compile: \(error)")
        }
    }
    return total
}
