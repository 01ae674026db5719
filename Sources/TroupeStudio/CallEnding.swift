import Foundation
import TroupeCatalog

/// Where a paid call stands once a command is done with it, as its journal row has it: what
/// the command line's exit status reports.
public enum CallEnding: String, Sendable, Codable {
    /// Done: the provider finished it and its file (for a video) is in the vault.
    case succeeded
    /// Ended failed at the provider: refused (not_accepted, rate_limited, not_sent), moderated,
    /// failed, or finished with a result URL troupe will not fetch (not http(s)).
    case failed
    /// Not ended yet: journaled, submitted or running, or finished without its file in the vault
    /// (`troupe task resume` finishes it).
    case open
    /// Sent, but no task id came back: the provider may have taken it (`troupe task reconcile`
    /// settles it).
    case unknown
}

extension JournalEntry {
    /// Where this call stands.
    public var ending: CallEnding {
        switch task.state {
        case .succeeded:
            if let video, video.status == .succeeded, video.assetSha256 == nil {
                // A result URL that is not http(s) is never fetched: nothing will finish it.
                let refused = video.remoteURL == nil && video.errorText?.hasPrefix(Studio.refusedURLPrefix) == true
                return refused ? .failed : .open
            }
            if video?.status == .failed || character?.status == .failed { return .failed }
            return .succeeded
        case .failed: return .failed
        case .unknown: return .unknown
        case .prepared, .submitted, .running: return .open
        }
    }
}

/// A paid call that was journaled (and maybe sent) but did not end in success: it carries where
/// the call stands, so that a caller can tell a failure at the provider from an unknown or open
/// call without reading the message.
public struct PaidCallError: Error, Sendable, CustomStringConvertible {
    public var taskId: Int64
    public var ending: CallEnding
    /// One line saying what happened and, for an unknown or open call, which command settles it.
    public var message: String

    public init(taskId: Int64, ending: CallEnding, message: String) {
        self.taskId = taskId
        self.ending = ending
        self.message = message
    }

    public var description: String { message }
}

extension Studio {
    /// Runs the part of a paid workflow that follows the journaling of task `taskId`: an error
    /// thrown there is rethrown as a `PaidCallError` saying where the call stands in the journal.
    func settling<T>(taskId: Int64, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PaidCallError {
            throw error
        } catch {
            throw paidCallError(taskId: taskId, error: error)
        }
    }

    /// `error`, thrown while task `taskId` was being sent or tracked, as a `PaidCallError`
    /// carrying where the journal says the call stands (open when it cannot be read).
    func paidCallError(taskId: Int64, error: any Error) -> PaidCallError {
        let ending = (try? catalog.journalEntry(taskId: taskId))?.ending ?? .open
        var message = "\(error)"
        switch ending {
        case .open where !message.contains("task resume"):
            message += " — task \(taskId) stays open: `troupe task resume` finishes it"
        case .unknown where !message.contains("task reconcile"):
            message += " — task \(taskId) is unknown: check the provider's console, then `troupe task reconcile \(taskId)`"
        default:
            break
        }
        // A call the journal shows succeeded yet an error came: report it as open (its file may be missing).
        return PaidCallError(taskId: taskId, ending: ending == .succeeded ? .open : ending, message: message)
    }
}
