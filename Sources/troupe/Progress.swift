import Foundation
import TroupeDomain
import TroupeStudio

/// Prints workflow events to stderr: a rewritten line on a terminal, one line per change otherwise.
/// What providers say (task ids, notes, requests) is shown with its control characters escaped.
final class ProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastPercent: [Int64: Int] = [:]
    private let verbose: Bool

    init(verbose: Bool = false) {
        self.verbose = verbose
    }

    var events: StudioEvents {
        { [self] event in self.show(event) }
    }

    func show(_ event: StudioEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .journaled(let id):
            line("task \(id): journaled")
        case .submitted(let id, let remote):
            line("task \(id): submitted (provider task \(remote))")
        case .progress(let id, let percent):
            guard lastPercent[id] != percent else { return }
            lastPercent[id] = percent
            if terminal {
                let filled = max(0, min(20, percent / 5))
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 20 - filled)
                FileHandle.standardError.write(Data("\rtask \(id): [\(bar)] \(percent)%".utf8))
                if percent >= 100 { FileHandle.standardError.write(Data("\n".utf8)) }
            } else {
                line("task \(id): \(percent)%")
            }
        case .downloading(let id, _):
            line("task \(id): downloading into the vault")
        case .note(let text):
            line(text)
        case .exchange(let request, let status):
            if verbose { line("→ \(request) ← \(status.map(String.init) ?? "no answer")") }
        }
    }

    private func line(_ text: String) {
        FileHandle.standardError.write(Data(((terminal ? "\r" : "") + TerminalText.escaped(text) + "\n").utf8))
    }
}
