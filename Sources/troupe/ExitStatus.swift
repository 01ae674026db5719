import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeStudio

/// What troupe's exit status says; every command's status is decided here.
///
/// `0` everything asked for succeeded; `1` refused before anything was sent (bad input, a
/// missing key) or a local error; `64` a usage error; `3` at least one paid call ended failed at
/// the provider (refused, moderated, failed); `4` at least one paid call is unknown or still
/// open (the message says which command settles it). When both 3 and 4 apply, 4 wins: an
/// unknown or open call still needs something done.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let failedAtProvider: Int32 = 3
    static let unknownOrOpen: Int32 = 4

    /// The table, as `troupe --help` shows it.
    static let table = """
        Exit status:
          0   everything asked for succeeded
          1   refused before anything was sent (bad input, missing key), or a local error
          64  usage error (unknown option, missing argument, bad value)
          3   at least one paid call ended failed at the provider (refused, moderated, failed)
          4   at least one paid call is unknown or still open (the message says which command settles it)
        """

    /// The status for paid calls that stand at `endings`.
    static func code(for endings: some Sequence<CallEnding>) -> Int32 {
        var code = success
        for ending in endings {
            switch ending {
            case .succeeded: break
            case .failed: code = max(code, failedAtProvider)
            case .open, .unknown: return unknownOrOpen
            }
        }
        return code
    }

    /// Ends a paid command whose call stands at `entry`: returns for a success (and for a call
    /// left open with `--no-wait`, as asked: a line says what finishes it), else throws the
    /// exit status after one line on stderr saying where the call stands.
    static func finish(_ entry: JournalEntry, waited: Bool = true) throws {
        let id = entry.task.id.map(String.init) ?? "?"
        switch entry.ending {
        case .succeeded:
            return
        case .open where !waited:
            Output.note("task \(id) is \(entry.task.state.rawValue) at the provider: `troupe task resume` finishes it")
        case .open:
            Output.note("task \(id) is still open (\(entry.task.state.rawValue)): `troupe task resume` finishes it")
            throw ExitCode(unknownOrOpen)
        case .unknown:
            Output.note("task \(id) is unknown: check the provider's console, then `troupe task reconcile \(id) --remote-id ID` (or `--not-taken`)")
            throw ExitCode(unknownOrOpen)
        case .failed:
            let why = [entry.task.failureReason?.rawValue, entry.task.errorText].compactMap { $0 }.joined(separator: ": ")
            Output.note("task \(id) failed at the provider" + (why.isEmpty ? "" : " (\(Output.escaped(why)))"))
            throw ExitCode(failedAtProvider)
        }
    }

    /// Exits for an error that ended a command: a paid call that did not succeed by where it
    /// stands (3 or 4, its message on stderr); everything else as ArgumentParser decides
    /// (64 for usage errors, 1 for the rest, `ExitCode` as given).
    static func exit(for error: any Error) -> Never {
        if let error = error as? PaidCallError {
            Output.note("Error: " + Output.escaped(error.message))
            Foundation.exit(code(for: [error.ending]))
        }
        // Errors may carry provider or user text: printed with control characters escaped.
        if let line = Output.errorLine(error) {
            Output.note(line)
            Foundation.exit(Troupe.exitCode(for: error).rawValue)
        }
        Troupe.exit(withError: error)
    }
}
