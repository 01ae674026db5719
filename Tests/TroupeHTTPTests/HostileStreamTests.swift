import Foundation
import Testing
@testable import TroupeHTTP

/// Streams built to make a splitter re-read its input: each holds a megabyte of one trap, then
/// a real frame that must still come out (and in linear time: the old splitter took minutes).
@Suite struct HostileStreamTests {
    static let megabyte = 1 << 20
    static let tail = "\ndata: {\"id\":\"t1\",\"progress\":7}\n"

    static func frames(_ stream: String, chunk: Int = 64 * 1024) throws -> [Data] {
        let bytes = Data(stream.utf8)
        var splitter = StreamFrameSplitter()
        var frames: [Data] = []
        var offset = 0
        while offset < bytes.count {
            frames += try splitter.push(bytes.subdata(in: offset..<min(offset + chunk, bytes.count)))
            offset += chunk
        }
        return try frames + splitter.finish()
    }

    @Test(.timeLimit(.minutes(1)), arguments: [
        ("open braces", String(repeating: "{", count: megabyte)),
        ("deep nesting", "data: {\"a\":" + String(repeating: "[", count: megabyte)),
        ("unterminated string full of braces", "data: {\"id\":\"" + String(repeating: "a{", count: megabyte / 2)),
        ("braces in and out of strings", String(repeating: "{\"", count: megabyte / 2)),
        ("balanced but not JSON", String(repeating: "{", count: megabyte / 2) + String(repeating: "}", count: megabyte / 2)),
    ])
    func aMegabyteOfTrapsThenAFrame(name: String, trap: String) throws {
        let frames = try Self.frames(trap + Self.tail)
        #expect(try StreamFrameSplitterTests.progress(frames) == [7], "\(name)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aMegabyteOfTrapsEndingTheStreamGivesNoFrame() throws {
        #expect(try Self.frames(String(repeating: "{", count: Self.megabyte)).isEmpty)
        #expect(try Self.frames(String(repeating: "{\"", count: Self.megabyte / 2)).isEmpty)
    }

    @Test func aFrameCutShortIsFollowedByTheNextOnTheSameLine() throws {
        let frames = try Self.frames(#"data: {"id":"t1","note":"cut short data: {"id":"t1","progress":3}"# + Self.tail)
        #expect(try StreamFrameSplitterTests.progress(frames) == [3, 7])
    }

    @Test func aFrameThatNeverEndsFailsTheStreamOnceTooLong() throws {
        var splitter = StreamFrameSplitter(maxFrameBytes: 4096, url: "http://127.0.0.1:1/v1/video/sora-video")
        #expect(try splitter.push(Data(#"data: {"id":"t1","note":""#.utf8)).isEmpty)
        #expect(try splitter.push(Data(String(repeating: "x", count: 2048).utf8)).isEmpty)
        #expect {
            _ = try splitter.push(Data(String(repeating: "x", count: 4096).utf8))
        } throws: { error in
            let error = error as? HTTPError
            return error?.kind == .tooLarge && error?.requestMayHaveBeenSent == true
                && error?.message.contains("4096 bytes without ending") == true
        }
    }
}
