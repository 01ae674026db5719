import TroupeDomain

/// A provider answered a call with a task id that another journal row of the same provider
/// already holds (a provider reusing ids): this call cannot be tracked under it.
public struct RemoteIdClash: Error, Equatable, Sendable, CustomStringConvertible {
    /// The journal row that was answered.
    public let taskId: Int64
    /// The id the provider gave it.
    public let remoteId: String
    /// The journal row that already holds that id.
    public let heldBy: Int64

    public var description: String {
        "the provider answered task \(taskId) with task id \(remoteId), which task \(heldBy) already holds: the provider reused an id, so this call cannot be tracked"
    }
}

/// Why a video was saved without the pid the provider gave it.
struct PidConflict {
    let pid: String
    /// The local id of the video holding the pid.
    let holder: Int64

    var message: String { "the provider gave pid \(pid), which video #\(holder) already holds" }
}

/// Text bound into SQLite goes through a C string (GRDB binds with length -1): everything after a
/// NUL would be lost. Ids holding one are refused; free text has it escaped, never cut short.
enum StoredText {
    static func checkIdentifier(_ value: String?, _ what: String) throws {
        guard let value, value.utf8.contains(0) else { return }
        throw CatalogError("\(what) \"\(value.replacingOccurrences(of: "\0", with: "\\0"))\" holds a NUL character: it cannot be stored whole, so it is not stored")
    }

    /// Refuses text the user gave (a prompt, a request) holding a NUL: it is journaled before
    /// anything is sent, so nothing is paid for a prompt the catalogue could only keep in part.
    static func checkText(_ value: String?, _ what: String) throws {
        guard let value, value.utf8.contains(0) else { return }
        throw CatalogError("\(what) holds a NUL character (\\0), which the catalogue cannot keep whole: remove it")
    }

    static func escapeNUL(_ value: inout String?) {
        guard let text = value, text.utf8.contains(0) else { return }
        value = text.replacingOccurrences(of: "\0", with: "\\0")
    }

    /// `escapeNUL` for a provider's failure reason (troupe's own hold no NUL).
    static func escapeNUL(_ reason: inout FailureReason?) {
        guard case .provider(let text)? = reason, text.utf8.contains(0) else { return }
        reason = .provider(text.replacingOccurrences(of: "\0", with: "\\0"))
    }
}

extension Catalog {
    /// Throws `RemoteIdClash` when another task of the same provider holds `task`'s remote id.
    static func checkRemoteIdFree(_ task: TaskEntry, _ db: any SQLConnection) throws {
        guard let remoteId = task.remoteId, let id = task.id else { return }
        let statementSQL = ("SELECT id FROM task WHERE providerName = ? AND remoteId = ? AND id != ? LIMIT 1")
        if let holder = try db.value(Int64.self, statementSQL, [task.providerName, remoteId, id]) {
            throw RemoteIdClash(taskId: id, remoteId: remoteId, heldBy: holder)
        }
    }

    /// The video already holding `video`'s pid, if another one does.
    static func pidConflict(_ video: Video, _ db: any SQLConnection) throws -> PidConflict? {
        guard let pid = video.pid, let id = video.id else { return nil }
        let statementSQL = ("SELECT id FROM video WHERE pid = ? AND id != ? LIMIT 1")
        return try db.value(Int64.self, statementSQL, [pid.rawValue, id]).map { PidConflict(pid: pid.rawValue, holder: $0) }
    }

    /// What a video's report says about a pid conflict: on the video that was given a taken pid,
    /// which video holds it; on the holder, which videos were given it too.
    static func pidConflictNote(for video: Video, _ db: any SQLConnection) throws -> String? {
        if let pid = video.conflictingPid {
            let holder = try db.value(Int64.self, "SELECT id FROM video WHERE pid = ?", [pid])
            return holder.map { PidConflict(pid: pid, holder: $0).message } ?? "the provider gave pid \(pid), which another video held"
        }
        guard let pid = video.pid else { return nil }
        let others = try db.rows("SELECT id, taskId FROM video WHERE conflictingPid = ? ORDER BY id", [pid.rawValue])
        guard !others.isEmpty else { return nil }
        let named = others.map { row -> String in
            let taskId: Int64? = row["taskId"]
            return "video #\(row["id"] as Int64)" + (taskId.map { " (task \($0))" } ?? "")
        }
        return "the provider gave this pid to \(named.joined(separator: ", ")) too"
    }
}
