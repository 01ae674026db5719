import Foundation
import TroupeDomain

extension Catalog {
    /// Videos, newest first.
    public func videos(limit: Int? = nil) throws -> [Video] {
        try writer.read { db in
            try db.all(Video.self, "SELECT * FROM video ORDER BY createdAt DESC, id DESC" + (limit.map { " LIMIT \($0)" } ?? ""))
        }
    }

    /// The video with this pid; the error says it is not catalogued.
    public func video(pid: Pid) throws -> Video {
        try writer.read { db in try Self.video(pid: pid, db) }
    }

    /// The video with this local id.
    public func video(id: Int64) throws -> Video? {
        try writer.read { db in try db.find(Video.self, key: id) }
    }

    static func video(pid: Pid, _ db: any SQLConnection) throws -> Video {
        guard let video = try db.one(Video.self, "SELECT * FROM video WHERE pid = ?", [pid.rawValue]) else {
            throw PidNotFound(text: pid.rawValue, closest: try closestPids(to: pid.rawValue, db))
        }
        return video
    }

    /// The pid of a video's remix parent.
    public func parentPid(of video: Video) throws -> Pid? {
        guard let parentId = video.parentId else { return nil }
        return try writer.read { db in try db.find(Video.self, key: parentId)?.pid }
    }

    /// Registers a video made elsewhere. An uncatalogued `parent` is registered too. A video
    /// already catalogued without a parent gets `parent` as its parent, unless that would close
    /// a cycle. `features` records the catalogued characters it features.
    @discardableResult
    public func registerVideo(pid: Pid, parent: Pid? = nil, prompt: String? = nil, url: String? = nil,
                              features: [Handle] = [], providerName: String, model: String? = nil) throws -> Video {
        if let url { try Self.checkFetchable(url) }
        return try writer.write { db in
            _ = try Self.provider(named: providerName, db)
            let featured = try features.map { try Self.character(handle: $0, db) }
            let parentVideo = try parent.map { try Self.findOrRegister(pid: $0, providerName: providerName, db) }
            if !featured.isEmpty, try db.one(Video.self, "SELECT * FROM video WHERE pid = ?", [pid.rawValue]) != nil {
                throw CatalogError("video \(pid) is already catalogued")
            }
            if var existing = try db.one(Video.self, "SELECT * FROM video WHERE pid = ?", [pid.rawValue]) {
                guard let parentVideo, existing.parentId == nil else {
                    throw CatalogError("video \(pid) is already catalogued")
                }
                try Self.checkNoCycle(from: .video(existing.id!), to: .video(parentVideo.id!), db)
                existing.parentId = parentVideo.id
                existing.updatedAt = Timestamp.now()
                try db.update(existing)
                return existing
            }
            var video = Video(pid: pid, providerName: providerName, origin: .registered, status: .succeeded, prompt: prompt)
            video.parentId = parentVideo?.id
            video.remoteURL = url
            video.model = model
            try db.insert(&video, orSay: "video \(pid) is already catalogued")
            for character in featured {
                try Self.recordAppearance(videoId: video.id!, characterId: character.id!, db)
            }
            return video
        }
    }

    static func findOrRegister(pid: Pid, providerName: String, _ db: any SQLConnection) throws -> Video {
        if let video = try db.one(Video.self, "SELECT * FROM video WHERE pid = ?", [pid.rawValue]) { return video }
        var video = Video(pid: pid, providerName: providerName, origin: .registered, status: .succeeded)
        try db.insert(&video, orSay: "video \(pid) was catalogued by another troupe process at the same moment: run the command again")
        return video
    }

    /// Inserts a video row (the workflows create them before sending).
    public func insert(_ video: Video) throws -> Video {
        var video = video
        try writer.write { db in try db.insert(&video) }
        return video
    }

    /// Saves a changed video row.
    public func update(_ video: Video) throws {
        var video = video
        video.updatedAt = Timestamp.now()
        try writer.write { db in try db.update(video) }
    }

    /// Records that a video features these characters (the lineage's features edges).
    public func recordAppearances(videoId: Int64, characterIds: [Int64]) throws {
        try writer.write { db in
            for characterId in characterIds {
                try Self.recordAppearance(videoId: videoId, characterId: characterId, db)
            }
        }
    }

    /// Records one features edge (video → character), refusing one that would close a cycle.
    static func recordAppearance(videoId: Int64, characterId: Int64, _ db: any SQLConnection) throws {
        try checkNoCycle(from: .video(videoId), to: .character(characterId), db)
        try db.execute("INSERT INTO appearance (videoId, characterId) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [videoId, characterId])
    }

    /// The characters a video features, by handle.
    public func featuredCharacters(videoId: Int64) throws -> [CharacterEntry] {
        try writer.read { db in
            try db.all(CharacterEntry.self, """
                SELECT character.* FROM character JOIN appearance ON appearance.characterId = character.id
                WHERE appearance.videoId = ? ORDER BY character.handle
                """, [videoId])
        }
    }

    /// Only http and https URLs are ever fetched.
    static func checkFetchable(_ url: String) throws {
        guard let scheme = URL(string: url)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw CatalogError("invalid URL '\(url)': only http:// and https:// URLs are accepted")
        }
    }
}
