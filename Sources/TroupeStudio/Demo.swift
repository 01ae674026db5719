import Foundation
import TroupeCatalog
import TroupeSimulator

/// `troupe demo`: the whole story against an in-process simulator, in a temporary home, with no
/// key and no network — upload a character from a bundled clip, generate, remix twice, extract a
/// character, compose a two-character prompt, and draw the lineage.
public enum Demo {
    /// Runs the story; `say` receives each step's headline and result.
    public static func run(latency: Double = 0.4, keepHome: String? = nil, say: @escaping @Sendable (String) -> Void) async throws {
        let directory = keepHome ?? (FileManager.default.temporaryDirectory.path + "/troupe-demo-" + UUID().uuidString)
        defer { if keepHome == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let server = try await SimulatorServer.start(SimulatorConfiguration(latency: latency, seed: 7))
        defer { Task { await server.stop() } }
        let studio = try Studio(home: TroupeHome(directory: directory), pollInterval: 0.1, maxPollInterval: 0.3)
        try studio.catalog.setBaseURL(server.baseURL, ofProvider: "sim")
        try studio.catalog.useProvider(named: "sim")
        say("home: \(directory) — simulator on \(server.baseURL)")
        let quiet: StudioEvents = { _ in }

        // A bundled clip: a 3-second MP4 made on the spot.
        let clipPath = directory + "/cartoon-cat.mp4"
        try MP4.make(seconds: 3, label: "cartoon cat").write(to: URL(fileURLWithPath: clipPath))

        say("$ troupe character upload cartoon-cat.mp4 --clip 0,3 --name hero")
        let hero = try await character(studio, .clip(clipPath), clip: "0,3", handle: "hero", events: quiet)
        say("  @hero = \(hero.characterId?.rawValue ?? "?")")

        say("$ troupe video generate \"@hero skateboards through a night market\"")
        let first = try await video(studio, GenerateOptions(prompt: .text("@hero skateboards through a night market")), events: quiet)
        say("  \(first.pid?.rawValue ?? "?") (\(first.compiledPrompt ?? ""))")

        var remix = GenerateOptions(prompt: .text("same ride, in the rain"))
        remix.remixOf = first.pid?.rawValue
        say("$ troupe video remix \(first.pid?.rawValue ?? "") \"same ride, in the rain\"")
        let second = try await video(studio, remix, events: quiet)
        say("  \(second.pid?.rawValue ?? "?")")

        remix = GenerateOptions(prompt: .text("the ride ends at dawn"))
        remix.remixOf = second.pid?.rawValue
        say("$ troupe video remix \(second.pid?.rawValue ?? "") \"the ride ends at dawn\"")
        let third = try await video(studio, remix, events: quiet)
        say("  \(third.pid?.rawValue ?? "?")")

        say("$ troupe character extract \(second.pid?.rawValue ?? "") --clip 1,3 --name owl")
        let owl = try await character(studio, .video(second.pid!), clip: "1,3", handle: "owl", events: quiet)
        say("  @owl = \(owl.characterId?.rawValue ?? "?")")

        say("$ troupe video generate \"@hero argues with @owl about the last market stall\"")
        let duel = try await video(studio, GenerateOptions(prompt: .text("@hero argues with @owl about the last market stall")), events: quiet)
        say("  \(duel.pid?.rawValue ?? "?") (\(duel.compiledPrompt ?? ""))")

        say("$ troupe lineage @owl")
        say(try studio.catalog.lineage(of: .character(try Handle("owl"))).treeText())
        let ledger = try studio.catalog.costs().reduce(0) { $0 + $1.net }
        say("spent \(String(format: "%.2f", ledger)) on \(try studio.catalog.tasks().count) simulated calls; every file is in the vault")
    }

    static func video(_ studio: Studio, _ options: GenerateOptions, events: @escaping StudioEvents) async throws -> Video {
        guard case .done(let entry) = try await studio.generate(options, events: events), let video = entry.video, video.status == .succeeded else {
            throw StudioError("the demo's generation did not succeed")
        }
        return video
    }

    static func character(_ studio: Studio, _ source: CharacterOptions.Source, clip: String, handle: String,
                          events: @escaping StudioEvents) async throws -> CharacterEntry {
        let options = CharacterOptions(source: source, clip: try ClipRange(parsing: clip), handle: try Handle(handle))
        guard case .done(let entry) = try await studio.createCharacter(options, events: events), let character = entry.character,
              character.status == .ready else {
            throw StudioError("the demo's character was not made")
        }
        return character
    }
}
