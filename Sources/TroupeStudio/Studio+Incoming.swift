import Crypto
import Foundation
import TroupeCatalog
import TroupeHTTP

/// A file left in `vault/incoming`: a download not finished (yet).
public struct IncomingFile: Sendable, Hashable {
    /// Its path.
    public var path: String
    /// The task whose result it is, when it is one.
    public var taskId: Int64?
    /// When it was last written.
    public var modified: Date
}

extension Studio {
    /// Where downloads are written until their hash is known.
    var incomingPath: String { home.vaultPath + "/incoming" }

    /// The one partial-file name of a task's result, so that every try resumes the same file.
    static func incomingName(taskId: Int64) -> String { "task-\(taskId)" }

    /// The partial-file name of a download that belongs to no task: stable per URL (its hash, so
    /// that no part of the URL, which may be signed, is written to disk).
    static func incomingName(url: String) -> String {
        "url-" + SHA256.hash(data: Data(url.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// Every file in `vault/incoming`, oldest name first.
    public func incomingFiles() -> [IncomingFile] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: incomingPath)) ?? []
        return names.sorted().compactMap { name in
            let path = incomingPath + "/" + name
            var status = stat()
            guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
            return IncomingFile(path: path, taskId: Self.taskId(ofIncoming: name), modified: modified)
        }
    }

    /// The task id in `task-12` or `task-12.part`.
    static func taskId(ofIncoming name: String) -> Int64? {
        guard name.hasPrefix("task-") else { return nil }
        let digits = name.dropFirst(5).prefix { $0.isNumber }
        let rest = name.dropFirst(5 + digits.count)
        return rest.isEmpty || rest == ".part" ? Int64(digits) : nil
    }

    /// Removes the partial downloads nothing will resume: those of tasks that are done (file in
    /// the vault, failed, or gone from the journal), and the others (`video fetch`, uploads from
    /// a URL, names of older versions) once untouched for longer than a provider URL lives.
    /// A file another process is writing (it holds its lock) is left alone. Returns the removed paths.
    @discardableResult
    public func removeLeftoverDownloads(olderThan age: TimeInterval = 3 * 3600, now: Date = Date()) throws -> [String] {
        let open = Set(try catalog.tasks(open: true).compactMap(\.id))
        var removed: [String] = []
        for file in incomingFiles() {
            let leftover: Bool = if let taskId = file.taskId {
                !open.contains(taskId)
            } else {
                now.timeIntervalSince(file.modified) > age
            }
            guard leftover, !Self.isLocked(file.path), unlink(file.path) == 0 else { continue }
            removed.append(file.path)
        }
        return removed
    }

    /// Whether another process holds the lock a download takes on its partial file.
    static func isLocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(fd, LOCK_UN)
        return false
    }
}
