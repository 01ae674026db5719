
/// One row of a lineage walk: a node reached, how far, and the edge that reached it.
public struct LineageStep: Sendable, Equatable {
    /// The pid (or `video#ID`), or `@handle`.
    public var node: String
    public var kind: LineageNode.Kind
    public var depth: Int
    public var edge: LineageEdge.Kind?
}

/// The SQL of a walk and its arguments, for running the same query elsewhere (benchmarks): the
/// arguments are numbered `?1`, `?2`, `?3` in the SQL, in this order.
public struct LineageQueryPlan: Sendable {
    public var sql: String
    public var arguments: [(name: String, value: Value)]

    /// A bindable value.
    public enum Value: Sendable {
        case integer(Int64)
        case text(String)
    }
}

extension Catalog {
    /// The raw walk up (ancestors) or down (descendants) from `node`, one step per row.
    public func walk(from node: LineageNodeName, upward: Bool, maxDepth: Int = Catalog.defaultLineageDepth) throws -> [LineageStep] {
        try writer.read { db in
            let start = try Self.nodeKey(node, db)
            var steps: [LineageStep] = []
            let sql = upward ? LineageSQL.ancestors(db.dialect) : LineageSQL.descendants(db.dialect)
            for row in try db.rows(sql, [start.kindCode, start.rowID, maxDepth]) {
                let code: String = row[0] ?? ""
                let isVideo = code == "v"
                let name: String = isVideo ? (row[6] as String?) ?? "video#\((row[1] as Int64?) ?? 0)" : "@" + ((row[7] as String?) ?? "?")
                let edge: String? = row[5]
                steps.append(LineageStep(node: name, kind: isVideo ? .video : .character, depth: row[2] ?? 0,
                                         edge: edge.flatMap(LineageEdge.Kind.init(rawValue:))))
            }
            return steps
        }
    }

    /// The SQL `walk(from:upward:maxDepth:)` runs, with its arguments bound for `node`.
    public func lineageQueryPlan(from node: LineageNodeName, upward: Bool, maxDepth: Int = Catalog.defaultLineageDepth) throws -> LineageQueryPlan {
        try writer.read { db in
            let start = try Self.nodeKey(node, db)
            return LineageQueryPlan(sql: upward ? LineageSQL.ancestors(db.dialect) : LineageSQL.descendants(db.dialect), arguments: [
                ("kind", .text(start.kindCode)), ("id", .integer(start.rowID)), ("maxDepth", .integer(Int64(maxDepth))),
            ])
        }
    }

    static func nodeKey(_ node: LineageNodeName, _ db: any SQLConnection) throws -> NodeKey {
        switch node {
        case .video(let pid): .video(try video(pid: pid, db).id!)
        case .videoId(let id): .video(try resolveVideo("video#\(id)", db).id!)
        case .character(let handle): .character(try character(handle: handle, db).id!)
        }
    }
}
