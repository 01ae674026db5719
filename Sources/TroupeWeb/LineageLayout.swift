import Foundation
import TroupeCatalog

/// A lineage graph laid out in layers (older nodes above the newer ones made from them) and drawn
/// as SVG. Long chains and wide fans of leaves collapse into one node each, so that a tree of a
/// thousand videos stays readable; `collapse: false` draws every node.
struct LineageLayout {
    /// A node to lay out.
    struct Item: Sendable, Equatable {
        var id: String
        var isCharacter: Bool
        var label: String
    }

    /// An edge to lay out, from the newer node to the older one (as `LineageEdge`).
    struct Link: Sendable, Equatable {
        var from: String
        var to: String
        var kind: String
    }

    /// A node as drawn: one item, or several collapsed into one (`id == nil`).
    struct Node: Sendable, Equatable {
        var id: String?
        var isCharacter: Bool
        var label: String
        /// How many items it stands for (1 unless collapsed).
        var count: Int
        var isRoot: Bool
        var layer = 0
        var x = 0.0
        var y = 0.0
        var isCollapsed: Bool { id == nil }
    }

    /// An edge as drawn, between node indices: `upper` is the older node.
    struct Edge: Sendable, Equatable {
        var upper: Int
        var lower: Int
        var kind: String
    }

    /// A point of the drawing.
    struct Point: Sendable, Equatable {
        var x: Double
        var y: Double
    }

    static let nodeWidth = 180.0
    /// The width a long edge takes in each layer it crosses.
    static let laneWidth = 14.0
    static let nodeHeight = 46.0
    static let columnGap = 18.0
    static let layerGap = 56.0
    static let margin = 12.0
    /// A run of more single-parent, single-child nodes than this collapses into one node.
    static let longestChain = 5
    /// A node with more childless children than this shows `shownLeaves` of them and collapses the rest.
    static let widestFan = 12
    static let shownLeaves = 10

    private(set) var nodes: [Node] = []
    private(set) var edges: [Edge] = []
    /// For each edge (same order as `edges`), the top of the lane it takes through each layer it
    /// crosses between its two nodes: the centre of a gap, never a box.
    private(set) var lanes: [[Point]] = []
    private(set) var width = 0.0
    private(set) var height = 0.0
    /// How many items are hidden inside collapsed nodes.
    private(set) var hidden = 0

    /// Lays out a walked lineage graph.
    init(graph: LineageGraph, collapse: Bool = true) {
        self.init(root: graph.root,
                  items: graph.nodes.map { Item(id: $0.id, isCharacter: $0.kind == .character, label: $0.label) },
                  links: graph.edges.map { Link(from: $0.from, to: $0.to, kind: $0.kind.rawValue) },
                  collapse: collapse)
    }

    init(root: String, items: [Item], links: [Link], collapse: Bool = true) {
        var index: [String: Int] = [:]
        var unique: [Item] = []
        for item in items where index[item.id] == nil {
            index[item.id] = unique.count
            unique.append(item)
        }
        let count = unique.count
        var up = Array(repeating: [Int](), count: count)
        var down = Array(repeating: [Int](), count: count)
        var kinds: [Int: [Int: String]] = [:]
        for link in links {
            guard let lower = index[link.from], let upper = index[link.to], lower != upper, kinds[upper]?[lower] == nil else { continue }
            kinds[upper, default: [:]][lower] = link.kind
            up[lower].append(upper)
            down[upper].append(lower)
        }
        let rootIndex = index[root]

        // Collapse: mark hidden items and the collapsed nodes that stand for them.
        var isHidden = Array(repeating: false, count: count)
        var groups: [(label: String, count: Int, above: Int, below: Int?, kind: String)] = []
        if collapse {
            func isChain(_ i: Int) -> Bool { i != rootIndex && up[i].count == 1 && down[i].count == 1 }
            for start in 0..<count where isChain(start) && !isChain(up[start][0]) {
                var run = [start]
                var current = start
                while let next = down[current].first, isChain(next), run.count <= count {
                    run.append(next)
                    current = next
                }
                guard run.count > Self.longestChain else { continue }
                for i in run { isHidden[i] = true }
                let above = up[run[0]][0], below = down[run[run.count - 1]][0]
                let kind = kinds[above]?[run[0]] ?? "remix"
                let noun = kind == "remix" ? "remixes" : "nodes"
                groups.append(("\(run.count) \(noun) in a chain", run.count, above, below, kind))
            }
            for parent in 0..<count where !isHidden[parent] {
                let leaves = down[parent].filter { $0 != rootIndex && up[$0].count == 1 && down[$0].isEmpty && !isHidden[$0] }
                guard leaves.count > Self.widestFan else { continue }
                let rest = leaves[Self.shownLeaves...]
                for i in rest { isHidden[i] = true }
                groups.append(("+\(rest.count) more", rest.count, parent, nil, kinds[parent]?[rest.first!] ?? "remix"))
            }
        }

        // The drawn graph: visible items in their order, then the collapsed nodes.
        var position = Array(repeating: -1, count: count)
        for i in 0..<count where !isHidden[i] {
            position[i] = nodes.count
            let item = unique[i]
            nodes.append(Node(id: item.id, isCharacter: item.isCharacter, label: item.label, count: 1, isRoot: i == rootIndex))
        }
        for (upper, lowers) in kinds {
            for (lower, kind) in lowers where position[upper] >= 0 && position[lower] >= 0 {
                edges.append(Edge(upper: position[upper], lower: position[lower], kind: kind))
            }
        }
        edges.sort { ($0.upper, $0.lower) < ($1.upper, $1.lower) }
        for group in groups {
            let node = nodes.count
            nodes.append(Node(id: nil, isCharacter: false, label: group.label, count: group.count, isRoot: false))
            edges.append(Edge(upper: position[group.above], lower: node, kind: group.kind))
            if let below = group.below { edges.append(Edge(upper: node, lower: position[below], kind: group.kind)) }
            hidden += group.count
        }
        if collapse { collapseDeepLayers() }
        place()
    }

