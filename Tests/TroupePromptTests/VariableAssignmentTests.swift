import Testing
@testable import TroupePrompt

@Suite struct VariableAssignmentTests {
    @Test func nameEqualsValuePairsBecomeValues() throws {
        let values = try VariableAssignments.parse(["place=巴黎", "query=a=b", "empty="])
        #expect(values == ["place": "巴黎", "query": "a=b", "empty": ""])
        #expect(try Fixtures.compile("{{place}}: {{query}}{{empty}}", variables: values).prompt == "巴黎: a=b")
    }

    @Test func everyBadAssignmentIsReportedAtOnce() {
        #expect(throws: VariableAssignmentError(problems: [
            "\"noequals\" has no \"=\": write --var name=value",
            "\"two words\" is not a variable name: use a name without spaces or braces",
            "\"\" is not a variable name: use a name without spaces or braces",
            "variable a is given twice",
        ])) {
            try VariableAssignments.parse(["noequals", "two words=x", "=x", "a=1", "a=2"])
        }
    }

    @Test func validNamesAreTheOnesATemplateCanUse() {
        for name in ["place", "时间", "a.b-c_d"] {
            #expect(VariableAssignments.isValidName(name))
            #expect(PromptTemplate(parsing: "{{\(name)}}").variables == [name])
        }
        for name in ["", "a b", "a{", "}"] {
            #expect(!VariableAssignments.isValidName(name))
        }
    }
}
