import Foundation
import TroupeDomain

/// What a paid call will produce, written with its journal row before anything is sent.
public enum JournalSubject: Sendable {
    /// A video (generate or remix); `features` are the handles its compiled prompt references.
    case video(Video, features: [Handle])
    /// A character (upload or extraction).
    case character(CharacterEntry)
}

/// A journal row and the row it produces.
public struct JournalEntry: Sendable {
    public var task: TaskEntry
    public var video: Video?
    public var character: CharacterEntry?

    /// Moves the task, its video and its character together through `step`.
    public mutating func move(_ step: CallStep) {
        task.state = step.taskState
        video?.status = step.videoStatus
        if let status = step.characterStatus { character?.status = status }
    }
}

extension Catalog {
    /// Writes a `prepared` task and its pending video or character in a transaction of its own, at once.
    public func journalNow(_ task: TaskEntry, producing subject: JournalSubject) throws -> JournalEntry {
        try writer.write { db in try Self.insertJournal(task, producing: subject, db) }
    }

    /// `journalNow(_:producing:)` through the group commit, for many concurrent tasks.
    public func journalGrouped(_ task: TaskEntry, producing subject: JournalSubject) async throws -> JournalEntry {
        try await commits.write(durable: false) { db in try Self.insertJournal(task, producing: subject, db) }
    }

    static func insertJournal(_ task: TaskEntry, producing subject: JournalSubject, _ db: any SQLConnection) throws -> JournalEntry {
        try StoredText.checkText(task.request, "the request")
        if case .video(let video, _) = subject {
            try StoredText.checkText(video.prompt, "the prompt")
            try StoredText.checkText(video.compiledPrompt, "the compiled prompt")
        }
        var task = task
        task.state = CallStep.journaled.taskState
        try db.insert(&task)
        switch subject {
        case .video(var video, let features):
            video.taskId = task.id
            try db.insert(&video)
            for handle in features {
                let character = try Self.character(handle: handle, db)
                try Self.recordAppearance(videoId: video.id!, characterId: character.id!, db)
            }
            return JournalEntry(task: task, video: video, character: nil)
        case .character(var character):
            character.taskId = task.id
            try Self.insertChecked(&character, db)
            return JournalEntry(task: task, video: nil, character: character)
        }
    }

    /// The journal entry of the batch row with this key, if it was journaled.
    public func journalEntry(batchKey: String) throws -> JournalEntry? {
        guard let id = try writer.read({ db in
            try db.value(Int64.self, "SELECT id FROM task WHERE batchKey = ?", [batchKey])
        }) else { return nil }
        return try journalEntry(taskId: id)
    }

    /// The journal rows holding these batch keys (key → task id), in one read.
    public func taskIds(batchKeys keys: [String]) throws -> [String: Int64] {
        try writer.read { db in
            let statementSQL = ("SELECT id FROM task WHERE batchKey = ?")
            var found: [String: Int64] = [:]
            for key in keys {
                if let id = try db.value(Int64.self, statementSQL, [key]) { found[key] = id }
            }
            return found
        }
    }

    /// The journal entry of task `id`.
    public func journalEntry(taskId id: Int64) throws -> JournalEntry {
        try writer.read { db in try Self.journalEntry(taskId: id, db) }
    }

    static func journalEntry(taskId id: Int64, locking: Bool = false, _ db: any SQLConnection) throws -> JournalEntry {
        // Cached statements: a batch reads thousands of entries, one per state change.
        let lock = locking && db.dialect == .postgres ? " FOR UPDATE" : ""
        guard let task = try db.one(TaskEntry.self, "SELECT * FROM task WHERE id = ?" + lock, [id]) else {
            throw CatalogError("no task \(id): `troupe task list` shows the journal")
        }
        let video = try db.one(Video.self, "SELECT * FROM video WHERE taskId = ?", [id])
        let character = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE taskId = ?", [id])
        return JournalEntry(task: task, video: video, character: character)
    }

