import Foundation
import TroupeDomain

/// How `troupe lineage` draws a graph.
public enum LineageFormat: String, Sendable, CaseIterable {
    case tree
    case json
    case dot
    case mermaid
}

extension LineageGraph {
    /// The graph drawn in `format`.
    public func rendered(as format: LineageFormat) -> String {
        switch format {
        case .tree: treeText()
        case .json: jsonText()
        case .dot: dotText()
        case .mermaid: mermaidText()
        }
    }

    /// `{"root", "direction", "nodes": [{id, kind, label, model}], "edges": [{from, to, kind}]}`, written
    /// directly (Foundation's encoder costs more than the walk on large graphs).
    public func jsonText() -> String {
        var out = "{\n  \"root\": \(Self.jsonString(root)),\n  \"direction\": \(Self.jsonString(direction.rawValue)),\n  \"nodes\": ["
        for (index, node) in nodes.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"id\": \(Self.jsonString(node.id)), \"kind\": \"\(node.kind.rawValue)\", \"label\": \(Self.jsonString(node.label)), \"model\": \(node.model.map(Self.jsonString) ?? "null")}"
        }
        out += nodes.isEmpty ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": ["
        for (index, edge) in edges.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"from\": \(Self.jsonString(edge.from)), \"to\": \(Self.jsonString(edge.to)), \"kind\": \"\(edge.kind.rawValue)\"}"
        }
        out += edges.isEmpty ? "]\n}" : "\n  ]\n}"
        return out
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// An indented tree. Walking down (and for the whole tree) the oldest nodes are at the top and
    /// newer ones below them; walking up, the node is at the top and its sources below it. Labels
    /// (prompts) are shown with their control characters escaped, as in DOT and Mermaid.
    public func treeText() -> String {
        // A video's model follows its label: `s_a1 “a cat” · sora-2`.
        let labels = Dictionary(nodes.map { ($0.id, TerminalText.escaped($0.label + ($0.model.map { " · " + $0 } ?? ""))) },
                                uniquingKeysWith: { a, _ in a })
        var children: [String: [(String, LineageEdge.Kind)]] = [:]
        var hasParent: Set<String> = []
        for edge in edges {
            let (parent, child) = direction == .up ? (edge.from, edge.to) : (edge.to, edge.from)
            children[parent, default: []].append((child, edge.kind))
            hasParent.insert(child)
        }
        let tops: [String] = direction == .up ? [root] : nodes.map(\.id).filter { !hasParent.contains($0) }
        var lines: [String] = []
        var printed: Set<String> = []
        func relation(_ kind: LineageEdge.Kind?) -> String {
            guard let kind else { return "" }
            switch (kind, direction) {
            case (.remix, .up): return "remix of "
            case (.remix, _): return "remix "
            case (.extract, .up): return "extracted from "
            case (.extract, _): return "extracted "
            case (.features, .up): return "features "
            case (.features, _): return "featured in "
            }
        }
        // A node's only child is indented once; further only children stay in that column, so a
        // long remix chain stays narrow. Chains are followed in a loop, branches by recursion.
        func draw(_ start: String, edge startEdge: LineageEdge.Kind?, prefix startPrefix: String, childPrefix startChildPrefix: String) {
            var (id, edge, prefix, childPrefix) = (start, startEdge, startPrefix, startChildPrefix)
            var chained = false
            while true {
                let kids = children[id] ?? []
                if printed.contains(id), !kids.isEmpty {
                    lines.append(prefix + relation(edge) + (labels[id] ?? TerminalText.escaped(id)) + " (see above)")
                    return
                }
                printed.insert(id)
                let marker = id == root && direction == .whole ? "  ◀" : ""
                lines.append(prefix + relation(edge) + (labels[id] ?? TerminalText.escaped(id)) + marker)
                guard kids.count == 1 else {
                    for (index, (child, kind)) in kids.enumerated() {
                        let last = index == kids.count - 1
                        draw(child, edge: kind, prefix: childPrefix + (last ? "└── " : "├── "), childPrefix: childPrefix + (last ? "    " : "│   "))
                    }
                    return
                }
                if !chained {
                    prefix = childPrefix + "└── "
                    childPrefix += "    "
                    chained = true
                }
                (id, edge) = kids[0]
            }
        }
        for top in tops {
            draw(top, edge: nil, prefix: "", childPrefix: "")
        }
        return lines.joined(separator: "\n")
    }

    /// Graphviz DOT; edges point from the newer node to the older one.
    public func dotText() -> String {
        var out = ["digraph lineage {", "  rankdir=BT;"]
        for node in nodes {
            let shape = node.kind == .video ? "box" : "ellipse"
            out.append("  \(Self.dotQuote(node.id)) [label=\(Self.dotQuote(node.label)), shape=\(shape)];")
        }
        for edge in edges {
            out.append("  \(Self.dotQuote(edge.from)) -> \(Self.dotQuote(edge.to)) [label=\"\(edge.kind.rawValue)\"];")
        }
        out.append("}")
        return out.joined(separator: "\n")
    }

    /// A Mermaid flowchart; edges point from the newer node to the older one.
    public func mermaidText() -> String {
        var ids: [String: String] = [:]
        var out = ["graph BT"]
        for (index, node) in nodes.enumerated() {
            let id = "n\(index)"
            ids[node.id] = id
            let text = TerminalText.escaped(node.label).replacingOccurrences(of: "\"", with: "#quot;")
            out.append(node.kind == .video ? "  \(id)[\"\(text)\"]" : "  \(id)([\"\(text)\"])")
        }
        for edge in edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            out.append("  \(from) -->|\(edge.kind.rawValue)| \(to)")
        }
        return out.joined(separator: "\n")
    }

    /// A DOT string literal, control characters escaped (shown, not interpreted).
    static func dotQuote(_ text: String) -> String {
        "\"" + TerminalText.escaped(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
