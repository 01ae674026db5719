import GRDB
import TroupeDomain

extension Catalog {
    /// The page of videos `query` asks for, newest first, and how many match in all. Every
    /// filter is SQL (the full-text search an FTS5 index): nothing reads all videos.
    public func videos(matching query: VideoQuery) throws -> VideoPage {
        guard query.offset >= 0, (query.limit ?? 0) >= 0 else {
            throw CatalogError("a limit or offset cannot be negative")
        }
        return try writer.read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let search = query.search {
                conditions.append("video.id IN (SELECT rowid FROM videoSearch WHERE videoSearch MATCH ?)")
                arguments += [try VideoQuery.searchPattern(search)]
            }
            if let handle = query.character {
                let character = try Self.character(handle: handle, db)
                conditions.append("video.id IN (SELECT videoId FROM appearance WHERE characterId = ?)")
                arguments += [character.id]
            }
            if let status = query.status {
                conditions.append("video.status = ?")
                arguments += [status.rawValue]
            }
            if let provider = query.provider {
                _ = try Self.provider(named: provider, db)
                conditions.append("video.providerName = ?")
                arguments += [provider]
            }
            if let model = query.model {
                conditions.append("video.model = ? COLLATE NOCASE")
                arguments += [model]
            }
            if let since = query.since {
                conditions.append("video.createdAt >= ?")
                arguments += [Timestamp.string(since)]
            }
            if let tag = query.tag {
                conditions.append("video.id IN (SELECT videoId FROM videoTag WHERE tag = ?)")
                arguments += [tag.rawValue]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM video" + filter, arguments: arguments) ?? 0
            var page = arguments
            page += [query.limit ?? -1, query.offset]
            let videos = try Video.fetchAll(db, sql: """
                SELECT video.* FROM video\(filter) ORDER BY video.createdAt DESC, video.id DESC LIMIT ? OFFSET ?
                """, arguments: page)
            return VideoPage(videos: videos, total: total, offset: query.offset)
        }
    }

    /// Characters by handle, those with `tag` and in `status` only when given.
    public func characters(tag: Tag?, status: CharacterStatus?) throws -> [CharacterEntry] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let tag {
                // Tags are comma-separated (see migration 0001); characters are few.
                conditions.append("instr(',' || lower(replace(tags, ' ', '')) || ',', ',' || ? || ',') > 0")
                arguments += [tag.rawValue]
            }
            if let status {
                conditions.append("status = ?")
                arguments += [status.rawValue]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try CharacterEntry.fetchAll(db, sql: "SELECT * FROM character\(filter) ORDER BY handle", arguments: arguments)
        }
    }
}
