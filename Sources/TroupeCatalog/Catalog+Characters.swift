import Foundation
import TroupeDomain

extension Catalog {
    /// Characters, by handle.
    public func characters() throws -> [CharacterEntry] {
        try writer.read { db in try db.all(CharacterEntry.self, orderedBy: "handle") }
    }

    /// The character with this handle; the error suggests the closest known handles.
    public func character(handle: Handle) throws -> CharacterEntry {
        try writer.read { db in try Self.character(handle: handle, db) }
    }

    static func character(handle: Handle, _ db: any SQLConnection) throws -> CharacterEntry {
        if let character = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE handle = ?", [handle.rawValue]) {
            return character
        }
        let known = try db.values(String.self, "SELECT handle FROM character")
        let near = Suggestions.nearest(to: handle.rawValue, in: Set(known))
        let hint = near.isEmpty ? "`troupe character list` shows the catalogue" : "did you mean \(near.map { "@" + $0 }.joined(separator: ", "))?"
        throw CatalogError("no character @\(handle) in the catalogue: \(hint)")
    }

    /// The source video of an extracted character.
    public func sourceVideo(of character: CharacterEntry) throws -> Video? {
        guard let id = character.sourceVideoId else { return nil }
        return try writer.read { db in try db.find(Video.self, key: id) }
    }

    /// Registers a character made elsewhere by its provider id. With `from`, the character was
    /// extracted from that video (registered too when not catalogued yet).
    @discardableResult
    public func registerCharacter(handle: Handle, id characterId: CharacterID, providerName: String,
                                  from pid: Pid? = nil, clip: ClipRange? = nil) throws -> CharacterEntry {
        try writer.write { db in
            let provider = try Self.provider(named: providerName, db)
            try clip?.validate(for: provider.kind)
            var character = CharacterEntry(handle: handle, providerName: providerName, characterId: characterId,
                                           sourceKind: pid == nil ? .registered : .extract, status: .ready, clip: clip)
            if let pid {
                character.sourceVideoId = try Self.findOrRegister(pid: pid, providerName: providerName, db).id
            }
            try Self.insertChecked(&character, db)
            return character
        }
    }

    /// Registers a clip-only character: no remote id, the clip travels with every request.
    @discardableResult
    public func registerClipCharacter(handle: Handle, url: String, clip: ClipRange, providerName: String) throws -> CharacterEntry {
        try Self.checkFetchable(url)
        return try writer.write { db in
            let provider = try Self.provider(named: providerName, db)
            try clip.validate(for: provider.kind)
            var character = CharacterEntry(handle: handle, providerName: providerName, characterId: nil,
                                           sourceKind: .clip, status: .ready, clip: clip)
            character.sourceURL = url
            try Self.insertChecked(&character, db)
            return character
        }
    }

    /// Inserts a character row (the workflows create them before sending).
    public func insert(_ character: CharacterEntry) throws -> CharacterEntry {
        var character = character
        try writer.write { db in try Self.insertChecked(&character, db) }
        return character
    }

    /// Saves a changed character row.
    public func update(_ character: CharacterEntry) throws {
        var character = character
        character.updatedAt = Timestamp.now()
        try writer.write { db in try db.update(character) }
    }

    static func insertChecked(_ character: inout CharacterEntry, _ db: any SQLConnection) throws {
        if let other = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE handle = ?", [character.handle.rawValue]) {
            throw CatalogError("handle @\(character.handle) is taken (\(other.formsText)): choose another name or `troupe character rename`")
        }
        if let characterId = character.characterId, let providerName = character.providerName,
           let other = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE providerName = ? AND characterId = ?",
                                                   [providerName, characterId.rawValue]) {
            throw CatalogError("character \(characterId) on \(providerName) is already catalogued as @\(other.handle)")
        }
        let handle = character.handle
        try db.insert(&character, orSay: "handle @\(handle) is taken (by another troupe process, a moment ago): choose another name")
    }

    /// Gives a character a new handle (saved templates are left as they are).
    @discardableResult
    public func renameCharacter(_ old: Handle, to new: Handle) throws -> CharacterEntry {
        try rename(old, to: new) { _, _ in nil }.character
    }

    /// Gives a character a new handle and, in the same transaction, rewrites the saved templates
    /// whose body `mentions` changes: it is given a template's body and the handles known before
    /// the rename, and returns the body with `@old` written `@new` (nil when it does not mention
    /// it). Studio passes the prompt parser's rewrite, so that no template is left naming a
    /// handle that is gone.
    public func rename(_ old: Handle, to new: Handle,
                       rewritingMentions mentions: (_ body: String, _ knownHandles: Set<String>) -> String?) throws -> CharacterRename {
        try writer.write { db in
            var character = try Self.character(handle: old, db)
            if try db.one(CharacterEntry.self, "SELECT * FROM character WHERE handle = ?", [new.rawValue]) != nil {
                throw CatalogError("handle @\(new) is taken: choose another name")
            }
            let handles = Set(try db.values(String.self, "SELECT handle FROM character"))
            character.handle = new
            character.updatedAt = Timestamp.now()
            try db.update(character)
            let templates = try Self.rewriteTemplates(db) { mentions($0, handles) }
            return CharacterRename(character: character, templates: templates)
        }
    }

    /// What `removeCharacter` did.
    public enum Removal: Equatable, Sendable {
        /// Nothing referred to it: the row is gone.
        case deleted
        /// Videos feature it: it is marked retired so that their lineage stays whole.
        case retired(videos: Int)
    }

    /// Removes a character, or retires it when videos feature it (their lineage is kept).
    public func removeCharacter(_ handle: Handle) throws -> Removal {
        try writer.write { db in
            var character = try Self.character(handle: handle, db)
            let uses = try db.value(Int.self, "SELECT count(*) FROM appearance WHERE characterId = ?", [character.id]) ?? 0
            if uses == 0 {
                try db.delete(CharacterEntry.self, key: character.id)
                return .deleted
            }
            character.status.retire()
            character.updatedAt = Timestamp.now()
            try db.update(character)
            return .retired(videos: uses)
        }
    }

    /// Sets a character's notes and tags.
    public func annotateCharacter(_ handle: Handle, notes: String?, tags: [String]?) throws -> CharacterEntry {
        try writer.write { db in
            var character = try Self.character(handle: handle, db)
            if let notes { character.notes = notes }
            if let tags { character.tags = tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: ",") }
            character.updatedAt = Timestamp.now()
            try db.update(character)
            return character
        }
    }
}
