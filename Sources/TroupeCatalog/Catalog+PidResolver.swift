import TroupeDomain

extension Catalog {
    /// The video `text` names: a pid, a unique prefix of one (as git takes a commit), or
    /// `video#ID` (the local id of a video without a pid). The error says when several videos
    /// start with it, or which known pids are closest when none does.
    public func resolveVideo(_ text: String) throws -> Video {
        try writer.read { db in try Self.resolveVideo(text, db) }
    }

    /// The pid of the video `text` names (see `resolveVideo`).
    public func resolvePid(_ text: String) throws -> Pid {
        let video = try resolveVideo(text)
        guard let pid = video.pid else {
            if video.status == .succeeded {
                let maker = video.model.map { "its model \($0)" } ?? "its provider"
                throw CatalogError("video #\(video.id ?? 0) has no pid: \(maker) gives no pid, so it cannot be remixed or extracted from (it is named video#\(video.id ?? 0))")
            }
            throw CatalogError("video #\(video.id ?? 0) has no pid yet (status \(video.status.rawValue)): `troupe task show \(video.taskId.map(String.init) ?? "ID")` says where it stands")
        }
        return pid
    }

    /// The catalogued pid `text` names, or `text` as a pid when no catalogued one starts with it
    /// (for options that register an uncatalogued video, such as `video add --remix-of`).
    public func resolvePidOrNew(_ text: String) throws -> Pid {
        do {
            return try resolvePid(text)
        } catch let error as PidNotFound {
            return try Pid(error.text)
        }
    }

    static func resolveVideo(_ text: String, _ db: any SQLConnection) throws -> Video {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let id = localId(text) {
            guard let video = try db.find(Video.self, key: id) else { throw CatalogError("no video #\(id) in the catalogue: `troupe video list` shows what is there") }
            return video
        }
        guard !text.isEmpty, text.hasPrefix("s_") || text.hasPrefix("video_") || "s_".hasPrefix(text) || "video_".hasPrefix(text) else {
            throw CatalogError("invalid pid '\(text)': give a pid or the start of one (s_68f1a2, video_abc123), or video#ID")
        }
        if let video = try db.one(Video.self, "SELECT * FROM video WHERE pid = ?", [text]) { return video }
        let pids = try db.values(String.self, "SELECT pid FROM video WHERE substr(pid, 1, length(?1)) = ?1 ORDER BY pid LIMIT 6", [text])
        if pids.count == 1 { return try video(pid: Pid(pids[0]), db) }
        if pids.count > 1 {
            let count = try db.value(Int.self, "SELECT count(*) FROM video WHERE substr(pid, 1, length(?1)) = ?1", [text]) ?? pids.count
            let shown = pids.prefix(5).joined(separator: ", ") + (count > 5 ? ", …" : "")
            throw CatalogError("ambiguous: \(count) videos start with \(text): \(shown); give more of the pid")
        }
        throw try PidNotFound(text: text, closest: closestPids(to: text, db))
    }

    /// Known pids close to `text`: as whole pids (a typo in a full pid), else by their start of
    /// the same length (a typo in a prefix), closest first.
    static func closestPids(to text: String, _ db: any SQLConnection) throws -> [String] {
        let known = try db.values(String.self, "SELECT pid FROM video WHERE pid IS NOT NULL ORDER BY pid")
        let whole = Suggestions.nearest(to: text, in: Set(known))
        if !whole.isEmpty { return whole }
        var byStart: [String: [String]] = [:]
        for pid in known where pid.count > text.count { byStart[String(pid.prefix(text.count)), default: []].append(pid) }
        return Array(Suggestions.nearest(to: text, in: Set(byStart.keys)).flatMap { byStart[$0] ?? [] }.prefix(3))
    }

    /// `video#12` or `#12`.
    static func localId(_ text: String) -> Int64? {
        let digits = text.hasPrefix("video#") ? text.dropFirst(6) : text.hasPrefix("#") ? text.dropFirst() : nil
        guard let digits, !digits.isEmpty, digits.allSatisfy(\.isASCII) else { return nil }
        return Int64(digits)
    }
}

/// No catalogued video has this pid or starts with it.
public struct PidNotFound: Error, Equatable, Sendable, CustomStringConvertible {
    public let text: String
    /// The known pids closest to `text`, closest first.
    public let closest: [String]

    public var description: String {
        if closest.isEmpty {
            return "no video \(text) in the catalogue: `troupe video list` shows what is there (`troupe video add PID` registers one made elsewhere)"
        }
        return "no video \(text) in the catalogue: closest \(closest.joined(separator: ", "))"
    }
}
