import Testing
import TroupeDomain

@Suite struct FailureReasonTests {
    @Test func onlyCallsNothingTookMaySendAgain() {
        #expect(FailureReason.allCases.filter(\.isRefusal).map(\.rawValue) == ["not_accepted", "rate_limited", "not_sent"])
        #expect(FailureReason(rawValue: "unknown_task") == .unknownTask)
        #expect(FailureReason(rawValue: "output_moderation") == nil)
    }
}
