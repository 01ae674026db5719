import GRDB
import TroupeDomain

extension Catalog {
    /// A video's tags, in order.
    public func tags(videoId: Int64) throws -> [Tag] {
        try writer.read { db in try Self.tags(videoId: videoId, db) }
    }

    static func tags(videoId: Int64?, _ db: Database) throws -> [Tag] {
        let statement = try db.cachedStatement(sql: "SELECT tag FROM videoTag WHERE videoId = ? ORDER BY tag")
        return try String.fetchAll(statement, arguments: [videoId]).compactMap { try? Tag($0) }
    }

    /// Adds and removes a video's tags (one transaction; adding a tag it has, or removing one it
    /// lacks, changes nothing) and returns its tags.
    @discardableResult
    public func retagVideo(id: Int64, adding: [Tag], removing: [Tag]) throws -> [Tag] {
        try writer.write { db in
            guard try Video.exists(db, key: id) else { throw CatalogError("no video #\(id) in the catalogue") }
            for tag in removing {
                try db.execute(sql: "DELETE FROM videoTag WHERE videoId = ? AND tag = ?", arguments: [id, tag.rawValue])
            }
            for tag in adding {
                try db.execute(sql: "INSERT OR IGNORE INTO videoTag (videoId, tag) VALUES (?, ?)", arguments: [id, tag.rawValue])
            }
            try db.execute(sql: "UPDATE video SET updatedAt = ? WHERE id = ?", arguments: [Timestamp.now(), id])
            return try Self.tags(videoId: id, db)
        }
    }

    /// Sets a video's notes (empty text clears them); they are searched with its prompts.
    @discardableResult
    public func setNotes(videoId: Int64, _ notes: String) throws -> Video {
        try writer.write { db in
            // Only these columns: a workflow saving the same row meanwhile keeps its own changes.
            try db.execute(sql: "UPDATE video SET notes = ?, updatedAt = ? WHERE id = ?", arguments: [notes, Timestamp.now(), videoId])
            guard let video = try Video.fetchOne(db, key: videoId) else { throw CatalogError("no video #\(videoId) in the catalogue") }
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
            try db.execute(sql: "UPDATE character SET tags = ?, updatedAt = ? WHERE id = ?",
                           arguments: [tags.joined(separator: ","), Timestamp.now(), character.id])
            return try Self.character(handle: handle, db)
        }
    }

    /// Sets a character's notes (empty text clears them).
    @discardableResult
    public func setNotes(handle: Handle, _ notes: String) throws -> CharacterEntry {
        try writer.write { db in
            let character = try Self.character(handle: handle, db)
            try db.execute(sql: "UPDATE character SET notes = ?, updatedAt = ? WHERE id = ?",
                           arguments: [notes, Timestamp.now(), character.id])
            return try Self.character(handle: handle, db)
        }
    }
}
