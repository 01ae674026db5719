import GRDB

/// A node of the lineage graph as the database knows it: a video or a character row.
enum NodeKey: Hashable, Sendable {
    case video(Int64)
    case character(Int64)

    var kindCode: String {
        switch self {
        case .video: "v"
        case .character: "c"
        }
    }

    var rowID: Int64 {
        switch self {
        case .video(let id), .character(let id): id
        }
    }

    init?(code: String, id: Int64) {
        switch code {
        case "v": self = .video(id)
        case "c": self = .character(id)
        default: return nil
        }
    }
}

/// The recursive CTEs that walk the lineage. Edges point from the newer node to the older one:
/// remix (video → parent video), extract (character → source video), features (video → character).
enum LineageSQL {
    /// Walks towards older nodes. Each row: the node reached, its depth, and the edge that reached it.
    static let ancestors = """
        WITH RECURSIVE walk(kind, id, depth, viaKind, viaId, edge) AS (
            SELECT :kind, :id, 0, NULL, NULL, NULL
            UNION
            SELECT 'v', video.parentId, walk.depth + 1, 'v', video.id, 'remix'
              FROM walk JOIN video ON video.id = walk.id
             WHERE walk.kind = 'v' AND video.parentId IS NOT NULL AND walk.depth < :maxDepth
            UNION
            SELECT 'c', appearance.characterId, walk.depth + 1, 'v', walk.id, 'features'
              FROM walk JOIN appearance ON appearance.videoId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < :maxDepth
            UNION
            SELECT 'v', character.sourceVideoId, walk.depth + 1, 'c', character.id, 'extract'
              FROM walk JOIN character ON character.id = walk.id
             WHERE walk.kind = 'c' AND character.sourceVideoId IS NOT NULL AND walk.depth < :maxDepth
        )
        SELECT walk.kind, walk.id, walk.depth, walk.viaKind, walk.viaId, walk.edge, video.pid, character.handle
          FROM walk
          LEFT JOIN video ON walk.kind = 'v' AND video.id = walk.id
          LEFT JOIN character ON walk.kind = 'c' AND character.id = walk.id
        """

    /// Walks towards newer nodes.
    static let descendants = """
        WITH RECURSIVE walk(kind, id, depth, viaKind, viaId, edge) AS (
            SELECT :kind, :id, 0, NULL, NULL, NULL
            UNION
            SELECT 'v', video.id, walk.depth + 1, 'v', walk.id, 'remix'
              FROM walk JOIN video ON video.parentId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < :maxDepth
            UNION
            SELECT 'c', character.id, walk.depth + 1, 'v', walk.id, 'extract'
              FROM walk JOIN character ON character.sourceVideoId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < :maxDepth
            UNION
            SELECT 'v', appearance.videoId, walk.depth + 1, 'c', walk.id, 'features'
              FROM walk JOIN appearance ON appearance.characterId = walk.id
             WHERE walk.kind = 'c' AND walk.depth < :maxDepth
        )
        SELECT walk.kind, walk.id, walk.depth, walk.viaKind, walk.viaId, walk.edge, video.pid, character.handle
          FROM walk
          LEFT JOIN video ON walk.kind = 'v' AND video.id = walk.id
          LEFT JOIN character ON walk.kind = 'c' AND character.id = walk.id
        """

    /// Does `target` lie among the ancestors of `start`? (Used to refuse cycles.)
    static let reaches = """
        WITH RECURSIVE walk(kind, id) AS (
            SELECT :kind, :id
            UNION
            SELECT 'v', video.parentId FROM walk JOIN video ON video.id = walk.id
             WHERE walk.kind = 'v' AND video.parentId IS NOT NULL
            UNION
            SELECT 'c', appearance.characterId FROM walk JOIN appearance ON appearance.videoId = walk.id
             WHERE walk.kind = 'v'
            UNION
            SELECT 'v', character.sourceVideoId FROM walk JOIN character ON character.id = walk.id
             WHERE walk.kind = 'c' AND character.sourceVideoId IS NOT NULL
        )
        SELECT EXISTS (SELECT 1 FROM walk WHERE kind = :targetKind AND id = :targetId)
        """
}

extension Catalog {
    /// Refuses an edge `from → to` when `to` already descends from `from` (it would close a cycle).
    static func checkNoCycle(from: NodeKey, to: NodeKey, _ db: Database) throws {
        if from == to {
            throw CatalogError("a node cannot be its own parent")
        }
        let closes = try Bool.fetchOne(db, sql: LineageSQL.reaches, arguments: [
            "kind": to.kindCode, "id": to.rowID, "targetKind": from.kindCode, "targetId": from.rowID,
        ]) ?? false
        if closes {
            throw CatalogError("refused: that link would make the lineage a cycle (\(try name(of: to, db)) already descends from \(try name(of: from, db)))")
        }
    }

    static func name(of key: NodeKey, _ db: Database) throws -> String {
        switch key {
        case .video(let id): try Video.fetchOne(db, key: id)?.nodeName ?? "video#\(id)"
        case .character(let id): try CharacterEntry.fetchOne(db, key: id).map { "@\($0.handle)" } ?? "character#\(id)"
        }
    }
}
