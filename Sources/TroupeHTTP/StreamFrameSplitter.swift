import Foundation

/// Cuts a GrsAI-style progress stream into JSON frames, whatever the chunking.
///
/// Accepts SSE `data: {json}` frames, several `data:` frames on one line (with or without
/// a newline between them), bare JSON objects, `data: [DONE]`, blank lines and non-JSON
/// noise between frames. Each frame is one top-level JSON object, returned as its bytes;
/// a `{"code": …}` error envelope is a frame like any other.
public struct StreamFrameSplitter: Sendable {
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanning = false
    private var scanPosition = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// A candidate object longer than this is dropped as noise.
    public var maxFrameBytes: Int

    /// Creates a splitter.
    public init(maxFrameBytes: Int = 16 << 20) {
        self.maxFrameBytes = maxFrameBytes
    }

    /// Adds received bytes; returns the frames they complete.
    public mutating func push(_ bytes: Data) -> [Data] {
        buffer.append(contentsOf: bytes)
        return drain(final: false)
    }

    /// Ends the stream; returns any last frame (an unterminated object is dropped).
    public mutating func finish() -> [Data] {
        let frames = drain(final: true)
        buffer = []
        start = 0
        return frames
    }

    private static let dataPrefix = Array("data:".utf8)

    private mutating func drain(final: Bool) -> [Data] {
        var frames: [Data] = []
        loop: while true {
            if scanning {
                let scan = scanObject()
                if case .invalid = scan {
                    scanning = false
                    start += 1
                    continue
                }
                if case .complete(let end) = scan {
                    scanning = false
                    let candidate = Data(buffer[start...end])
                    if Self.isJSONObject(candidate) {
                        frames.append(candidate)
                        start = end + 1
                    } else {
                        start += 1
                    }
                    continue
                }
                if final || buffer.count - start > maxFrameBytes {
                    scanning = false
                    start += 1
                    continue
                }
                break
            }
            guard start < buffer.count else { break }
            switch buffer[start] {
            case UInt8(ascii: "{"):
                scanning = true
                scanPosition = start
                depth = 0
                inString = false
                escaped = false
            case UInt8(ascii: "d"):
                let available = min(Self.dataPrefix.count, buffer.count - start)
                let matches = buffer[start..<(start + available)].elementsEqual(Self.dataPrefix[0..<available])
                if matches && available == Self.dataPrefix.count {
                    start += available
                } else if matches && !final {
                    break loop
                } else {
                    start += 1
                }
            default:
                start += 1
            }
        }
        compact()
        return frames
    }

    private enum Scan { case complete(Int), incomplete, invalid }

    /// Bytes that may appear outside strings in JSON: structure, numbers, true/false/null, spaces.
    private static let jsonBareBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("{}[]:,.+-0123456789eEtrufalsn \t\r\n".utf8) { table[Int(byte)] = true }
        return table
    }()

    /// Continues scanning the candidate object: complete at its closing brace, invalid as
    /// soon as a byte outside a string cannot be JSON (so noise never hides later frames).
    private mutating func scanObject() -> Scan {
        var index = scanPosition
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    scanPosition = index + 1
                    return .complete(index)
                }
            } else if !Self.jsonBareBytes[Int(byte)] {
                return .invalid
            }
            index += 1
        }
        scanPosition = index
        return .incomplete
    }

    private mutating func compact() {
        guard start > 0, start >= buffer.count / 2 || start == buffer.count else { return }
        buffer.removeFirst(start)
        scanPosition -= start
        start = 0
    }

    private static func isJSONObject(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }
}

/// The JSON frames of a byte stream (see `StreamFrameSplitter`).
public struct StreamFrames<Base: AsyncSequence>: AsyncSequence where Base.Element == Data {
    public typealias Element = Data
    private let base: Base

    /// Wraps a sequence of received chunks.
    public init(_ base: Base) {
        self.base = base
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator())
    }

    /// Yields frames as the chunks that complete them arrive.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var splitter = StreamFrameSplitter()
        var ready: [Data] = []
        var position = 0
        var done = false

        /// The next frame, or nil once the stream ended.
        public mutating func next() async throws -> Data? {
            while true {
                if position < ready.count {
                    position += 1
                    return ready[position - 1]
                }
                if done { return nil }
                ready = []
                position = 0
                if let chunk = try await base.next() {
                    ready = splitter.push(chunk)
                } else {
                    done = true
                    ready = splitter.finish()
                }
            }
        }
    }
}

extension StreamFrames: Sendable where Base: Sendable {}
