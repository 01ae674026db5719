import Testing
@testable import TroupePrompt

@Suite struct ParserTests {
    let known: Set<String> = ["hero", "villain", "cat", "cat.name", "a-b"]

    func nodes(_ source: String, known: Set<String>? = nil) -> [PromptNode] {
        PromptTemplate(parsing: source, knownHandles: known ?? self.known).nodes
    }

    @Test func mentionsAndTextKeepByteRanges() {
        #expect(nodes("@hero argues with @villain") == [
            .mention(handle: "hero", range: 0..<5),
            .text(range: 5..<18),
            .mention(handle: "villain", range: 18..<26),
        ])
    }

    @Test func sentencePunctuationIsNotPartOfAMention() {
        let template = PromptTemplate(parsing: "Run, @villain. Now @hero-", knownHandles: known)
        #expect(template.mentions == ["villain", "hero"])
        #expect(template.nodes.last == .text(range: 24..<25))
    }

    @Test func longestKnownNameWins() {
        #expect(PromptTemplate(parsing: "@cat.name sleeps", knownHandles: known).mentions == ["cat.name"])
        let onlyCat = PromptTemplate(parsing: "@cat.name sleeps", knownHandles: ["cat"])
        #expect(onlyCat.nodes == [.mention(handle: "cat", range: 0..<4), .text(range: 4..<16)])
        #expect(PromptTemplate(parsing: "@a-b-c", knownHandles: known).mentions == ["a-b"])
    }

    @Test func unknownMentionDropsTrailingDotsAndDashes() {
        #expect(PromptTemplate(parsing: "see @nobody...", knownHandles: known).mentions == ["nobody"])
        #expect(PromptTemplate(parsing: "@x.y-", knownHandles: []).mentions == ["x.y"])
    }

    @Test func doubleAtIsALiteralAt() {
        #expect(nodes("a @@hero b") == [
            .text(range: 0..<2), .escapedAt(range: 2..<4), .text(range: 4..<10),
        ])
    }

    @Test func emailAddressIsNotAMention() {
        let template = PromptTemplate(parsing: "mail name@example.com or @hero", knownHandles: known)
        #expect(template.mentions == ["hero"])
        #expect(template.nodes.first == .text(range: 0..<25))
    }

    @Test func loneAtIsText() {
        #expect(nodes("meet @ 5pm, @.x, @") == [.text(range: 0..<18)])
    }

    @Test func chineseTextAroundMentionsIsKeptAndEndsTheHandle() {
        let source = "镜头：@hero走进房间，@villain。"
        let template = PromptTemplate(parsing: source, knownHandles: known)
        #expect(template.mentions == ["hero", "villain"])
        let texts = template.nodes.compactMap { node -> String? in
            if case .text(let range) = node { return template.text(in: range) }
            return nil
        }
        #expect(texts == ["镜头：", "走进房间，", "。"])
    }

    @Test func mentionAfterChineseTextIsAMention() {
        // Only ASCII letters and digits before `@` make an e-mail address.
        #expect(PromptTemplate(parsing: "他说@hero", knownHandles: known).mentions == ["hero"])
    }

    @Test func variablesWithSpacesAndUnicodeNames() {
        let template = PromptTemplate(parsing: "{{ place }} at {{时间}}, {{place}}")
        #expect(template.variables == ["place", "时间"])
        #expect(template.nodes.first == .variable(name: "place", range: 0..<11))
        #expect(template.problems.isEmpty)
    }

    @Test func unbalancedBracesAreReportedWithTheirPosition() {
        let template = PromptTemplate(parsing: "a {{x b {{y}} c }} d {{")
        #expect(template.problems.map(\.range) == [2..<4, 16..<18, 21..<23])
        #expect(template.problems.allSatisfy { $0.kind == .syntax })
        #expect(template.variables == ["y"])
    }

    @Test func singleAndTripleBracesAreText() {
        let template = PromptTemplate(parsing: "json {a: 1} and {{{x}}}")
        #expect(template.variables == ["x"])
        #expect(template.problems.isEmpty)
    }

    @Test func emptyVariableNameIsAnError() {
        let template = PromptTemplate(parsing: "hi {{ }} there")
        #expect(template.problems.count == 1)
        #expect(template.problems[0].range == 3..<8)
    }

    @Test func nodesCoverTheWholeSource() {
        let source = "x@y.z @@ {{v}} @hero. 中文 }} {{"
        let template = PromptTemplate(parsing: source, knownHandles: known)
        var position = 0
        for node in template.nodes {
            #expect(node.range.lowerBound == position)
            position = node.range.upperBound
        }
        #expect(position == source.utf8.count)
    }

    @Test func specialBytesAreFoundAtEveryOffsetOfALongText() {
        // The scanner skips eight bytes at a time; a mention or brace must be seen wherever it falls.
        for offset in 0..<24 {
            for filler in ["a", "中"] {
                let prefix = String(repeating: filler, count: offset)
                let suffix = String(repeating: filler == "a" ? " b" : "文", count: 12)
                let mention = PromptTemplate(parsing: prefix + " @hero" + suffix, knownHandles: known)
                #expect(mention.mentions == ["hero"], "offset \(offset) after \(filler)")
                let variable = PromptTemplate(parsing: prefix + "{{v}}" + suffix)
                #expect(variable.variables == ["v"], "offset \(offset) after \(filler)")
                let stray = PromptTemplate(parsing: prefix + "}}" + suffix)
                #expect(stray.problems.map(\.range) == [prefix.utf8.count..<(prefix.utf8.count + 2)])
            }
        }
    }

    @Test func handleValidationMatchesWhatAMentionCanSpell() {
        for handle in ["hero", "cat.name", "a-b", "_x", "9lives", "character.name"] {
            #expect(PromptTemplate.isValidHandle(handle), "\(handle)")
            #expect(PromptTemplate(parsing: "@" + handle + " waves", knownHandles: [handle]).mentions == [handle])
        }
        for handle in ["", "小明", "two words", ".dot", "-dash", "a@b", String(repeating: "a", count: 65)] {
            #expect(!PromptTemplate.isValidHandle(handle), "\(handle)")
        }
    }
}
