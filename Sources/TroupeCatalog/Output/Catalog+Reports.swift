
extension Catalog {
    /// A video as shown by `video show`/`video list`; `vaultPath` locates its file.
    public func report(for video: Video, vaultPath: String) throws -> VideoReport {
        try writer.read { db in try Self.report(for: video, vaultPath: vaultPath, db) }
    }

    /// Reports for many videos in one read.
    public func reports(for videos: [Video], vaultPath: String) throws -> [VideoReport] {
        try writer.read { db in try videos.map { try Self.report(for: $0, vaultPath: vaultPath, db) } }
    }

    static func report(for video: Video, vaultPath: String, _ db: any SQLConnection) throws -> VideoReport {
        let parentPid = try video.parentId.flatMap { try db.find(Video.self, key: $0)?.pid?.rawValue }
        let asset = try video.assetSha256.flatMap { try db.find(Asset.self, key: $0) }.map {
            VideoReport.AssetRef(sha256: $0.sha256, bytes: $0.bytes, path: Vault.path(forSHA256: $0.sha256, in: vaultPath, mediaType: $0.mediaType))
        }
        let features = try db.values(String.self, """
            SELECT character.handle FROM appearance JOIN character ON character.id = appearance.characterId
            WHERE appearance.videoId = ? ORDER BY character.handle
            """, [video.id])
        var report = VideoReport(
            pid: video.pid?.rawValue, taskId: video.taskId, provider: video.providerName, status: video.status.rawValue,
            parentPid: parentPid, prompt: video.prompt, compiledPrompt: video.compiledPrompt, model: video.model,
            aspect: video.aspect, duration: video.duration, size: video.size, url: video.remoteURL,
            urlExpiresAt: video.remoteURLExpiresAt, failureReason: video.failureReason?.rawValue, error: video.errorText,
            asset: asset, features: features.map { "@" + $0 }, createdAt: video.createdAt)
        report.id = video.id ?? 0
        report.pidConflict = try pidConflictNote(for: video, db)
        report.tags = try tags(videoId: video.id, db).map(\.rawValue)
        report.notes = video.notes
        return report
    }

    /// A character as shown by `character show`/`character list`; `vaultPath` locates its image file.
    public func report(for character: CharacterEntry, vaultPath: String? = nil) throws -> CharacterReport {
        try writer.read { db in try Self.report(for: character, vaultPath: vaultPath, db) }
    }

    /// Reports for many characters in one read.
    public func reports(for characters: [CharacterEntry], vaultPath: String? = nil) throws -> [CharacterReport] {
        try writer.read { db in try characters.map { try Self.report(for: $0, vaultPath: vaultPath, db) } }
    }

    static func report(for character: CharacterEntry, vaultPath: String? = nil, _ db: any SQLConnection) throws -> CharacterReport {
        let pid = try character.sourceVideoId.flatMap { try db.find(Video.self, key: $0)?.pid?.rawValue }
        let clip = character.clip.map { [$0.start, $0.end] }
        return CharacterReport(
            handle: character.handle.rawValue, characterId: character.characterId?.rawValue,
            provider: character.providerName, status: character.status.rawValue,
            source: .init(kind: character.sourceKind.rawValue, pid: pid, asset: character.sourceAssetSha256,
                          url: character.sourceURL, clip: clip),
            image: try character.image.map { image in
                let path = try image.sha256.flatMap { sha256 in try vaultPath.map { try imageFile(sha256: sha256, vaultPath: $0, db) } }
                return CharacterReport.Image(source: image.source.rawValue, url: image.url, sha256: image.sha256, path: path)
            },
            notes: character.notes, tags: character.tagList, createdAt: character.createdAt)
    }

    /// Providers as shown by `provider list`.
    public func providerReports() throws -> [ProviderReport] {
        let current = try defaultProvider().name
        return try providers().map {
            ProviderReport(name: $0.name, kind: $0.kind.rawValue, baseUrl: $0.baseURL, keyEnv: $0.keyEnv, isDefault: $0.name == current)
        }
    }
}
