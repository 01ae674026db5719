import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct StreamFrameSplitterTests {
    /// A stream with every quirk of GrsAI's stream, and the frames it holds.
    static let quirky = """
    data: {"id":"t1","progress":10,"status":"running"}

    : keep-alive noise
    data: {"id":"t1","progress":20,"status":"running","note":"brace } and \\"data:\\" in a string"}data: {"id":"t1","progress":30,"status":"running"}
    {"id":"t1","progress":40,"status":"running"}
    not json at all {broken
    data: {"code":-1,"msg":"insufficient credits","data":null}
    data: {"id":"t1","progress":100,"status":"succeeded","results":[{"url":"https://x/y.mp4","pid":"s_1"}]}

    data: [DONE]

    """
    static let expectedProgress: [Int?] = [10, 20, 30, 40, nil, 100]

    static func progress(_ frames: [Data]) throws -> [Int?] {
        try frames.map { frame in
            let object = try #require(JSONSerialization.jsonObject(with: frame) as? [String: Any])
            return object["progress"] as? Int
        }
    }

    @Test func splitsEveryQuirkWhenReceivedWhole() throws {
        var splitter = StreamFrameSplitter()
        let frames = try splitter.push(Data(Self.quirky.utf8)) + splitter.finish()
        #expect(try Self.progress(frames) == Self.expectedProgress)
        let envelope = try #require(JSONSerialization.jsonObject(with: frames[4]) as? [String: Any])
        #expect(envelope["code"] as? Int == -1)
    }

    @Test func sameFramesWhenCutAtEveryByteBoundary() throws {
        let bytes = Data(Self.quirky.utf8)
        for cut in 0...bytes.count {
            var splitter = StreamFrameSplitter()
            let frames = try splitter.push(bytes.prefix(cut)) + splitter.push(bytes.dropFirst(cut)) + splitter.finish()
            #expect(try Self.progress(frames) == Self.expectedProgress, "cut at \(cut)")
        }
    }

    @Test func sameFramesWhenFedOneByteAtATime() throws {
        var splitter = StreamFrameSplitter()
        var frames: [Data] = []
        for byte in Data(Self.quirky.utf8) { frames += try splitter.push(Data([byte])) }
        frames += try splitter.finish()
        #expect(try Self.progress(frames) == Self.expectedProgress)
    }

    @Test func frameIsEmittedAsSoonAsItsClosingBraceArrives() throws {
        var splitter = StreamFrameSplitter()
        #expect(try splitter.push(Data(#"data: {"id":"a","#.utf8)).isEmpty)
        let frames = try splitter.push(Data(#""progress":5}"#.utf8))
        #expect(frames.map { String(decoding: $0, as: UTF8.self) } == [#"{"id":"a","progress":5}"#])
    }

    @Test func unterminatedObjectAtEndIsDroppedButLaterFramesSurvive() throws {
        var splitter = StreamFrameSplitter()
        let frames = try splitter.push(Data("data: {\"id\":\ndata: {\"progress\":7}\n".utf8)) + splitter.finish()
        #expect(try Self.progress(frames) == [7])
    }

    @Test func noiseWithABraceDoesNotHoldBackLaterFrames() throws {
        var splitter = StreamFrameSplitter()
        let frames = try splitter.push(Data("oops {broken\ndata: {\"progress\":1}\n".utf8))
        #expect(try Self.progress(frames) == [1])
    }
}