    /// Longest path from a source, for each node (Kahn's order over the DAG).
    static func layers(count: Int, edges: [Edge]) -> [Int] {
        var lowers = Array(repeating: [Int](), count: count)
        var waiting = Array(repeating: 0, count: count)
        for edge in edges {
            lowers[edge.upper].append(edge.lower)
            waiting[edge.lower] += 1
        }
        var layer = Array(repeating: 0, count: count)
        var ready = (0..<count).filter { waiting[$0] == 0 }
        var head = 0
        while head < ready.count {
            let node = ready[head]
            head += 1
            for lower in lowers[node] {
                layer[lower] = max(layer[lower], layer[node] + 1)
                waiting[lower] -= 1
                if waiting[lower] == 0 { ready.append(lower) }
            }
        }
        return layer
    }

    /// The most nodes drawn before deep layers collapse, and the most in one layer below the first.
    static let nodeBudget = 250
    static let widestLayer = 40

    /// When the tree is still too big or too wide to read, keeps the layers from the top down to
    /// the last one that fits (and at least down to the root's), and puts everything below each
    /// node of that layer into one collapsed node.
    private mutating func collapseDeepLayers() {
        let layer = Self.layers(count: nodes.count, edges: edges)
        let depth = (layer.max() ?? 0) + 1
        var perLayer = Array(repeating: 0, count: depth)
        for l in layer { perLayer[l] += 1 }
        guard nodes.count > Self.nodeBudget || perLayer.contains(where: { $0 > Self.widestLayer }) else { return }
        var cut = 0
        var total = perLayer[0]
        // Go down while the layers kept, the next one and the collapsed nodes under it fit the
        // budget, and (below the first layer of children) no layer is too wide.
        while cut + 1 < depth, cut == 0 || perLayer[cut + 1] <= Self.widestLayer,
              total + perLayer[cut + 1] + perLayer[cut + 1] <= Self.nodeBudget {
            cut += 1
            total += perLayer[cut]
        }
        if let root = nodes.indices.first(where: { nodes[$0].isRoot }) { cut = max(cut, layer[root]) }
        guard cut + 1 < depth else { return }
        // Each node below the cut goes to the first node of the cut layer that reaches it.
        var lowers = Array(repeating: [Int](), count: nodes.count)
        for edge in edges { lowers[edge.upper].append(edge.lower) }
        var owner = Array(repeating: -1, count: nodes.count)
        var below: [Int: Int] = [:]
        for top in nodes.indices where layer[top] == cut {
            var queue = lowers[top].filter { layer[$0] > cut && owner[$0] < 0 }
            var head = 0
            while head < queue.count {
                let node = queue[head]
                head += 1
                guard owner[node] < 0 else { continue }
                owner[node] = top
                below[top, default: 0] += nodes[node].count
                for lower in lowers[node] where owner[lower] < 0 && layer[lower] > cut { queue.append(lower) }
            }
        }
        var position = Array(repeating: -1, count: nodes.count)
        var kept: [Node] = []
        for index in nodes.indices where layer[index] <= cut {
            position[index] = kept.count
            kept.append(nodes[index])
        }
        var keptEdges = edges.compactMap { edge -> Edge? in
            guard position[edge.upper] >= 0, position[edge.lower] >= 0 else { return nil }
            return Edge(upper: position[edge.upper], lower: position[edge.lower], kind: edge.kind)
        }
        for top in nodes.indices where layer[top] == cut {
            guard let count = below[top] else { continue }
            let kind = edges.first { $0.upper == top }?.kind ?? "remix"
            keptEdges.append(Edge(upper: position[top], lower: kept.count, kind: kind))
            kept.append(Node(id: nil, isCharacter: false, label: "+\(count) below", count: count, isRoot: false))
        }
        hidden = kept.filter(\.isCollapsed).map(\.count).reduce(0, +)
        nodes = kept
        edges = keptEdges
    }

