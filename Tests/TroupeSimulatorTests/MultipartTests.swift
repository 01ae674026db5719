import Foundation
import Testing
@testable import TroupeSimulator

@Suite struct MultipartTests {
    @Test func bracketedFieldsBecomeArraysOfObjects() throws {
        let body = OpenAITests.multipart([
            ("prompt", "two friends"), ("characters[][id]", "char_a"), ("characters[][id]", "char_b"),
        ], file: ("input_reference", Data("PNGDATA".utf8)))
        let parts = try #require(Multipart.parse(body, boundary: OpenAITests.boundary))
        #expect(parts.count == 4)
        #expect(parts.last?.filename == "clip.mp4")
        #expect(parts.last?.body == Data("PNGDATA".utf8))
        let fields = Multipart.fields(parts)
        #expect(fields["prompt"] == "two friends")
        #expect(fields["characters"] == [["id": "char_a"], ["id": "char_b"]])
        #expect(Multipart.boundary(fromContentType: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(Multipart.parse(Data("garbage".utf8), boundary: "abc") == nil)
    }

    @Test func mentionsSkipEmailsLiteralsAndTrailingPunctuation() {
        let found = Mentions.find(in: "@hero meets @villain. mail me@example.com @@home @cast_1.v2", isKnown: { $0 == "cast_1.v2" })
        #expect(found == ["hero", "villain", "cast_1.v2"])
    }
}
