import Foundation
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct LineageTests {
    /// s_a1 ← s_a2 ← s_a3 (remixes), @hero extracted from s_a2, s_a4 remix of s_a1 featuring @hero.
    func story(_ engine: TestEngine = .sqlite) throws -> (TemporaryHome, Catalog) {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try catalog.registerVideo(pid: .test("s_a1"), prompt: "a cat", providerName: "grsai")
        try catalog.registerVideo(pid: .test("s_a2"), parent: .test("s_a1"), prompt: "at night", providerName: "grsai")
        try catalog.registerVideo(pid: .test("s_a3"), parent: .test("s_a2"), providerName: "grsai")
        let hero = try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("cat_1"), providerName: "grsai",
                                                 from: .test("s_a2"), clip: ClipRange(start: 0, end: 3))
        let a4 = try catalog.registerVideo(pid: .test("s_a4"), parent: .test("s_a1"), providerName: "grsai")
        try catalog.recordAppearances(videoId: a4.id!, characterIds: [hero.id!])
        return (home, catalog)
    }

    @Test(arguments: TestEngine.all) func upWalksToTheRootThroughRemixes(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let graph = try catalog.lineage(of: .video(.test("s_a3")), direction: .up)
        #expect(graph.nodes.map(\.id) == ["s_a3", "s_a2", "s_a1"])
        #expect(graph.edges == [
            LineageEdge(from: "s_a3", to: "s_a2", kind: .remix),
            LineageEdge(from: "s_a2", to: "s_a1", kind: .remix),
        ])
        _ = home
    }

    @Test(arguments: TestEngine.all) func downFromACharacterReachesTheVideosFeaturingIt(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let graph = try catalog.lineage(of: .character(.test("hero")), direction: .down)
        #expect(graph.nodes.map(\.id) == ["@hero", "s_a4"])
        #expect(graph.edges == [LineageEdge(from: "s_a4", to: "@hero", kind: .features)])
        _ = home
    }

    @Test(arguments: TestEngine.all) func theWholeTreeStartsAtTheRoot(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let graph = try catalog.lineage(of: .video(.test("s_a3")))
        #expect(Set(graph.nodes.map(\.id)) == ["s_a1", "s_a2", "s_a3", "s_a4", "@hero"])
        #expect(graph.edges.count == 5)
        let tree = graph.treeText()
        #expect(tree.hasPrefix("s_a1 “a cat”\n"))
        #expect(tree.contains("│   ├── remix s_a3  ◀"))
        #expect(tree.contains("extracted @hero"))
        _ = home
    }

    @Test(arguments: TestEngine.all) func aLongRemixChainIsDrawnInOneColumn(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        var parent: Pid? = nil
        for index in 1...50 {
            let pid = try Pid("s_\(String(index, radix: 16))")
            try catalog.registerVideo(pid: pid, parent: parent, providerName: "grsai")
            parent = pid
        }
        let lines = try catalog.lineage(of: .video(.test("s_1")), direction: .down).treeText().split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines[0] == "s_1")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("└── remix s_") })
        #expect(lines.last == "└── remix s_32")
    }

    @Test(arguments: TestEngine.all) func depthLimitsTheWalk(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let graph = try catalog.lineage(of: .video(.test("s_a3")), direction: .up, maxDepth: 1)
        #expect(graph.nodes.map(\.id) == ["s_a3", "s_a2"])
        _ = home
    }

    @Test(arguments: TestEngine.all) func aLinkThatWouldCloseACycleIsRefused(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        #expect(throws: CatalogError("refused: that link would make the lineage a cycle (s_a3 already descends from s_a1)")) {
            try catalog.registerVideo(pid: .test("s_a1"), parent: .test("s_a3"), providerName: "grsai")
        }
        // A video featuring a character extracted from the video itself would be a cycle too.
        let a2 = try catalog.video(pid: .test("s_a2"))
        let hero = try catalog.character(handle: .test("hero"))
        #expect(throws: CatalogError.self) { try catalog.recordAppearances(videoId: a2.id!, characterIds: [hero.id!]) }
        _ = home
    }

    @Test(arguments: TestEngine.all) func aVideoWithoutAParentCanBeLinkedLater(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        try catalog.registerVideo(pid: .test("s_b1"), providerName: "grsai")
        try catalog.registerVideo(pid: .test("s_b1"), parent: .test("s_a3"), providerName: "grsai")
        #expect(try catalog.lineage(of: .video(.test("s_b1")), direction: .up).nodes.map(\.id) == ["s_b1", "s_a3", "s_a2", "s_a1"])
        _ = home
    }

    @Test(arguments: TestEngine.all) func jsonHasTheShapeTheDesignGives(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let text = try catalog.lineage(of: .video(.test("s_a2")), direction: .down).jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let edges = try #require(object["edges"] as? [[String: String]])
        #expect(Set(nodes.flatMap(\.keys)) == ["id", "kind", "label", "model"])
        #expect(Set(edges.flatMap(\.keys)) == ["from", "to", "kind"])
        #expect(nodes.first?["id"] as? String == "s_a2" && nodes.first?["kind"] as? String == "video")
        #expect(nodes.contains { $0["id"] as? String == "@hero" && $0["kind"] as? String == "character" && $0["model"] is NSNull })
        #expect(edges.contains { $0 == ["from": "@hero", "to": "s_a2", "kind": "extract"] })
        #expect(edges.contains { $0 == ["from": "s_a3", "to": "s_a2", "kind": "remix"] })
        _ = home
    }

    @Test(arguments: TestEngine.all) func jsonEscapesWhateverAPromptHolds(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let prompt = "say \"hi\"\t\\ \u{01} 夜の街 🐱"
        try catalog.registerVideo(pid: .test("s_e1"), prompt: prompt, providerName: "grsai")
        let text = try catalog.lineage(of: .video(.test("s_e1"))).jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.first?["label"] as? String == "s_e1 “\(prompt)”")
        #expect((object["edges"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: TestEngine.all) func dotAndMermaidDrawEveryEdge(engine: TestEngine) throws {
        let (home, catalog) = try story(engine)
        let graph = try catalog.lineage(of: .video(.test("s_a1")), direction: .down)
        let dot = graph.dotText()
        #expect(dot.hasPrefix("digraph lineage {"))
        #expect(dot.contains("\"s_a2\" -> \"s_a1\" [label=\"remix\"];"))
        #expect(dot.contains("\"@hero\" [label=\"@hero\", shape=ellipse];"))
        let mermaid = graph.mermaidText()
        #expect(mermaid.hasPrefix("graph BT"))
        #expect(mermaid.components(separatedBy: "-->").count - 1 == graph.edges.count)
        _ = home
    }
}

@Suite struct SyntheticLineageTests {
    @Test(arguments: TestEngine.all) func theSyntheticForestHasTheAdvertisedShape(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let built = try catalog.populateSyntheticLineage(videoCount: 3_000, chainDepth: 200, fanOut: 10, subtreeSize: 1_001)
        #expect(try catalog.videos().count == 3_000)
        let up = try catalog.walk(from: .video(built.deepest), upward: true)
        #expect(up.count == 200)
        #expect(up.last?.depth == 199 && up.dropFirst().allSatisfy { $0.edge == .remix })
        let down = try catalog.walk(from: .video(built.subtreeRoot), upward: false)
        #expect(down.count == built.subtreeSize && built.subtreeSize == 1_001)
        let plan = try catalog.lineageQueryPlan(from: .video(built.deepest), upward: true)
        #expect(plan.sql.contains("WITH RECURSIVE") && plan.arguments.count == 3)
        #expect(try catalog.integrityCheck() == "ok")
    }
}
