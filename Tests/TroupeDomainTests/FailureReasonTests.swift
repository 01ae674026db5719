import Foundation
import Testing
import TroupeDomain

@Suite struct FailureReasonTests {
    @Test func onlyCallsNothingTookMaySendAgain() {
        #expect(FailureReason.allCases.filter(\.isRefusal).map(\.rawValue) == ["not_accepted", "rate_limited", "not_sent"])
        #expect(FailureReason(rawValue: "unknown_task") == .unknownTask)
        #expect(FailureReason(rawValue: "output_moderation") == nil)
    }

    @Test func aProvidersReasonIsKeptAsItWroteIt() throws {
        #expect(FailureReason("output_moderation") == .provider("output_moderation"))
        #expect(FailureReason("not_accepted") == .notAccepted)
        #expect(FailureReason.provider("output_moderation").rawValue == "output_moderation" && !FailureReason.provider("x").isRefusal)
        let json = try JSONEncoder().encode([FailureReason.rateLimited, .provider("api_error")])
        #expect(String(decoding: json, as: UTF8.self) == #"["rate_limited","api_error"]"#)
        #expect(try JSONDecoder().decode([FailureReason].self, from: json) == [.rateLimited, .provider("api_error")])
    }
}
