import Testing
import TroupeDomain

@Suite struct CallStepTests {
    @Test func aStepMovesTheTaskAndWhatItProducesTogether() {
        #expect(CallStep.resent.taskState == .prepared && CallStep.resent.videoStatus == .pending && CallStep.resent.characterStatus == .pending)
        #expect(CallStep.submitted.taskState == .submitted && CallStep.submitted.videoStatus == .running && CallStep.submitted.characterStatus == nil)
        #expect(CallStep.succeeded.videoStatus == .succeeded && CallStep.succeeded.characterStatus == .ready)
        #expect(CallStep.finishedWithoutCharacter.taskState == .succeeded && CallStep.finishedWithoutCharacter.characterStatus == .failed)
        #expect(CallStep.unknown.taskState == .unknown && CallStep.unknown.videoStatus == .unknown && CallStep.unknown.characterStatus == nil)
        for step in CallStep.allCases {
            #expect(step.taskState.isTerminal == [.succeeded, .finishedWithoutCharacter, .failed].contains(step), "\(step)")
        }
    }

    @Test func aNewCallIsJournaledPreparedAndARetiredCharacterStaysRetired() {
        #expect(CallStep.journaled.taskState == .prepared && CallStep.journaled.videoStatus == .pending && CallStep.journaled.characterStatus == .pending)
        for status in CharacterStatus.allCases {
            var retiring = status
            retiring.retire()
            #expect(retiring == .retired)
        }
    }
}
