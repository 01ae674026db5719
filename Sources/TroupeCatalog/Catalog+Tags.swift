import TroupeDomain

extension Catalog {
    /// A video's tags, in order.
    public func tags(videoId: Int64) throws -> [Tag] {
        try writer.read { db in try Self.tags(videoId: videoId, db) }
    }

    static func tags(videoId: Int64?, _ db: any SQLConnection) throws -> [Tag] {
        let statementSQL = ("SELECT tag FROM videoTag WHERE videoId = ? ORDER BY tag")
        return try db.values(String.self, statementSQL, [videoId]).compactMap { try? Tag($0) }
    }

    /// Adds and removes a video's tags (one transaction; adding a tag it has, or removing one it
    /// lacks, changes nothing) and returns its tags.
    @discardableResult
    public func retagVideo(id: Int64, adding: [Tag], removing: [Tag]) throws -> [Tag] {
        try writer.write { db in
            guard try db.exists(Video.self, key: id) else { throw CatalogError("no video #\(id) in the catalogue") }
            for tag in removing {
                try db.execute("DELETE FROM videoTag WHERE videoId = ? AND tag = ?", [id, tag.rawValue])
            }
            for tag in adding {
                try db.execute("INSERT INTO videoTag (videoId, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", [id, tag.rawValue])
            }
            try db.execute("UPDATE video SET updatedAt = ? WHERE id = ?", [Timestamp.now(), id])
            return try Self.tags(videoId: id, db)
        }
    }

    /// Sets a video's notes (empty text clears them); they are searched with its prompts.
    @discardableResult
    public func setNotes(videoId: Int64, _ notes: String) throws -> Video {
        try writer.write { db in
            // Only these columns: a workflow saving the same row meanwhile keeps its own changes.
            try db.execute("UPDATE video SET notes = ?, updatedAt = ? WHERE id = ?", [notes, Timestamp.now(), videoId])
            guard let video = try db.find(Video.self, key: videoId) else { throw CatalogError("no video #\(videoId) in the catalogue") }
            return video
        }
    }

    /// Adds and removes a character's tags, keeping the others in their order.
    @discardableResult
    public func retagCharacter(_ handle: Handle, adding: [Tag], removing: [Tag]) throws -> CharacterEntry {
        try writer.write { db in
            let character = try Self.character(handle: handle, db)
            let removed = Set(removing.map(\.rawValue))
            var tags = character.tagList.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !removed.contains($0.lowercased()) }
            for tag in adding where !tags.contains(where: { $0.lowercased() == tag.rawValue }) {
                tags.append(tag.rawValue)
            }
            try db.execute("UPDATE character SET tags = ?, updatedAt = ? WHERE id = ?",
                           [tags.joined(separator: ","), Timestamp.now(), character.id])
            return try Self.character(handle: handle, db)
        }
    }

    /// Sets a character's notes (empty text clears them).
    @discardableResult
    public func setNotes(handle: Handle, _ notes: String) throws -> CharacterEntry {
        try writer.write { db in
            let character = try Self.character(handle: handle, db)
            try db.execute("UPDATE character SET notes = ?, updatedAt = ? WHERE id = ?",
                           [notes, Timestamp.now(), character.id])
            return try Self.character(handle: handle, db)
        }
    }
}
