import Foundation

/// Cuts a GrsAI-style progress stream into JSON frames, whatever the chunking, in time linear
/// in the stream's length.
///
/// Accepts SSE `data: {json}` frames, several `data:` frames on one line (with or without
/// a newline between them), bare JSON objects, `data: [DONE]`, blank lines and non-JSON
/// noise between frames. Each frame is one top-level JSON object, returned as its bytes;
/// a `{"code": …}` error envelope is a frame like any other.
///
/// A candidate is read from a `{` to its closing brace. One that turns out not to be JSON (a
/// byte no JSON has outside a string, a raw control byte inside one, a balanced object that
/// does not parse, or the end of the stream) is dropped, and reading goes on from the first
/// `{` that lay inside one of its strings (a frame cut short and followed by another on the
/// same line), else from where it failed. A `{` a dropped candidate read as structure never
/// starts a candidate itself, so no byte is read more than twice, however hostile the stream.
/// A candidate longer than `maxFrameBytes` fails the stream (`HTTPError.Kind.tooLarge`).
public struct StreamFrameSplitter: Sendable {
    /// The bytes kept: from the earliest position a candidate may still start at.
    private var buffer: [UInt8] = []
    /// The stream offset of `buffer[0]`.
    private var base = 0
    /// The next stream offset to look at outside any candidate.
    private var position = 0
    /// The candidate being read.
    private var candidate: Candidate?
    /// Where later candidates may start: the `{`s inside the strings of the dropped candidate
    /// that read furthest (`reach`), in stream order, from `next` on.
    private var restarts: [Int] = []
    private var next = 0
    /// How far the dropped candidates have read.
    private var reach = 0
    /// A candidate longer than this fails the stream as unreadable.
    public let maxFrameBytes: Int
    /// The URL the stream comes from (for the error).
    private let url: String

    /// Creates a splitter.
    public init(maxFrameBytes: Int = 8 << 20, url: String = "") {
        self.maxFrameBytes = min(maxFrameBytes, Int(UInt32.max))
        self.url = url
    }

    /// Adds received bytes; returns the frames they complete. Throws when a candidate grows
    /// past `maxFrameBytes` without ending.
    public mutating func push(_ bytes: Data) throws(HTTPError) -> [Data] {
        buffer.append(contentsOf: bytes)
        return try drain(final: false)
    }

    /// Ends the stream; returns any last frame (an unterminated object is dropped).
    public mutating func finish() throws(HTTPError) -> [Data] {
        let frames = try drain(final: true)
        base += buffer.count
        buffer = []
        return frames
    }

    private static let dataPrefix = Array("data:".utf8)

    /// A candidate object being read: where it starts, how far it is read, the reader's state.
    private struct Candidate {
        var start: Int
        var index: Int
        var depth = 0
        var inString = false
        var escaped = false
        /// The `{`s read inside its strings (where a later candidate may start), as offsets from
        /// `start` (a candidate is at most `maxFrameBytes` long: 4 bytes each halve the memory).
        var quoted: [UInt32] = []

        init(start: Int) {
            self.start = start
            index = start
        }
    }

    private enum Scan { case complete(Int), incomplete, invalid(Int) }

    private mutating func drain(final: Bool) throws(HTTPError) -> [Data] {
        var frames: [Data] = []
        let end = base + buffer.count
        loop: while true {
            if var current = candidate {
                candidate = nil  // one owner of its `quoted` list, or each append would copy it
                switch scan(&current) {
                case .complete(let close):
                    let bytes = Data(buffer[(current.start - base)...(close - base)])
                    if Self.isJSONObject(bytes) {
                        frames.append(bytes)
                        accepted(close)
                    } else {
                        dropped(current, failedAt: close + 1)
                    }
                case .invalid(let at):
                    dropped(current, failedAt: at)
                case .incomplete:
                    if final {
                        dropped(current, failedAt: end)
                    } else if end - current.start > maxFrameBytes {
                        throw HTTPError(kind: .tooLarge, message: "a stream frame ran past \(maxFrameBytes) bytes without ending: the answer is unreadable", url: url)
                    } else {
                        candidate = current
                        break loop
                    }
                }
                continue
            }
            if next < restarts.count {
                candidate = Candidate(start: restarts[next])
                next += 1
                continue
            }
            guard position < end else { break }
            switch buffer[position - base] {
            case UInt8(ascii: "{"):
                candidate = Candidate(start: position)
            case UInt8(ascii: "d"):
                let offset = position - base
                let available = min(Self.dataPrefix.count, buffer.count - offset)
                let matches = buffer[offset..<(offset + available)].elementsEqual(Self.dataPrefix[0..<available])
                if matches && available == Self.dataPrefix.count {
                    position += available
                } else if matches && !final {
                    break loop
                } else {
                    position += 1
                }
            default:
                position += 1
            }
        }
        compact()
        return frames
    }

