import Foundation

/// The bytes a succeeded video's file URL (or OpenAI `content`) answers with.
extension Simulator {
    /// A real clip when the configuration asks for them (`realClips`), else a synthetic MP4 whose
    /// `mvhd` says the requested length.
    func resultFile(_ task: SimulatorTask) -> Data {
        let key = task.pid ?? task.id
        guard configuration.realClips else { return MP4.make(seconds: task.seconds, label: key) }
        return FixtureClips.file(for: key, portrait: task.isPortrait)
    }
}

extension SimulatorTask {
    /// Asked for a portrait video: a `9:16`-style aspect, `portrait` orientation, or a `WxH` size taller than wide.
    var isPortrait: Bool {
        if let aspect {
            if aspect == "portrait" { return true }
            let sides = aspect.split(separator: ":").compactMap { Double($0) }
            if sides.count == 2 { return sides[1] > sides[0] }
        }
        if let size {
            let sides = size.lowercased().split(separator: "x").compactMap { Double($0) }
            if sides.count == 2 { return sides[1] > sides[0] }
        }
        return false
    }
}
