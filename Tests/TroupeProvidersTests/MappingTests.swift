import Foundation
import Testing
import TroupeDomain
@testable import TroupeProviders

@Suite struct MappingTests {
    @Test func statusWordsMapToTheDomain() {
        for word in ["running", "queued", "in_progress", "RUNNING", "pending"] { #expect(RemoteStatus.map(word) == .running) }
        for word in ["succeeded", "completed", "success"] { #expect(RemoteStatus.map(word) == .succeeded) }
        for word in ["failed", "error", "cancelled"] { #expect(RemoteStatus.map(word) == .failed) }
        #expect(RemoteStatus.map("levitating") == nil)
        #expect(RemoteStatus.map(nil) == nil)
    }

    @Test func signedURLExpiryIsReadFromSe() throws {
        let url = "https://x.example/a.mp4?st=2025-10-10T12%3A30%3A38Z&se=2025-10-16T13%3A30%3A38Z&sig=abc%3D"
        #expect(URLExpiry.signedExpiry(of: url) == (try Date("2025-10-16T13:30:38Z", strategy: .iso8601)))
        #expect(URLExpiry.signedExpiry(of: "https://x.example/a.mp4") == nil)
        #expect(URLExpiry.signedExpiry(of: "https://x.example/a.mp4?se=tomorrow") == nil)
    }

    @Test func outcomeIsUnknownOnlyWhenThePaidCallMayHaveBeenTaken() {
        #expect(ProviderError.server(status: 503, message: "x").outcomeUnknown)
        #expect(ProviderError.malformed("x").outcomeUnknown)
        #expect(!ProviderError.rateLimited(retryAfter: 3).outcomeUnknown)
        #expect(!ProviderError.rejected("x").outcomeUnknown)
        #expect(!ProviderError.unauthorized("x").outcomeUnknown)
        #expect(!ProviderError.unknownTask("t").outcomeUnknown)
    }

    @Test func retryAfterAcceptsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_760_000_000) // Thu, 09 Oct 2025 08:53:20 GMT
        #expect(ResponseTriage.retryAfter("12", now: now) == 12)
        #expect(ResponseTriage.retryAfter("Thu, 09 Oct 2025 08:54:20 GMT", now: now) == 60)
        #expect(ResponseTriage.retryAfter("later", now: now) == nil)
        #expect(ResponseTriage.retryAfter(nil, now: now) == nil)
    }

    @Test func everyStatusClassIsTypedAlike() {
        let grsai = GrsAIDialect()
        #expect(throws: ProviderError.unauthorized("HTTP 403")) {
            try grsai.decodePoll(WireResponse(status: 403, body: Data()), taskID: "t", receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.rejected("HTTP 413")) {
            try grsai.decodeSubmit(WireResponse(status: 413, body: Data()), receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.server(status: 302, message: "HTTP 302")) {
            try grsai.decodeSubmit(WireResponse(status: 302, body: Data()), receivedAt: receivedAt)
        }
    }

    @Test func dialectForKind() {
        for kind in ProviderKind.allCases { #expect(dialect(for: kind).kind == kind) }
    }

    @Test func prices() {
        let table = PriceTable()
        // The Sora presets' prices come out as PriceTable gave them before models were data.
        #expect(table.video(.grsaiSora2, duration: 15, size: .large) == .init(amount: Decimal(string: "0.08")!, currency: "CNY"))
        #expect(table.character(kind: .grsai) == .init(amount: Decimal(string: "0.01")!, currency: "CNY"))
        #expect(table.video(.acedataSora2, duration: 15, size: .large) == .init(amount: Decimal(string: "0.15")!, currency: "USD"))
        #expect(table.video(.acedataSora2Pro, duration: 15, size: .small).amount == Decimal(string: "0.60")!)
        #expect(table.video(.acedataSora2Pro, duration: 25, size: .small).amount == Decimal(string: "1.00")!)
        #expect(table.video(.openaiSora2, duration: 8, size: .small).amount == Decimal(string: "0.8")!)
        #expect(table.video(.openaiSora2Pro, duration: 12, size: .small).amount == Decimal(string: "3.6")!)
        #expect(table.video(.openaiSora2Pro, duration: 12, size: .large).amount == Decimal(6))
        #expect(table.video(.veoFast, duration: 8, size: nil) == .init(amount: Decimal(string: "0.40")!, currency: "CNY"))
    }

    @Test func jsonHelpersAreTolerant() throws {
        let json = try JSONValue.parse(Data(#"{"a":"15","b":15,"c":"yes","d":true,"e":[1],"f":1.5}"#.utf8))
        #expect(json["a"]?.integer == 15)
        #expect(json["b"]?.text == "15")
        #expect(json["c"]?.integer == nil)
        #expect(json["d"]?.boolean == true)
        #expect(json["e"]?[0]?.integer == 1)
        #expect(json["f"]?.integer == nil)
        #expect(json["zzz"] == nil)
        #expect(json["a"]?["nested"] == nil)
    }

    @Test func nonEmptyTextTrimsWhitespaceAsFoundationDoes() throws {
        let json = try JSONValue.parse(Data(#"{"a":"plain","b":"  padded\n","c":"\t\r\n ","d":"","e":"\u00a0nbsp\u00a0","f":"é","g":"in side"}"#.utf8))
        #expect(json["a"]?.nonEmptyText == "plain")
        #expect(json["b"]?.nonEmptyText == "padded")
        #expect(json["c"]?.nonEmptyText == nil, "only whitespace is empty")
        #expect(json["d"]?.nonEmptyText == nil)
        #expect(json["e"]?.nonEmptyText == "nbsp", "Unicode spaces are trimmed too")
        #expect(json["f"]?.nonEmptyText == "é")
        #expect(json["g"]?.nonEmptyText == "in side", "inner spaces stay")
        #expect(RemoteStatus.map(" Succeeded\n") == .succeeded)
    }
}

@Suite struct StreamDispatchTests {
    @Test func onlyGrsAIStreams() throws {
        let frame = Data(#"{"id":"t","status":"running","progress":5}"#.utf8)
        #expect(try dialect(for: .grsai).decodeStreamFrame(frame, receivedAt: receivedAt).progress == 5)
        #expect(throws: ProviderError.malformed("acedata does not stream task frames")) {
            try dialect(for: .acedata).decodeStreamFrame(frame, receivedAt: receivedAt)
        }
        #expect(throws: ProviderError.malformed("openai does not stream task frames")) {
            try dialect(for: .openai).decodeStreamFrame(frame, receivedAt: receivedAt)
        }
    }
}

@Suite struct JSONParserTests {
    @Test func agreesWithFoundationOnEveryFixture() throws {
        for name in try ["grsai", "acedata", "openai"].flatMap({ try Fixture.all($0) }) where name.hasSuffix(".json") {
            let data = try Fixture.data(name)
            #expect(try JSONValue.parse(data) == JSONDecoder().decode(JSONValue.self, from: data), "\(name)")
        }
    }

    @Test func readsEscapesAndRefusesBadGrammar() throws {
        #expect(try JSONValue.parse(Data(#"{"a":"\u00e9\ud83c\udfac\n\/","b":[-1.5e2,0,true,null]}"#.utf8))
            == .object(["a": .string("é🎬\n/"), "b": .array([.number(-150), .number(0), .bool(true), .null])]))
        #expect(try JSONValue.parse(Data(#""\ud800x""#.utf8)) == .string("\u{FFFD}x"))
        for bad in ["", "{", "{\"a\"}", "[1,]", "01", "1.", "-", "tru", "\"\u{1}\"", "{} {}", "[1e400]", "\"\\x\"", "\"\\u12\""] {
            #expect(throws: ProviderError.self, "\(bad)") { try JSONValue.parse(Data(bad.utf8)) }
        }
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: ProviderError.malformed("the body is not valid JSON (400 bytes)")) { try JSONValue.parse(Data(deep.utf8)) }
    }
}

@Suite struct PreviewTests {
    @Test func previewShowsTheCallWithFilesByPath() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("ref.jpg")
        try Data([0xFF, 0xD8]).write(to: image)
        let grsai = try GrsAIDialect().generate(GenerateRequest(prompt: "a cat", model: .grsaiSora2, referenceImages: [.file(image.path)]), parentKnown: false)
        #expect(grsai.preview == """
            POST /v1/video/sora-video
            {"model":"sora-2","prompt":"a cat","url":"<base64 of \(image.path)>","aspectRatio":"9:16","duration":10,"size":"small","webHook":"-1"}
            """)
        let openai = try OpenAIDialect().generate(GenerateRequest(prompt: "a cat", model: .openaiSora2, referenceImages: [.file(image.path)]), parentKnown: false)
        #expect(openai.preview == """
            POST /v1/videos
            model=sora-2
            prompt=a cat
            seconds=4
            size=720x1280
            input_reference=@\(image.path) (image/jpeg)
            """)
        #expect(OpenAIDialect().list(limit: 5).preview == "GET /v1/videos?limit=5")
    }
}
