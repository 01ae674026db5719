import Foundation
import TroupeDomain

extension TaskEntry {
    /// When the call was journaled, as a date (nil if the text cannot be read).
    public var journaledAt: Date? { Timestamp.date(createdAt) }

    /// Failed without a task id because the provider refused the call: nothing was charged, and
    /// `task retry` or a batch re-run may send it again (reusing this journal row).
    public var isRefused: Bool {
        state == .failed && remoteId == nil && failureReason?.isRefusal == true
    }
}

extension Catalog {
    /// Puts a refused task back to `prepared` to send it again, in one transaction: the journal
    /// row (and its batch key) is reused, its request text replaced by `request`, its failure
    /// cleared; its video (replaced by `subject`'s when given, keeping the row) or character
    /// goes back to pending. Refuses any task that is not refused (see `TaskEntry.isRefused`),
    /// so two processes can never both send it again. `attempts` keeps counting every send.
    public func rejournal(taskId id: Int64, request: String, producing subject: JournalSubject? = nil) throws -> JournalEntry {
        try writer.write { db in
            guard var task = try db.find(TaskEntry.self, key: id) else {
                throw CatalogError("no task \(id): `troupe task list` shows the journal")
            }
            guard task.isRefused else {
                throw CatalogError("task \(id) is \(Self.describe(task)): only a call the provider refused (failed with no task id: not_accepted or rate_limited) is sent again")
            }
            let now = Timestamp.now()
            task.state = CallStep.resent.taskState
            task.request = request
            task.failureReason = nil
            task.errorText = nil
            task.cost = 0
            task.refunded = false
            task.updatedAt = now
            try db.update(task)

            var video = try db.one(Video.self, "SELECT * FROM video WHERE taskId = ?", [id])
            if var existing = video {
                if case .video(var fresh, let features)? = subject {
                    fresh.id = existing.id
                    fresh.taskId = id
                    fresh.createdAt = existing.createdAt
                    existing = fresh
                    try db.execute("DELETE FROM appearance WHERE videoId = ?", [existing.id])
                    for handle in features {
                        let character = try Self.character(handle: handle, db)
                        try Self.recordAppearance(videoId: existing.id!, characterId: character.id!, db)
                    }
                }
                existing.status = CallStep.resent.videoStatus
                existing.progress = 0
                existing.failureReason = nil
                existing.errorText = nil
                existing.updatedAt = now
                try db.update(existing)
                video = existing
            }
            let character = try Self.updateCharacter(ofTask: id, to: .resent, at: now, db)
            return JournalEntry(task: task, video: video, character: character)
        }
    }

    /// Attaches the provider's task id to an `unknown` task (found in the provider's console):
    /// the call was taken and is charged `cost`; the task is `submitted` and `task resume` tracks
    /// it to its file. Refuses a task that is not unknown, and an id another task already holds.
    public func reconcile(taskId id: Int64, remoteId: String, cost: Double) throws -> JournalEntry {
        let remoteId = remoteId.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !remoteId.isEmpty, !remoteId.contains(where: \.isWhitespace) else {
            throw CatalogError("invalid remote id '\(remoteId)': give the provider's task id exactly as its console shows it")
        }
        return try writer.write { db in
            var task = try Self.unknownTask(id, db)
            if let holder = try db.one(TaskEntry.self, "SELECT * FROM task WHERE providerName = ? AND remoteId = ?",
                                                   [task.providerName, remoteId]) {
                throw CatalogError("remote id \(remoteId) already belongs to task \(holder.id!) (\(holder.state.rawValue)): one provider task is never attached to two journal rows")
            }
            let now = Timestamp.now()
            task.remoteId = remoteId
            task.state = CallStep.submitted.taskState
            task.cost = cost
            // What was said about the lost answer no longer applies: the call is tracked as usual.
            task.errorText = nil
            task.updatedAt = now
            try db.update(task)
            var video = try db.one(Video.self, "SELECT * FROM video WHERE taskId = ?", [id])
            if var existing = video {
                existing.status = CallStep.submitted.videoStatus
                existing.updatedAt = now
                try db.update(existing)
                video = existing
            }
            let character = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE taskId = ?", [id])
            return JournalEntry(task: task, video: video, character: character)
        }
    }

    /// Marks an `unknown` task as never taken (the provider confirms it has no such call): failed
    /// `not_accepted`, nothing charged, so `task retry` or a batch re-run may send it again.
    public func reconcileNotTaken(taskId id: Int64) throws -> JournalEntry {
        try writer.write { db in
            var task = try Self.unknownTask(id, db)
            let now = Timestamp.now()
            let note = "reconciled by hand: the provider never took the call"
            task.state = CallStep.failed.taskState
            task.failureReason = .notAccepted
            task.errorText = note
            task.cost = 0
            task.updatedAt = now
            try db.update(task)
            var video = try db.one(Video.self, "SELECT * FROM video WHERE taskId = ?", [id])
            if var existing = video {
                existing.status = CallStep.failed.videoStatus
                existing.failureReason = .notAccepted
                existing.errorText = note
                existing.updatedAt = now
                try db.update(existing)
                video = existing
            }
            let character = try Self.updateCharacter(ofTask: id, to: .failed, at: now, db)
            return JournalEntry(task: task, video: video, character: character)
        }
    }

    /// Moves the character task `id` produces, if it produces one, through `step`.
    static func updateCharacter(ofTask id: Int64, to step: CallStep, at now: String, _ db: any SQLConnection) throws -> CharacterEntry? {
        guard var character = try db.one(CharacterEntry.self, "SELECT * FROM character WHERE taskId = ?", [id]) else { return nil }
        guard let status = step.characterStatus else { return character }
        character.status = status
        character.updatedAt = now
        try db.update(character)
        return character
    }

    static func unknownTask(_ id: Int64, _ db: any SQLConnection) throws -> TaskEntry {
        guard let task = try db.find(TaskEntry.self, key: id) else {
            throw CatalogError("no task \(id): `troupe task list` shows the journal")
        }
        guard task.state == .unknown else {
            throw CatalogError("task \(id) is \(describe(task)), not unknown: only a call whose outcome is unknown is reconciled")
        }
        if let remoteId = task.remoteId {
            throw CatalogError("task \(id) already holds provider task \(remoteId): `troupe task resume` tracks it")
        }
        return task
    }

    static func describe(_ task: TaskEntry) -> String {
        var text = task.state.rawValue
        if let reason = task.failureReason { text += " (\(reason.rawValue))" }
        if let remoteId = task.remoteId { text += " with provider task \(remoteId)" }
        return text
    }
}
