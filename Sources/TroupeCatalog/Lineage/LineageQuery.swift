
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
///
/// Each row: kind, id, depth, via kind, via id, edge, and the node's pid, handle, prompt and model
/// (what a drawing labels it with: no second query).
///
/// Arguments are numbered: ?1 the start's kind, ?2 its id, ?3 the depth limit (for `reaches`,
/// ?3 and ?4 the target's kind and id). SQLite takes one recursive SELECT per edge kind;
/// PostgreSQL allows one recursive term only, so there the three edge kinds are a LATERAL union
/// looked up per reached node, and rows come out by depth (SQLite's queue gives that order).
enum LineageSQL {
    static func ancestors(_ dialect: SQLDialect) -> String { dialect == .sqlite ? ancestors : Postgres.ancestors }
    static func descendants(_ dialect: SQLDialect) -> String { dialect == .sqlite ? descendants : Postgres.descendants }
    static func reaches(_ dialect: SQLDialect) -> String { dialect == .sqlite ? reaches : Postgres.reaches }

    /// Walks towards older nodes. Each row: the node reached, its depth, and the edge that reached it.
    static let ancestors = """
        WITH RECURSIVE walk(kind, id, depth, viaKind, viaId, edge) AS (
            SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT), 0, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT)
            UNION
            SELECT 'v', video.parentId, walk.depth + 1, 'v', video.id, 'remix'
              FROM walk JOIN video ON video.id = walk.id
             WHERE walk.kind = 'v' AND video.parentId IS NOT NULL AND walk.depth < ?3
            UNION
            SELECT 'c', appearance.characterId, walk.depth + 1, 'v', walk.id, 'features'
              FROM walk JOIN appearance ON appearance.videoId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < ?3
            UNION
            SELECT 'v', character.sourceVideoId, walk.depth + 1, 'c', character.id, 'extract'
              FROM walk JOIN character ON character.id = walk.id
             WHERE walk.kind = 'c' AND character.sourceVideoId IS NOT NULL AND walk.depth < ?3
        )
        SELECT walk.kind, walk.id, walk.depth, walk.viaKind, walk.viaId, walk.edge, video.pid, character.handle, video.prompt, video.model
          FROM walk
          LEFT JOIN video ON walk.kind = 'v' AND video.id = walk.id
          LEFT JOIN character ON walk.kind = 'c' AND character.id = walk.id
        """

    /// Walks towards newer nodes.
    static let descendants = """
        WITH RECURSIVE walk(kind, id, depth, viaKind, viaId, edge) AS (
            SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT), 0, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT)
            UNION
            SELECT 'v', video.id, walk.depth + 1, 'v', walk.id, 'remix'
              FROM walk JOIN video ON video.parentId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < ?3
            UNION
            SELECT 'c', character.id, walk.depth + 1, 'v', walk.id, 'extract'
              FROM walk JOIN character ON character.sourceVideoId = walk.id
             WHERE walk.kind = 'v' AND walk.depth < ?3
            UNION
            SELECT 'v', appearance.videoId, walk.depth + 1, 'c', walk.id, 'features'
              FROM walk JOIN appearance ON appearance.characterId = walk.id
             WHERE walk.kind = 'c' AND walk.depth < ?3
        )
        SELECT walk.kind, walk.id, walk.depth, walk.viaKind, walk.viaId, walk.edge, video.pid, character.handle, video.prompt, video.model
          FROM walk
          LEFT JOIN video ON walk.kind = 'v' AND video.id = walk.id
          LEFT JOIN character ON walk.kind = 'c' AND character.id = walk.id
        """

    /// Does `target` lie among the ancestors of `start`? (Used to refuse cycles.)
    static let reaches = """
        WITH RECURSIVE walk(kind, id) AS (
            SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT)
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
        SELECT EXISTS (SELECT 1 FROM walk WHERE kind = ?3 AND id = ?4)
        """
}