    /// A frame ended at `close`: go on after it.
    private mutating func accepted(_ close: Int) {
        candidate = nil
        if close < reach {
            // Inside what a dropped candidate read: only its quoted `{`s past the frame remain.
            while next < restarts.count, restarts[next] <= close { next += 1 }
        } else {
            restarts = []
            next = 0
            position = max(position, close + 1)
        }
    }

    /// A candidate is not JSON, as found at `failedAt`: pick where the next ones may start.
    ///
    /// A candidate started at a quoted `{` of the dropped one that read furthest reads the
    /// bytes they share with opposite quoting: its structure is inside that one's strings and
    /// its strings are that one's structure. So in the stretch both read, no `{` is left that
    /// neither read as structure; past it, the quoted `{`s of the one that read further remain.
    private mutating func dropped(_ failed: Candidate, failedAt: Int) {
        candidate = nil
        if failedAt <= reach {
            while next < restarts.count, restarts[next] < failedAt { next += 1 }
        } else {
            let from = reach
            restarts = failed.quoted.map { failed.start + Int($0) }.filter { $0 >= from }
            next = 0
            reach = failedAt
            position = max(position, failedAt)
        }
    }

    /// Bytes that may appear outside strings in JSON: structure, numbers, true/false/null, spaces.
    private static let jsonBareBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("{}[]:,.+-0123456789eEtrufalsn \t\r\n".utf8) { table[Int(byte)] = true }
        return table
    }()

    /// Continues reading the candidate: complete at its closing brace, invalid as soon as a byte
    /// cannot be JSON (so noise never hides later frames).
    private func scan(_ candidate: inout Candidate) -> Scan {
        let count = base + buffer.count
        return buffer.withUnsafeBufferPointer { bytes in
            var index = candidate.index
            defer { candidate.index = index }
            while index < count {
                let byte = bytes[index - base]
                if candidate.inString {
                    if candidate.escaped {
                        candidate.escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        candidate.escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        candidate.inString = false
                    } else if byte < 0x20 {
                        return .invalid(index)
                    } else if byte == UInt8(ascii: "{") {
                        candidate.quoted.append(UInt32(truncatingIfNeeded: index - candidate.start))
                    }
                } else if byte == UInt8(ascii: "\"") {
                    candidate.inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    candidate.depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    candidate.depth -= 1
                    if candidate.depth == 0 {
                        index += 1
                        return .complete(index - 1)
                    }
                } else if !Self.jsonBareBytes[Int(byte)] {
                    return .invalid(index)
                }
                index += 1
            }
            return .incomplete
        }
    }

    /// Drops the bytes no candidate can start at any more.
    private mutating func compact() {
        var keep = candidate?.start ?? position
        if next < restarts.count { keep = min(keep, restarts[next]) }
        let drop = keep - base
        guard drop > 0, drop >= buffer.count / 2 else { return }
        buffer.removeFirst(drop)
        base = keep
        if next > 0 {
            restarts.removeFirst(next)
            next = 0
        }
    }

    private static func isJSONObject(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }
}

/// The JSON frames of a byte stream (see `StreamFrameSplitter`).
public struct StreamFrames<Base: AsyncSequence>: AsyncSequence where Base.Element == Data {
    public typealias Element = Data
    private let base: Base
    private let url: String

    /// Wraps a sequence of received chunks from `url` (named in the error of a frame too long).
    public init(_ base: Base, url: String = "") {
        self.base = base
        self.url = url
    }

    /// An iterator over the frames.
    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), splitter: StreamFrameSplitter(url: url))
    }

    /// Yields frames as the chunks that complete them arrive.
    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var splitter: StreamFrameSplitter
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
                    ready = try splitter.push(chunk)
                } else {
                    done = true
                    ready = try splitter.finish()
                }
            }
        }
    }
}

extension StreamFrames: Sendable where Base: Sendable {}
