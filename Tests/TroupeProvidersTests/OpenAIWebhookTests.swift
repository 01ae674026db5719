import Foundation
import Testing
@testable import TroupeProviders

@Suite struct OpenAIWebhookTests {
    // A fake secret: "whsec_" + Base64 of 32 bytes of test data.
    let secret = "whsec_" + Data("test-key-0123456789-test-key-012".utf8).base64EncodedString()
    let now = Date(timeIntervalSince1970: 1_758_943_200)

    func headers(id: String = "wh_1", timestamp: Int64 = 1_758_943_200, signature: String) -> [WireRequest.Header] {
        [.init("webhook-id", id), .init("Webhook-Timestamp", String(timestamp)), .init("webhook-signature", signature)]
    }

    @Test func matchesAnIndependentlyComputedSignature() throws {
        let body = try Fixture.data("openai/webhook-completed.json")
        // Computed independently with Python: base64(hmac_sha256(key, b"wh_1.1758943200.{}")).
        let signature = try OpenAIWebhook.sign(body: Data("{}".utf8), id: "wh_1", timestamp: 1_758_943_200, secret: secret)
        #expect(signature == "v1,M+lzLrm0Zwd5virZ5b3yX5arquMqf6UuwynJlDHkV0Q=")
        let real = try OpenAIWebhook.sign(body: body, id: "wh_1", timestamp: 1_758_943_200, secret: secret)
        try OpenAIWebhook.verify(body: body, headers: headers(signature: real), secret: secret, now: now)
    }

    @Test func acceptsAnyMatchingSignatureAmongSeveral() throws {
        let body = Data(#"{"data":{"id":"video_1"}}"#.utf8)
        let good = try OpenAIWebhook.sign(body: body, id: "wh_1", timestamp: 1_758_943_200, secret: secret)
        try OpenAIWebhook.verify(body: body, headers: headers(signature: "v1,AAAA v0,xyz \(good)"), secret: secret, now: now)
    }

    @Test func refusesTamperedBodiesAndWrongSecrets() throws {
        let body = Data(#"{"data":{"id":"video_1"}}"#.utf8)
        let good = try OpenAIWebhook.sign(body: body, id: "wh_1", timestamp: 1_758_943_200, secret: secret)
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try OpenAIWebhook.verify(body: Data(#"{"data":{"id":"video_2"}}"#.utf8), headers: headers(signature: good), secret: secret, now: now)
        }
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try OpenAIWebhook.verify(body: body, headers: headers(id: "wh_2", signature: good), secret: secret, now: now)
        }
        let other = "whsec_" + Data("another-test-key".utf8).base64EncodedString()
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try OpenAIWebhook.verify(body: body, headers: headers(signature: good), secret: other, now: now)
        }
        #expect(throws: WebhookVerificationError.invalidSecret) {
            try OpenAIWebhook.verify(body: body, headers: headers(signature: good), secret: "whsec_!!!", now: now)
        }
    }

    @Test func enforcesTheThreeHundredSecondTolerance() throws {
        let body = Data("{}".utf8)
        for (offset, accepted) in [(0, true), (300, true), (-300, true), (301, false), (-301, false), (86_400, false)] {
            let timestamp = Int64(now.timeIntervalSince1970) + Int64(offset)
            let signature = try OpenAIWebhook.sign(body: body, id: "wh_1", timestamp: timestamp, secret: secret)
            let check = { () throws(WebhookVerificationError) in
                try OpenAIWebhook.verify(body: body, headers: headers(timestamp: timestamp, signature: signature), secret: secret, now: now)
            }
            if accepted {
                try check()
            } else {
                #expect(throws: WebhookVerificationError.timestampOutOfTolerance(seconds: abs(offset))) { try check() }
            }
        }
    }

    @Test func missingOrBadHeadersAreNamed() {
        let body = Data("{}".utf8)
        #expect(throws: WebhookVerificationError.missingHeader("webhook-signature")) {
            try OpenAIWebhook.verify(body: body, headers: [.init("webhook-id", "a"), .init("webhook-timestamp", "1")], secret: secret, now: now)
        }
        #expect(throws: WebhookVerificationError.invalidTimestamp("soon")) {
            try OpenAIWebhook.verify(body: body, headers: headers(signature: "v1,x").map {
                $0.name == "Webhook-Timestamp" ? .init("webhook-timestamp", "soon") : $0
            }, secret: secret, now: now)
        }
    }
}