extension LineageSQL {
    enum Postgres {
        static let ancestors = walk(step: """
            SELECT 'v', video.parentId, 'v', video.id, 'remix' FROM video
             WHERE walk.kind = 'v' AND video.id = walk.id AND video.parentId IS NOT NULL
            UNION ALL
            SELECT 'c', appearance.characterId, 'v', walk.id, 'features' FROM appearance
             WHERE walk.kind = 'v' AND appearance.videoId = walk.id
            UNION ALL
            SELECT 'v', character.sourceVideoId, 'c', character.id, 'extract' FROM character
             WHERE walk.kind = 'c' AND character.id = walk.id AND character.sourceVideoId IS NOT NULL
            """)

        static let descendants = walk(step: """
            SELECT 'v', video.id, 'v', walk.id, 'remix' FROM video
             WHERE walk.kind = 'v' AND video.parentId = walk.id
            UNION ALL
            SELECT 'c', character.id, 'v', walk.id, 'extract' FROM character
             WHERE walk.kind = 'v' AND character.sourceVideoId = walk.id
            UNION ALL
            SELECT 'v', appearance.videoId, 'c', walk.id, 'features' FROM appearance
             WHERE walk.kind = 'c' AND appearance.characterId = walk.id
            """)

        static func walk(step: String) -> String {
            """
            WITH RECURSIVE walk(kind, id, depth, viaKind, viaId, edge) AS (
                SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT), 0, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), CAST(NULL AS TEXT)
                UNION
                SELECT step.kind, step.id, walk.depth + 1, step.viaKind, step.viaId, step.edge
                  FROM walk CROSS JOIN LATERAL (
                \(step)
                  ) AS step(kind, id, viaKind, viaId, edge)
                 WHERE walk.depth < ?3
            )
            SELECT walk.kind, walk.id, walk.depth, walk.viaKind, walk.viaId, walk.edge, video.pid, character.handle, video.prompt, video.model
              FROM walk
              LEFT JOIN video ON walk.kind = 'v' AND video.id = walk.id
              LEFT JOIN character ON walk.kind = 'c' AND character.id = walk.id
             ORDER BY walk.depth
            """
        }

        static let reaches = """
            WITH RECURSIVE walk(kind, id) AS (
                SELECT CAST(?1 AS TEXT), CAST(?2 AS BIGINT)
                UNION
                SELECT step.kind, step.id FROM walk CROSS JOIN LATERAL (
                    SELECT 'v', video.parentId FROM video
                     WHERE walk.kind = 'v' AND video.id = walk.id AND video.parentId IS NOT NULL
                    UNION ALL
                    SELECT 'c', appearance.characterId FROM appearance WHERE walk.kind = 'v' AND appearance.videoId = walk.id
                    UNION ALL
                    SELECT 'v', character.sourceVideoId FROM character
                     WHERE walk.kind = 'c' AND character.id = walk.id AND character.sourceVideoId IS NOT NULL
                ) AS step(kind, id)
            )
            SELECT EXISTS (SELECT 1 FROM walk WHERE kind = ?3 AND id = ?4)
            """
    }
}

extension Catalog {
    /// Refuses an edge `from → to` when `to` already descends from `from` (it would close a cycle).
    static func checkNoCycle(from: NodeKey, to: NodeKey, _ db: any SQLConnection) throws {
        if from == to {
            throw CatalogError("a node cannot be its own parent")
        }
        let closes = try db.value(Bool.self, LineageSQL.reaches(db.dialect), [to.kindCode, to.rowID, from.kindCode, from.rowID]) ?? false
        if closes {
            throw CatalogError("refused: that link would make the lineage a cycle (\(try name(of: to, db)) already descends from \(try name(of: from, db)))")
        }
    }

    static func name(of key: NodeKey, _ db: any SQLConnection) throws -> String {
        switch key {
        case .video(let id): try db.find(Video.self, key: id)?.nodeName ?? "video#\(id)"
        case .character(let id): try db.find(CharacterEntry.self, key: id).map { "@\($0.handle)" } ?? "character#\(id)"
        }
    }
}
