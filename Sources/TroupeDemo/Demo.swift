import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeSimulator
import TroupeStudio

/// `troupe demo`: the whole story against an in-process simulator, in a temporary home, with no
/// key and no network — upload a character from a bundled clip, generate, remix twice, extract a
/// character, compose a two-character prompt, take the cast to Veo with a character's image, and
/// draw the lineage.
public enum Demo {
    /// Where a kept home's `sim` provider points once the demo is over: what `troupe sim serve`
    /// serves by default.
    public static let keptSimulatorURL = "http://127.0.0.1:8787"
    /// The simulator's state file in a kept home, so that `troupe sim serve --state` picks up
    /// the demo's videos and characters where the demo left them.
    public static let simulatorStateFile = "simulator-state.json"

    /// Runs the story; `say` receives each step's headline and result. With `keepHome`, the home
    /// stays usable afterwards: its `sim` provider points at `keptSimulatorURL` and the
    /// simulator's state is kept in the home (the last line says how to serve it). `then`, when
    /// given, runs once the story is told, on the demo's studio while its simulator still serves
    /// (`troupe demo --web` serves the web app there until Ctrl-C); the home is cleaned up after it.
    public static func run(latency: Double = 0.4, keepHome: String? = nil, then: (@Sendable (Studio) async throws -> Void)? = nil,
                           say: @escaping @Sendable (String) -> Void) async throws {
        let directory = keepHome ?? (FileManager.default.temporaryDirectory.path + "/troupe-demo-" + UUID().uuidString)
        defer { if keepHome == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let statePath = keepHome.map { _ in directory + "/" + simulatorStateFile }
        if keepHome != nil { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let server = try await SimulatorServer.start(SimulatorConfiguration(latency: latency, seed: 7, statePath: statePath, realClips: true))
        let studio: Studio
        do {
            studio = try Studio(home: TroupeHome(directory: directory), pollInterval: 0.1, maxPollInterval: 0.3)
        } catch {
            await server.stop()
            throw error
        }
        do {
            try await story(studio, server: server, directory: directory, say: say)
            try await then?(studio)
        } catch {
            await finish(studio, server: server, statePath: statePath, say: nil)
            throw error
        }
        await finish(studio, server: server, statePath: statePath, say: say)
    }

    /// Stops the simulator; a kept home's `sim` provider is pointed where `troupe sim serve`
    /// listens, and `say` is told how to serve it.
    static func finish(_ studio: Studio, server: SimulatorServer, statePath: String?, say: (@Sendable (String) -> Void)?) async {
        await server.stop()
        guard let statePath else { return }
        do {
            try studio.catalog.setBaseURL(keptSimulatorURL, ofProvider: "sim")
        } catch {
            say?("the kept home's provider sim still points at the stopped simulator (\(error)); fix it with `troupe --home \(studio.home.directory) provider set sim --base-url \(keptSimulatorURL)`")
            return
        }
        say?("kept \(studio.home.directory): its provider sim points at \(keptSimulatorURL); to go on with it, run "
            + "`troupe sim serve --state \(statePath)` and then e.g. `troupe --home \(studio.home.directory) video list`")
    }

    static func story(_ studio: Studio, server: SimulatorServer, directory: String, say: @escaping @Sendable (String) -> Void) async throws {
        try studio.catalog.setBaseURL(server.baseURL, ofProvider: "sim")
        try studio.catalog.useProvider(named: "sim")
        say("home: \(directory) — simulator on \(server.baseURL)")
        let quiet: StudioEvents = { _ in }

        // A bundled clip: one of the simulator's real 4-second H.264 clips.
        let clipPath = directory + "/cartoon-cat.mp4"
        try FixtureClips.clip(for: "cartoon cat", portrait: false).data.write(to: URL(fileURLWithPath: clipPath))

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

        // Models are data: the same cast on Veo, where a character travels as its reference image.
        let imagePath = directory + "/hero.png"
        try pictureOfHero.write(to: URL(fileURLWithPath: imagePath))
        say("$ troupe character image hero hero.png")
        try studio.setCharacterImage(try Handle("hero"), from: imagePath)
        say("$ troupe video generate \"@hero glides over the night market\" --model veo3.1-fast")
        var veo = GenerateOptions(prompt: .text("@hero glides over the night market"))
        veo.model = VideoModel(rawValue: "veo3.1-fast")
        let glide = try await video(studio, veo, events: quiet)
        say("  \(glide.nodeName) on \(glide.model ?? "?") (\(glide.compiledPrompt ?? ""), with @hero's image)")

        say("$ troupe lineage @owl")
        say(try studio.catalog.lineage(of: .character(try Handle("owl"))).treeText())
        let spent = CostLine.totals(try studio.catalog.costs()).map { Currency.text($0.net, $0.currency) + " " + $0.currency }
        say("spent \(spent.isEmpty ? "nothing" : spent.joined(separator: " and ")) on \(try studio.catalog.tasks().count) simulated calls; every file is in the vault")
    }

    /// A 16×16 PNG (an orange dot on white) standing for a picture of @hero.
    static let pictureOfHero = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAALklEQVR42mP49eMDSYiB7ho+9GigIXwaMFVj6mEgqBpNzwjXQHKwkhNxgyPxAQA0TXTPBLd3hgAAAABJRU5ErkJggg==")!

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
