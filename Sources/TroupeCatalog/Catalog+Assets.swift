
extension Catalog {
    /// Records a vault file (idempotent: the hash is the key).
    public func recordAsset(_ asset: Asset) throws {
        try writer.write { db in try Self.insert(asset, db) }
    }

    /// Records a vault file unless already known (a prepared statement: one per downloaded row).
    static func insert(_ asset: Asset, _ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO asset (sha256, bytes, mediaType, durationSeconds, width, height, originURL)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING
            """, [asset.sha256, asset.bytes, asset.mediaType, asset.durationSeconds,
                                     asset.width, asset.height, asset.originURL])
    }

    /// The vault file with this hash.
    public func asset(sha256: String) throws -> Asset? {
        try writer.read { db in try db.find(Asset.self, key: sha256) }
    }

    /// Every vault file the catalogue knows.
    public func assets() throws -> [Asset] {
        try writer.read { db in try db.all(Asset.self, orderedBy: "createdAt") }
    }
}
