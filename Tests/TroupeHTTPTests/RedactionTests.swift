import Foundation
import Testing
@testable import TroupeHTTP

@Suite struct RedactionTests {
    static let key = "grs-live-5e4d3c2b1a09f8e7d6c5"

    @Test func theKeyIsTakenOutWhereverItIs() {
        let text = "invalid key \(Self.key); you sent \"\(Self.key)\"\n(\(Self.key))"
        #expect(Redaction.text(text, secrets: [Self.key]) == "invalid key <redacted>; you sent \"<redacted>\"\n(<redacted>)")
    }

    @Test(arguments: [
        ("you sent Authorization: Bearer abc", "you sent Authorization: <redacted>"),
        (#"{"headers":{"authorization":"Bearer abc"}}"#, #"{"headers":{"authorization":"<redacted>"}}"#),
        ("x-api-key=abc&page=2", "x-api-key=<redacted>&page=2"),
        ("(you sent Authorization: Bearer <redacted>)", "(you sent Authorization: <redacted>)"),
        ("[Authorization: Basic dXNlcjpwYXNz]", "[Authorization: <redacted>]"),
        ("token Bearer 0123456789abcdef rejected", "token Bearer <redacted> rejected"),
        ("bearer eyJhbGciOiJIUzI1NiJ9.e30.sig==", "bearer <redacted>"),
        ("key sk-proj-AbC123dEf456GhI789 is wrong", "key <redacted> is wrong"),
        ("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw bad", "secret <redacted> bad"),
    ])
    func credentialLookingTokensAreTakenOut(raw: String, shown: String) {
        #expect(Redaction.text(raw) == shown)
        // Idempotent: scrubbing twice changes nothing more.
        #expect(Redaction.text(shown) == shown)
    }

    @Test func proseAndIdentifiersAreLeftAlone() {
        for text in ["the Bearer of bad news", "Bearer authentication required", "task-running-abcdefghij failed",
                     "output_moderation", "HTTP 500", "desk-lamp-0123456789"] {
            #expect(Redaction.text(text) == text)
        }
        // A secret too short to search for safely is not searched for.
        #expect(Redaction.text("a cat", secrets: ["a", ""]) == "a cat")
    }

    @Test func bodiesLoseTheKeyBytes() {
        let body = Data(#"{"code":401,"msg":"bad key \#(Self.key)","echo":"Bearer \#(Self.key)"}"#.utf8)
        let scrubbed = Redaction.data(body, secrets: [Self.key])
        #expect(String(decoding: scrubbed, as: UTF8.self) == #"{"code":401,"msg":"bad key <redacted>","echo":"Bearer <redacted>"}"#)
        #expect(Redaction.data(Data("nothing here".utf8), secrets: [Self.key]) == Data("nothing here".utf8))
    }
}
