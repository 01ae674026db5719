import TroupeDomain

/// What `setCharacterImage` did.
public struct CharacterImageChange: Sendable, Equatable {
    /// The character as saved.
    public var character: CharacterEntry
    /// The image it held before, if any (replaced or cleared).
    public var previous: CharacterImage?
}

extension Catalog {
    /// Gives a character a reference image, replacing any earlier one; `nil` removes it. A vault
    /// image must be recorded first (`recordAsset`); a URL must be http(s).
    @discardableResult
    public func setCharacterImage(_ handle: Handle, to image: CharacterImage?) throws -> CharacterImageChange {
        if let image {
            if (image.sha256 == nil) == (image.url == nil) {
                throw CatalogError("a character image is either a vault file or a URL")
            }
            if let url = image.url { try Self.checkFetchable(url) }
        }
        return try writer.write { db in
            var character = try Self.character(handle: handle, db)
            if let sha256 = image?.sha256, try db.find(Asset.self, key: sha256) == nil {
                throw CatalogError("no vault file \(sha256) in the catalogue: import the image first")
            }
            let previous = character.image
            character.image = image
            character.updatedAt = Timestamp.now()
            try db.update(character)
            return CharacterImageChange(character: character, previous: previous)
        }
    }

    /// The vault path of a character's image file, or `nil` when its image is a URL or it has none.
    public func imageFile(of character: CharacterEntry, vaultPath: String) throws -> String? {
        guard let sha256 = character.imageAssetSha256 else { return nil }
        return try writer.read { db in try Self.imageFile(sha256: sha256, vaultPath: vaultPath, db) }
    }

    static func imageFile(sha256: String, vaultPath: String, _ db: any SQLConnection) throws -> String {
        let mediaType = try db.find(Asset.self, key: sha256)?.mediaType ?? "image/png"
        return Vault.path(forSHA256: sha256, in: vaultPath, mediaType: mediaType)
    }
}
