import Foundation
import Testing
import TroupeCatalog
@testable import TroupeWeb

@Suite struct LineageLayoutTests {
    typealias Item = LineageLayout.Item
    typealias Link = LineageLayout.Link

    /// Videos `v0`…: each `parents[i]` is the parent of `v(i+1)` (nil: a root).
    static func tree(_ parents: [Int?]) -> (items: [Item], links: [Link]) {
        var items = [Item(id: "v0", isCharacter: false, label: "v0 “root”")]
        var links: [Link] = []
        for (index, parent) in parents.enumerated() {
            let id = "v\(index + 1)"
            items.append(Item(id: id, isCharacter: false, label: id))
            if let parent { links.append(Link(from: id, to: "v\(parent)", kind: "remix")) }
        }
        return (items, links)
    }

    /// No two nodes overlap, and every edge goes from a higher layer to a lower one.
    static func checkGeometry(_ layout: LineageLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        let w = LineageLayout.nodeWidth, h = LineageLayout.nodeHeight
        let byLayer = Dictionary(grouping: layout.nodes, by: \.layer)
        for (_, row) in byLayer {
            let xs = row.map(\.x).sorted()
            for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= w, sourceLocation: sourceLocation) }
            #expect(Set(row.map(\.y)).count == 1, sourceLocation: sourceLocation)
        }
        for edge in layout.edges {
            #expect(layout.nodes[edge.upper].layer < layout.nodes[edge.lower].layer, sourceLocation: sourceLocation)
            #expect(layout.nodes[edge.upper].y + h < layout.nodes[edge.lower].y, sourceLocation: sourceLocation)
        }
        for node in layout.nodes {
            #expect(node.x >= 0 && node.x + w <= layout.width, sourceLocation: sourceLocation)
            #expect(node.y >= 0 && node.y + h <= layout.height, sourceLocation: sourceLocation)
        }
    }

    @Test func smallTreeHasOneNodePerVideoInLayersByDepth() {
        // v0 → v1, v2; v1 → v3, v4; v2 → v5; v5 → v6
        let (items, links) = Self.tree([0, 0, 1, 1, 2, 5])
        let layout = LineageLayout(root: "v0", items: items, links: links)
        #expect(layout.nodes.count == 7)
        #expect(layout.hidden == 0)
        let layer = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id!, $0.layer) })
        #expect(layer == ["v0": 0, "v1": 1, "v2": 1, "v3": 2, "v4": 2, "v5": 2, "v6": 3])
        #expect(layout.nodes.first { $0.id == "v0" }?.isRoot == true)
        Self.checkGeometry(layout)
        let svg = layout.svg(expandHref: "?expand=all").description
        #expect(svg.hasPrefix("<svg id=\"lineage\""))
        #expect(svg.occurrences(of: "<g class=\"node ") == 7)
        #expect(svg.occurrences(of: "<path class=\"edge remix\"") == 6)
        #expect(svg.contains("<g class=\"node video root\" data-id=\"v0\""))
        #expect(svg.contains("<a href=\"/videos/v3\">"))
    }

    @Test func aNodeWithTwoParentsSitsBelowBoth() {
        // A video featuring a character extracted from a sibling: v2 has parents v1 and @c.
        let items = [Item(id: "v0", isCharacter: false, label: "v0"), Item(id: "v1", isCharacter: false, label: "v1"),
                     Item(id: "@c", isCharacter: true, label: "@c"), Item(id: "v2", isCharacter: false, label: "v2")]
        let links = [Link(from: "v1", to: "v0", kind: "remix"), Link(from: "@c", to: "v1", kind: "extract"),
                     Link(from: "v2", to: "v1", kind: "remix"), Link(from: "v2", to: "@c", kind: "features")]
        let layout = LineageLayout(root: "@c", items: items, links: links)
        let layer = Dictionary(uniqueKeysWithValues: layout.nodes.map { ($0.id!, $0.layer) })
        #expect(layer == ["v0": 0, "v1": 1, "@c": 2, "v2": 3])
        Self.checkGeometry(layout)
        let svg = layout.svg(expandHref: "?expand=all").description
        #expect(svg.contains("<g class=\"node character root\" data-id=\"@c\""))
        #expect(svg.contains("<a href=\"/characters/c\">"))
        #expect(svg.contains("<path class=\"edge features\""))
    }

    @Test func aThousandNodeChainCollapses() {
        let (items, links) = Self.tree((0..<999).map { $0 })
        let layout = LineageLayout(root: "v999", items: items, links: links)
        #expect(layout.nodes.count == 3)
        #expect(layout.hidden == 998)
        let collapsed = layout.nodes.filter(\.isCollapsed)
        #expect(collapsed.map(\.count) == [998])
        #expect(Set(layout.nodes.compactMap(\.id)) == ["v0", "v999"])
        Self.checkGeometry(layout)
        let svg = layout.svg(expandHref: "?expand=all").description
        #expect(svg.contains("<g class=\"node collapsed\" data-count=\"998\""))
        #expect(svg.contains("<a href=\"?expand=all\">"))
        #expect(svg.contains("998 remixes in a chain"))

        let expanded = LineageLayout(root: "v999", items: items, links: links, collapse: false)
        #expect(expanded.nodes.count == 1000)
        #expect(expanded.nodes.map(\.layer).max() == 999)
        Self.checkGeometry(expanded)
    }

    @Test func theRootOfAChainStaysVisible() {
        let (items, links) = Self.tree((0..<99).map { $0 })
        let layout = LineageLayout(root: "v50", items: items, links: links)
        #expect(layout.nodes.contains { $0.id == "v50" && $0.isRoot })
        #expect(layout.nodes.filter(\.isCollapsed).map(\.count) == [49, 48])
        Self.checkGeometry(layout)
    }

    @Test func aThousandNodeTreeStaysReadable() {
        // The root has 40 children, each heading a chain of 20 with 4 leaves under its last: 1 + 40 × 24 = 961,
        // plus 39 leaves straight under the root.
        var parents: [Int?] = []
        func add(_ parent: Int) -> Int { parents.append(parent); return parents.count }
        for _ in 0..<40 {
            var last = add(0)
            for _ in 1..<20 { last = add(last) }
            for _ in 0..<4 { _ = add(last) }
        }
        for _ in 0..<39 { _ = add(0) }
        let (items, links) = Self.tree(parents)
        #expect(items.count == 1000)
        let layout = LineageLayout(root: "v0", items: items, links: links)
        // Each chain of 19 single-child nodes is one collapsed node above its last; of the 39 leaves
        // under the root, 10 show and one node stands for the rest. That is still 252 nodes, so the
        // 160 leaves of the chains' ends go too: one "+4 below" node under each end.
        #expect(layout.nodes.count == 1 + (40 + 10 + 1) + 40 + 40)
        #expect(layout.hidden == 40 * 19 + 29 + 40 * 4)
        #expect(layout.nodes.filter { !$0.isCollapsed }.count + layout.hidden == 1000)
        #expect(layout.nodes.map(\.layer).max() == 3)
        Self.checkGeometry(layout)
        let svg = layout.svg(expandHref: "?expand=all").description
        #expect(svg.occurrences(of: "<g class=\"node collapsed\"") == 81)
        #expect(svg.contains("+4 below"))
    }

    @Test func aThousandNodeBushyTreeKeepsItsTopLayers() {
        // Every video remixed three times: layers of 1, 3, 9, 27, 81, 243 and 636.
        let (items, links) = Self.tree((0..<999).map { Optional($0 / 3) })
        let layout = LineageLayout(root: "v0", items: items, links: links)
        // The first four layers (40 videos) stay, each of the 27 at the bottom with one node for what is below it.
        #expect(layout.nodes.count == 40 + 27)
        #expect(layout.hidden == 960)
        #expect(layout.nodes.map(\.layer).max() == 4)
        let widest = Dictionary(grouping: layout.nodes, by: \.layer).values.map(\.count).max()
        #expect(widest == 27)
        Self.checkGeometry(layout)
        let everything = LineageLayout(root: "v0", items: items, links: links, collapse: false)
        #expect(everything.nodes.count == 1000)
        Self.checkGeometry(everything)
    }

    @Test func layoutOfACatalogueTree() throws {
        let fixture = try WebFixture()
        try fixture.seed()
        let graph = try fixture.catalog.lineage(of: .video(try .init("s_c003")))
        let layout = LineageLayout(graph: graph)
        #expect(Set(layout.nodes.compactMap(\.id)) == ["s_a001", "s_b002", "s_c003", "@hero"])
        #expect(layout.nodes.first { $0.isRoot }?.id == "s_c003")
        Self.checkGeometry(layout)
    }

    @Test func anEdgeAcrossLayersRunsThroughGapsNotBehindBoxes() {
        // v0 → v1 → v2 → v3 and v3 also made from v0: that edge crosses layers 1 and 2, where
        // v1, v2 and their siblings sit.
        var items = [Item(id: "v0", isCharacter: false, label: "v0")]
        var links: [Link] = []
        for (id, parent) in [("v1", "v0"), ("v2", "v1"), ("v3", "v2"), ("w1", "v0"), ("w2", "w1"), ("x1", "v0")] {
            items.append(Item(id: id, isCharacter: false, label: id))
            links.append(Link(from: id, to: parent, kind: "remix"))
        }
        links.append(Link(from: "v3", to: "v0", kind: "features"))
        let layout = LineageLayout(root: "v0", items: items, links: links)
        Self.checkGeometry(layout)
        let index = layout.edges.firstIndex { layout.nodes[$0.upper].id == "v0" && layout.nodes[$0.lower].id == "v3" }
        #expect(index != nil)
        guard let index else { return }
        let lanes = layout.lanes[index]
        #expect(lanes.count == 2)
        let w = LineageLayout.nodeWidth, half = LineageLayout.laneWidth / 2
        for lane in lanes {
            for node in layout.nodes where node.y == lane.y {
                // The lane keeps clear of every box of the layer it crosses.
                #expect(lane.x + half <= node.x || lane.x - half >= node.x + w)
            }
            #expect(lane.x - half >= 0 && lane.x + half <= layout.width)
        }
        // Edges between adjacent layers need no lane.
        #expect(layout.lanes.enumerated().filter { $0.offset != index }.allSatisfy { $0.element.isEmpty })
        let svg = layout.svg(expandHref: "?expand=all").description
        #expect(svg.contains("L\(Self.number(lanes[0].x)) \(Self.number(lanes[0].y + LineageLayout.nodeHeight))"))
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    @Test func labelsAreCutToTheirBoxWithTheWholeTextInTheTitle() {
        let prompt = "“@hero skateboards through the night market, past the lanterns and the fish stalls”"
        let pid = "s_9635c0ffee0123456789abcdef"
        let items = [Item(id: pid, isCharacter: false, label: pid + " " + prompt), Item(id: "@a_very_long_character_handle", isCharacter: true, label: "@a_very_long_character_handle")]
        let layout = LineageLayout(root: pid, items: items, links: [Link(from: "@a_very_long_character_handle", to: pid, kind: "extract")])
        let room = LineageLayout.nodeWidth - 20
        for node in layout.nodes {
            let (first, second) = LineageLayout.lines(node)
            #expect(LineageLayout.textWidth(first, mono: true) <= room)
            #expect(LineageLayout.textWidth(second, mono: false) <= room)
        }
        let video = layout.nodes.first { $0.id == pid }!
        let (first, second) = LineageLayout.lines(video)
        #expect(first.hasSuffix("…") && pid.hasPrefix(String(first.dropLast())))
        #expect(second.hasSuffix("…") && second.count < prompt.count)
        let svg = layout.svg(expandHref: "").description
        #expect(svg.contains("<title>\(HTML.escape(pid + " " + prompt))</title>"))
        // A short label is left whole.
        #expect(LineageLayout.fit("v1 a cat", room, mono: false) == "v1 a cat")
    }
}