    /// Reads task `id`'s journal entry, lets `change` edit it and saves it, in one write through
    /// the group commit (no read transaction of its own): what a poll that changed a task's state
    /// records. Returns the entry as saved.
    public func update(taskId id: Int64, _ change: @escaping @Sendable (inout JournalEntry) -> Void) async throws -> JournalEntry {
        let now = Timestamp.now()
        return try await commits.write(durable: false) { db in
            // Locked on PostgreSQL (workers on other hosts may change it meanwhile); SQLite's
            // one writer already excludes them.
            var entry = try Self.journalEntry(taskId: id, locking: true, db)
            change(&entry)
            return try Self.save(entry, asset: nil, at: now, db)
        }
    }

    /// Journal rows, newest first; `open` keeps those not finished (or finished without a file).
    public func tasks(open: Bool = false, limit: Int? = nil) throws -> [TaskEntry] {
        try writer.read { db in
            var sql = "SELECT * FROM task"
            if open {
                sql += """
                     WHERE state NOT IN ('succeeded', 'failed')
                        OR (state = 'succeeded' AND EXISTS (
                            SELECT 1 FROM video WHERE video.taskId = task.id AND video.assetSha256 IS NULL AND video.status = 'succeeded'))
                    """
            }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT \(limit)" }
            return try db.all(TaskEntry.self, sql)
        }
    }

    /// Saves a journal row and the row it produces, together: what tracking a call changes (the
    /// task's request, remote id, state, attempts, errors and cost; the video's pid, status,
    /// progress, errors, result URL and file; the character). `durably` waits until the write
    /// (and every earlier one) is on disk: for what must survive a power cut, such as a send
    /// attempt recorded before sending. `asset`, when given, is recorded in the same transaction.
    /// Returns the entry as saved: a pid another video holds is recorded as a conflict (see
    /// `conflictingPid`); a remote id another task holds throws `RemoteIdClash`.
    @discardableResult
    public func saveNow(_ entry: JournalEntry, durably: Bool = false, recording asset: Asset? = nil) throws -> JournalEntry {
        let now = Timestamp.now()
        return try writer.write(durable: durably) { db in try Self.save(entry, asset: asset, at: now, db) }
    }

    /// Gives up a row journaled but never sent (`prepared`, no attempt) and untouched for
    /// `olderThan` seconds: it fails `not_sent` (nothing was charged), so a batch re-run or
    /// `task retry` sends it. False when the row is not such a row (or is younger).
    public func abandonUnsent(taskId: Int64, olderThan seconds: Double) throws -> Bool {
        try writer.write { db in
            guard let task = try db.find(TaskEntry.self, key: taskId), task.state == .prepared, task.attempts == 0,
                  let updated = Timestamp.date(task.updatedAt), Date().timeIntervalSince(updated) >= seconds else { return false }
            let now = Timestamp.now()
            // A compare-and-set (the row must still be unsent); the states come from the step.
            let step = CallStep.failed
            let changed = try db.execute("""
                UPDATE task SET state = ?, failureReason = ?, errorText = ?, updatedAt = ?
                WHERE id = ? AND state = ? AND attempts = 0
                """, [step.taskState.rawValue, FailureReason.notSent.rawValue,
                                 "journaled but never sent (the process stopped first): nothing was charged", now, taskId,
                                 TaskState.prepared.rawValue])
            guard changed > 0 else { return false }
            try db.execute("UPDATE video SET status = ?, failureReason = ?, updatedAt = ? WHERE taskId = ?",
                           [step.videoStatus.rawValue, FailureReason.notSent.rawValue, now, taskId])
            try db.execute("UPDATE character SET status = ?, updatedAt = ? WHERE taskId = ?",
                           [step.characterStatus?.rawValue, now, taskId])
            return true
        }
    }

    /// `saveNow(_:durably:recording:)` through the group commit, for many concurrent tasks.
    @discardableResult
    public func saveGrouped(_ entry: JournalEntry, durably: Bool = false, recording asset: Asset? = nil) async throws -> JournalEntry {
        let now = Timestamp.now()
        return try await commits.write(durable: durably) { db in try Self.save(entry, asset: asset, at: now, db) }
    }