    /// Assigns layers (longest path from a source), orders each layer by its parents, and places
    /// the nodes so that none overlaps. An edge that spans several layers goes through a narrow
    /// virtual node in each layer between (as in a Sugiyama layout), so that it is routed through
    /// a gap between boxes instead of behind them.
    private mutating func place() {
        let real = nodes.count
        guard real > 0 else { return }
        var layer = Self.layers(count: real, edges: edges)
        // Split long edges: each edge becomes a chain of segments between adjacent layers.
        var segments: [(upper: Int, lower: Int)] = []
        var chains: [[Int]] = []
        var count = real
        for edge in edges {
            var chain: [Int] = []
            var above = edge.upper
            var level = layer[edge.upper] + 1
            while level < layer[edge.lower] {
                chain.append(count)
                layer.append(level)
                segments.append((above, count))
                above = count
                count += 1
                level += 1
            }
            segments.append((above, edge.lower))
            chains.append(chain)
        }
        func boxWidth(_ node: Int) -> Double { node < real ? Self.nodeWidth : Self.laneWidth }
        var uppers = Array(repeating: [Int](), count: count)
        var lowers = Array(repeating: [Int](), count: count)
        for segment in segments {
            uppers[segment.lower].append(segment.upper)
            lowers[segment.upper].append(segment.lower)
        }
        // First order: depth-first from the sources, so that siblings sit together.
        var order = Array(repeating: -1, count: count)
        var next = 0
        var stack = (0..<count).filter { uppers[$0].isEmpty }.reversed().map { $0 }
        if stack.isEmpty { stack = [0] }
        while let node = stack.popLast() {
            guard order[node] < 0 else { continue }
            order[node] = next
            next += 1
            for lower in lowers[node].reversed() where order[lower] < 0 { stack.append(lower) }
        }
        for node in 0..<count where order[node] < 0 {
            order[node] = next
            next += 1
        }
        let depth = (layer.max() ?? 0) + 1
        var layers = Array(repeating: [Int](), count: depth)
        for node in (0..<count).sorted(by: { order[$0] < order[$1] }) { layers[layer[node]].append(node) }
        // Barycentre ordering, top down.
        var rank = Array(repeating: 0.0, count: count)
        for row in layers { for (i, node) in row.enumerated() { rank[node] = Double(i) } }
        for l in 1..<max(depth, 1) {
            let keyed = layers[l].map { node -> (Int, Double) in
                let parents = uppers[node]
                return (node, parents.isEmpty ? rank[node] : parents.map { rank[$0] }.reduce(0, +) / Double(parents.count))
            }
            layers[l] = keyed.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
            for (i, node) in layers[l].enumerated() { rank[node] = Double(i) }
        }
        // Centres: under the parents going down, over the children going up, never overlapping.
        var x = Array(repeating: 0.0, count: count)
        func spread(_ row: [Int], desired: (Int) -> Double?) {
            var previous: Int?
            for node in row {
                guard let before = previous else {
                    x[node] = desired(node) ?? 0
                    previous = node
                    continue
                }
                let least = x[before] + (boxWidth(before) + boxWidth(node)) / 2 + Self.columnGap
                x[node] = max(desired(node) ?? least, least)
                previous = node
            }
        }
        func mean(_ list: [Int]) -> Double? { list.isEmpty ? nil : list.map { x[$0] }.reduce(0, +) / Double(list.count) }
        spread(layers[0]) { _ in nil }
        for l in 1..<max(depth, 1) { spread(layers[l]) { mean(uppers[$0]) } }
        if depth > 1 {
            for l in stride(from: depth - 2, through: 0, by: -1) { spread(layers[l]) { mean(lowers[$0]) ?? x[$0] } }
        }
        let minX = (0..<count).map { x[$0] - boxWidth($0) / 2 }.min() ?? 0
        let shift = Self.margin - minX
        var maxX = 0.0
        func top(_ level: Int) -> Double { Self.margin + Double(level) * (Self.nodeHeight + Self.layerGap) }
        for node in 0..<count { maxX = max(maxX, x[node] + shift + boxWidth(node) / 2) }
        for node in 0..<real {
            nodes[node].layer = layer[node]
            nodes[node].x = x[node] + shift - Self.nodeWidth / 2
            nodes[node].y = top(layer[node])
        }
        lanes = chains.map { chain in chain.map { Point(x: x[$0] + shift, y: top(layer[$0])) } }
        width = maxX + Self.margin
        height = Self.margin * 2 + Double(depth) * Self.nodeHeight + Double(depth - 1) * Self.layerGap
    }

