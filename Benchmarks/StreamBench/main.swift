// Stream reading time against stream size: normal GrsAI progress streams and hostile ones
// (a megabyte of `{`, unterminated strings full of braces, deep nesting, braces in and out of
// strings, balanced braces that are not JSON), each 1 MiB and 4 MiB, cut into 16 KiB chunks,
// split into frames and every frame decoded as GrsAI's.
//
//     scripts/bench-stream [runs [MiB]]      (default 7 runs; 1 MiB and 4 MiB)
//
// Prints, per stream, the median thread CPU time at 1 MiB and 4 MiB and their ratio: about 4
// means linear growth (the splitter of old re-read the buffer and took ~16× for 4× the bytes).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import TroupeHTTP
import TroupeProviders

let runs = CommandLine.arguments.count > 1 ? max(1, Int(CommandLine.arguments[1]) ?? 7) : 7
let mebibyte = 1 << 20
/// The smaller size in MiB (second argument; default 1): the larger is 4 times it.
let small = (CommandLine.arguments.count > 2 ? max(1, Int(CommandLine.arguments[2]) ?? 1) : 1) * mebibyte
let tail = "\ndata: {\"id\":\"t1\",\"progress\":100,\"status\":\"succeeded\",\"results\":[{\"url\":\"https://x/y.mp4\",\"pid\":\"s_1\"}]}\n\ndata: [DONE]\n"

func repeated(_ unit: String, toBytes size: Int) -> String {
    String(repeating: unit, count: max(1, size / unit.utf8.count))
}

func normal(_ size: Int) -> String {
    var text = ""
    var progress = 0
    while text.utf8.count < size {
        text += "data: {\"id\":\"t1\",\"progress\":\(progress % 100),\"status\":\"running\",\"note\":\"brace } and \\\"data:\\\" in a string\"}\n\n"
        progress += 1
    }
    return text + tail
}

let streams: [(name: String, make: (Int) -> String)] = [
    ("normal progress frames", normal),
    ("open braces {{{{…", { repeated("{", toBytes: $0) + tail }),
    ("unterminated string of braces", { "data: {\"id\":\"" + repeated("a{", toBytes: $0) + tail }),
    ("deep nesting [[[[…", { "data: {\"a\":" + repeated("[", toBytes: $0) + tail }),
    ("braces in and out of strings", { repeated("{\"", toBytes: $0) + tail }),
    ("balanced, not JSON {{…}}", { repeated("{", toBytes: $0 / 2) + repeated("}", toBytes: $0 / 2) + tail }),
]

func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Splits and decodes one stream; returns the CPU seconds and how many frames decoded.
func measure(_ bytes: Data) throws -> (seconds: Double, decoded: Int) {
    let dialect = GrsAIDialect()
    let start = threadCPUSeconds()
    var splitter = StreamFrameSplitter(maxFrameBytes: 64 << 20)  // room for the 16 MiB runs
    var decoded = 0
    var offset = 0
    func decode(_ frames: [Data]) {
        for frame in frames where (try? dialect.decodeStreamFrame(frame, receivedAt: Date())) != nil { decoded += 1 }
    }
    while offset < bytes.count {
        decode(try splitter.push(bytes.subdata(in: offset..<min(offset + 16 * 1024, bytes.count))))
        offset += 16 * 1024
    }
    decode(try splitter.finish())
    return (threadCPUSeconds() - start, decoded)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

print("stream                           \(small / mebibyte) MiB (ms)   \(4 * small / mebibyte) MiB (ms)   ratio   frames   (median of \(runs), thread CPU time)")
var worst = 0.0
for stream in streams {
    var medians: [Double] = []
    var frames = 0
    for size in [small, 4 * small] {
        let bytes = Data(stream.make(size).utf8)
        var times: [Double] = []
        for _ in 0..<runs {
            let (seconds, decoded) = try measure(bytes)
            times.append(seconds)
            frames = decoded
        }
        medians.append(median(times))
    }
    let ratio = medians[1] / medians[0]
    worst = max(worst, ratio)
    print(stream.name.padding(toLength: 32, withPad: " ", startingAt: 0)
        + String(format: " %10.1f   %10.1f   %5.2f   %d", medians[0] * 1000, medians[1] * 1000, ratio, frames))
}
print(String(format: "worst ratio: %.2f (linear ≈ 4; quadratic ≈ 16)", worst))