    /// Counts a send attempt before sending, durably (through the group commit), if the row is
    /// still `prepared` with `attempts` attempts (a compare-and-set): false when another process
    /// changed it meanwhile (sent it, or gave it up), and then this one must not send.
    public func recordAttempt(taskId: Int64, attempts: Int) async throws -> Bool {
        try await commits.write(durable: true) { db in try Self.recordAttempt(taskId: taskId, attempts: attempts, db) }
    }

    static func recordAttempt(taskId: Int64, attempts: Int, _ db: any SQLConnection) throws -> Bool {
        try db.execute("UPDATE task SET attempts = attempts + 1, updatedAt = ? WHERE id = ? AND state = 'prepared' AND attempts = ?",
                       [Timestamp.now(), taskId, attempts]) > 0
    }

    /// Explicit statements, prepared once: a batch saves each of thousands of rows several times.
    /// The unique indexes find a clash (no lookup on the common path): a pid another video holds
    /// is recorded as a conflict and the row saved without it; a remote id another task holds
    /// throws `RemoteIdClash` (and the caller's savepoint or transaction rolls back).
    private static func save(_ entry: JournalEntry, asset: Asset?, at now: String, _ db: any SQLConnection) throws -> JournalEntry {
        var entry = entry
        try StoredText.checkIdentifier(entry.task.remoteId, "the remote task id")
        try StoredText.checkIdentifier(entry.video?.remoteURL, "the result URL")
        StoredText.escapeNUL(&entry.task.errorText)
        StoredText.escapeNUL(&entry.task.failureReason)
        if let asset { try insert(asset, db) }
        if var video = entry.video {
            StoredText.escapeNUL(&video.errorText)
            StoredText.escapeNUL(&video.failureReason)
            do {
                try db.recoverable { try updateVideo(video, at: now, db) }
            } catch let error as SQLFailure where error.kind == .unique {
                guard let conflict = try pidConflict(video, db) else { throw error }
                video.conflictingPid = conflict.pid
                video.pid = nil
                try updateVideo(video, at: now, db)
                let note = conflict.message + "; this video is kept as video#\(video.id ?? 0) with its file (`troupe video show video#\(video.id ?? 0)`)"
                if entry.task.errorText?.contains(note) != true {
                    entry.task.errorText = [entry.task.errorText, note].compactMap { $0 }.joined(separator: "; ")
                }
            }
            entry.video = video
        }
        let task = entry.task
        do {
            try db.recoverable { try db.execute("""
                UPDATE task SET request = ?, remoteId = ?, state = ?, attempts = ?, failureReason = ?, errorText = ?,
                    cost = ?, currency = coalesce(?, currency), refunded = ?, updatedAt = ? WHERE id = ?
                """, [task.request, task.remoteId, task.state.rawValue, task.attempts, task.failureReason?.rawValue,
                                         task.errorText, task.cost, task.currency, task.refunded, now, task.id]) }
        } catch let error as SQLFailure where error.kind == .unique {
            try checkRemoteIdFree(task, db)
            throw error
        }
        if var character = entry.character {
            character.updatedAt = now
            try db.update(character)
            entry.character = character
        }
        return entry
    }

    private static func updateVideo(_ video: Video, at now: String, _ db: any SQLConnection) throws {
        try db.execute("""
            UPDATE video SET pid = ?, status = ?, progress = ?, failureReason = ?, errorText = ?, remoteURL = ?,
                remoteURLExpiresAt = ?, assetSha256 = ?, cost = ?, conflictingPid = ?, updatedAt = ? WHERE id = ?
            """, [video.pid?.rawValue, video.status.rawValue, video.progress, video.failureReason?.rawValue,
                                     video.errorText, video.remoteURL, video.remoteURLExpiresAt, video.assetSha256,
                                     video.cost, video.conflictingPid, now, video.id])
    }

    /// Is this pid catalogued?
    public func knows(pid: Pid) throws -> Bool {
        try writer.read { db in try db.value(Int.self, "SELECT count(*) FROM video WHERE pid = ?", [pid.rawValue]) ?? 0 > 0 }
    }
}
