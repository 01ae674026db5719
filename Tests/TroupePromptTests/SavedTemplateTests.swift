import Foundation
import Testing
@testable import TroupePrompt

@Suite struct SavedTemplateTests {
    @Test func savedTemplateListsItsVariables() throws {
        let saved = try SavedTemplate(name: "duel-2.v1", body: "@hero meets @villain in {{place}} at {{time}}, {{place}}")
        #expect(saved.variables == ["place", "time"])
        #expect(saved.template(knownHandles: ["hero"]).mentions == ["hero", "villain"])
    }

    @Test func badNamesAreRefused() {
        for name in ["", "two words", "-dash", "名字", String(repeating: "a", count: 65)] {
            #expect(throws: PromptError.self) { try SavedTemplate(name: name, body: "x") }
        }
        do {
            _ = try SavedTemplate(name: "two words", body: "x")
        } catch {
            #expect(error.problems.map(\.kind) == [.invalidName])
        }
    }

    @Test func bodySyntaxErrorsAreRefusedWithPositions() {
        do {
            _ = try SavedTemplate(name: "scene", body: "in {{place")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.problems.map(\.kind) == [.syntax])
            #expect(error.problems[0].range == 3..<5)
        }
    }

    @Test func roundTripsThroughJSON() throws {
        let saved = try SavedTemplate(name: "scene", body: "{{a}} @hero")
        let data = try JSONEncoder().encode(saved)
        #expect(try JSONDecoder().decode(SavedTemplate.self, from: data) == saved)
    }
}
