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
            var arguments = [any SQLValueConvertible]()
            if let search = query.search {
                switch db.dialect {
                case .sqlite:
                    conditions.append("video.id IN (SELECT rowid FROM videoSearch WHERE videoSearch MATCH ?)")
                    arguments += [try VideoQuery.searchPattern(search)]
                case .postgres:
                    // The same words and phrases, as a tsquery over migration 0007's documents.
                    let terms = try VideoQuery.searchTerms(search)
                    let query = terms.map { term in
                        term.prefix ? "to_tsquery('simple', quote_literal(videoSearch_fold(?)) || ':*')" : "phraseto_tsquery('simple', videoSearch_fold(?))"
                    }.joined(separator: " && ")
                    conditions.append("video.id IN (SELECT videoId FROM videoSearch WHERE document @@ (\(query)))")
                    arguments += terms.map(\.text)
                }
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
                conditions.append("lower(video.model) = lower(?)")
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
            let total = try db.value(Int.self, "SELECT count(*) FROM video" + filter, arguments) ?? 0
            var page = arguments
            // No limit: -1 on SQLite, NULL on PostgreSQL.
            page += [query.limit ?? (db.dialect == .sqlite ? -1 : nil) as Int?, query.offset]
            let videos = try db.all(Video.self, """
                SELECT video.* FROM video\(filter) ORDER BY video.createdAt DESC, video.id DESC LIMIT ? OFFSET ?
                """, page)
            return VideoPage(videos: videos, total: total, offset: query.offset)
        }
    }

    /// Characters by handle, those with `tag` and in `status` only when given.
    public func characters(tag: Tag?, status: CharacterStatus?) throws -> [CharacterEntry] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments = [any SQLValueConvertible]()
            if let tag {
                // Tags are comma-separated (see migration 0001); characters are few.
                let position = db.dialect == .sqlite ? "instr" : "strpos"
                conditions.append("\(position)(',' || lower(replace(tags, ' ', '')) || ',', ',' || ? || ',') > 0")
                arguments += [tag.rawValue]
            }
            if let status {
                conditions.append("status = ?")
                arguments += [status.rawValue]
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try db.all(CharacterEntry.self, "SELECT * FROM character\(filter) ORDER BY handle", arguments)
        }
    }
}