    /// The drawing: `<svg id="lineage">`, a `<g class="node">` per node with a link to its page,
    /// a `<path class="edge">` per edge. `expandHref` is where a collapsed node leads.
    func svg(expandHref: String) -> HTML {
        var paths: [HTML] = []
        paths.reserveCapacity(edges.count)
        let w = Self.nodeWidth, h = Self.nodeHeight
        for (index, edge) in edges.enumerated() {
            let a = nodes[edge.upper], b = nodes[edge.lower]
            var x1 = a.x + w / 2, y1 = a.y + h
            var d: HTML = "M\(x1) \(y1)"
            // Down through each lane (a straight run across the layer), curving only in the gaps.
            for lane in index < lanes.count ? lanes[index] : [] {
                let bend = (lane.y - y1) / 2
                d.append(" C\(x1) \(y1 + bend) \(lane.x) \(lane.y - bend) \(lane.x) \(lane.y) L\(lane.x) \(lane.y + h)")
                x1 = lane.x
                y1 = lane.y + h
            }
            let x2 = b.x + w / 2, y2 = b.y
            let bend = max((y2 - y1) / 2, 12)
            d.append(" C\(x1) \(y1 + bend) \(x2) \(y2 - bend) \(x2) \(y2)")
            paths.append("<path class=\"edge \(edge.kind)\" d=\"\(d)\" marker-end=\"url(#arrow)\"></path>")
        }
        var groups: [HTML] = []
        groups.reserveCapacity(nodes.count)
        for node in nodes {
            let box: HTML = "<rect width=\"\(w)\" height=\"\(h)\" rx=\"8\"></rect>"
            guard let id = node.id else {
                groups.append("""
                    <g class="node collapsed" data-count="\(node.count)" transform="translate(\(node.x) \(node.y))"><a href="\(expandHref)"><title>\(node.count) nodes collapsed: show them all</title>\(box)<text class="id" x="12" y="19">\(node.label)</text><text class="sub" x="12" y="36">show all</text></a></g>
                    """)
                continue
            }
            let (first, second) = Self.lines(node)
            let href = node.isCharacter ? Pages.characterURL(id) : Pages.videoURL(id)
            let kind = node.isCharacter ? "character" : "video"
            groups.append("""
                <g class="node \(kind)\(node.isRoot ? " root" : "")" data-id="\(id)" transform="translate(\(node.x) \(node.y))"><a href="\(href)"><title>\(node.label)</title>\(box)<text class="id" x="12" y="19">\(first)</text><text class="sub" x="12" y="36">\(second)</text></a></g>
                """)
        }
        return """
            <svg id="lineage" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="Lineage: \(nodes.count) nodes"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z"></path></marker></defs><g class="edges">\(paths)</g><g class="nodes">\(groups)</g></svg>
            """
    }

    /// A node's two lines of text, cut to fit its box (the whole label is its `<title>`).
    static func lines(_ node: Node) -> (String, String) {
        let room = nodeWidth - 12 - 8
        let id = node.id ?? node.label
        if node.isCharacter { return (fit(id, room, mono: true), "character") }
        var rest = node.label.hasPrefix(id) ? String(node.label.dropFirst(id.count)) : node.label
        rest = rest.trimmingCharacters(in: .whitespaces)
        return (fit(id, room, mono: true), rest.isEmpty ? "video" : fit(rest, room, mono: false))
    }

    /// `text` cut (with `…`) so that its estimated width at the node font fits in `room` pixels.
    static func fit(_ text: String, _ room: Double, mono: Bool) -> String {
        guard textWidth(text, mono: mono) > room else { return text }
        var kept = ""
        var used = textWidth("…", mono: mono)
        for character in text {
            let next = textWidth(String(character), mono: mono)
            guard used + next <= room else { break }
            kept.append(character)
            used += next
        }
        return kept.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// An estimate of `text`'s width in pixels: the id line's 12.5 px monospace (0.6 em a
    /// character, 1.2 em for wide ones) or the 12 px sans-serif second line (by character class).
    static func textWidth(_ text: String, mono: Bool) -> Double {
        var total = 0.0
        for scalar in text.unicodeScalars {
            let wide = scalar.value >= 0x1100 && (scalar.properties.isEmojiPresentation || (0x2E80...0xFFDC).contains(scalar.value))
            if mono {
                total += 12.5 * (wide ? 1.2 : 0.62)
                continue
            }
            let em: Double
            switch scalar {
            case _ where wide: em = 1.05
            case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "!", "|", "I", " ", "(", ")", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\"": em = 0.34
            case "m", "w", "M", "W", "@", "%": em = 0.9
            case "A"..."Z": em = 0.7
            default: em = 0.56
            }
            total += 12 * em
        }
        return total
    }
}
