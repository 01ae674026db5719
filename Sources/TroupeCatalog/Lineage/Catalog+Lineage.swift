
extension Catalog {
    /// The default depth limit of a walk.
    public static let defaultLineageDepth = 100_000

    /// Walks the lineage from `node`.
    public func lineage(of node: LineageNodeName, direction: LineageDirection = .whole,
                        maxDepth: Int = Catalog.defaultLineageDepth) throws -> LineageGraph {
        try writer.read { db in
            let start: NodeKey
            let rootName: String
            switch node {
            case .video(let pid):
                let video = try Self.video(pid: pid, db)
                start = .video(video.id!)
                rootName = video.nodeName
            case .videoId(let id):
                let video = try Self.resolveVideo("video#\(id)", db)
                start = .video(video.id!)
                rootName = video.nodeName
            case .character(let handle):
                let character = try Self.character(handle: handle, db)
                start = .character(character.id!)
                rootName = "@\(character.handle)"
            }
            var builder = GraphBuilder()
            switch direction {
            case .up:
                try builder.add(walk: LineageSQL.ancestors(db.dialect), from: start, maxDepth: maxDepth, upward: true, db)
            case .down:
                try builder.add(walk: LineageSQL.descendants(db.dialect), from: start, maxDepth: maxDepth, upward: false, db)
            case .whole:
                let roots = try builder.add(walk: LineageSQL.ancestors(db.dialect), from: start, maxDepth: maxDepth, upward: true, db)
                for rootKey in roots {
                    try builder.add(walk: LineageSQL.descendants(db.dialect), from: rootKey, maxDepth: maxDepth, upward: false, db)
                }
            }
            var models: [NodeKey: String] = [:]
            let labels = Self.labels(for: builder, models: &models)
            return LineageGraph(
                root: rootName, direction: direction,
                nodes: builder.order.map { key in
                    LineageNode(id: builder.names[key]!, kind: key.isVideo ? .video : .character, label: labels[key] ?? builder.names[key]!,
                                model: models[key])
                },
                edges: builder.edges)
        }
    }

    /// Short human labels: a video's pid and the start of its prompt (from the walk's own rows).
    /// `models` gets each video's model, when it is known.
    static func labels(for builder: GraphBuilder, models: inout [NodeKey: String]) -> [NodeKey: String] {
        var labels: [NodeKey: String] = [:]
        for key in builder.order where key.isVideo {
            var label = builder.names[key] ?? "video#\(key.rowID)"
            if let prompt = builder.prompts[key], !prompt.isEmpty {
                let short = prompt.count > 40 ? String(prompt.prefix(39)) + "…" : prompt
                label += " “\(short.replacingOccurrences(of: "\n", with: " "))”"
            }
            labels[key] = label
            if let model = builder.models[key] { models[key] = model }
        }
        return labels
    }
}

extension NodeKey {
    var isVideo: Bool {
        if case .video = self { return true }
        return false
    }
}

/// Collects walk rows into nodes (first reached first) and distinct edges.
struct GraphBuilder {
    var order: [NodeKey] = []
    var names: [NodeKey: String] = [:]
    var prompts: [NodeKey: String] = [:]
    var models: [NodeKey: String] = [:]
    var edges: [LineageEdge] = []
    var seenEdges: Set<LineageEdge> = []

    /// Adds one walk; returns the nodes with no further step (the roots, walking up).
    @discardableResult
    mutating func add(walk sql: String, from start: NodeKey, maxDepth: Int, upward: Bool, _ db: any SQLConnection) throws -> [NodeKey] {
        var reached: [NodeKey] = []
        var hasStep: Set<NodeKey> = []
        for row in try db.rows(sql, [start.kindCode, start.rowID, maxDepth]) {
            guard let code: String = row[0], let id: Int64 = row[1], let key = NodeKey(code: code, id: id) else { continue }
            if names[key] == nil {
                let pid: String? = row[6]
                let handle: String? = row[7]
                names[key] = key.isVideo ? (pid ?? "video#\(key.rowID)") : "@\(handle ?? "character#\(key.rowID)")"
                if let prompt: String = row[8] { prompts[key] = prompt }
                if let model: String = row[9] { models[key] = model }
                order.append(key)
            }
            reached.append(key)
            guard let viaCode: String = row[3], let viaId: Int64 = row[4], let via = NodeKey(code: viaCode, id: viaId),
                  let edgeName: String = row[5], let kind = LineageEdge.Kind(rawValue: edgeName), let viaName = names[via]
            else { continue }
            hasStep.insert(via)
            let edge = upward
                ? LineageEdge(from: viaName, to: names[key]!, kind: kind)
                : LineageEdge(from: names[key]!, to: viaName, kind: kind)
            if seenEdges.insert(edge).inserted { edges.append(edge) }
        }
        return upward ? reached.filter { !hasStep.contains($0) }.uniqued() : []
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
