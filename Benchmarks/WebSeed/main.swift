// Fills a new troupe home with the synthetic cast of `scripts/bench-web`, through TroupeCatalog's
// public API (and TroupeStudio's vault import): no SQL here.
//
// Usage: WebSeed TROUPE_HOME CLIPS_DIR
//
// 10,000 videos (prompts, statuses, providers, models, tags, notes; 60 % of the succeeded ones
// play a real clip from CLIPS_DIR, imported into the vault), 500 characters (a fifth extracted
// from videos, each featured in videos), random remix chains, and one 1,000-node remix tree whose
// root it prints as `tree-root s_…`. Deterministic (a fixed seed).
import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeStudio

let videoCount = 10_000
let characterCount = 500
let treeSize = 1_000

let words = ("cat fox owl robot dancer skater knight pilot chef diver market rooftop forest desert harbour "
    + "subway glacier carnival library garden neon rain snow dawn dusk night storm fog sunlight "
    + "slow-motion close-up tracking aerial handheld dolly timelapse vintage anime clay watercolour "
    + "skateboards runs dances jumps sings cooks paints chases hides flies swims laughs waves").split(separator: " ").map(String.init)
let tags = ["keeper", "draft", "client", "b-roll", "music", "promo", "test", "night", "hero-shot", "v2"]
let statuses: [(VideoStatus, Int)] = [(.succeeded, 80), (.failed, 10), (.running, 4), (.pending, 3), (.unknown, 3)]
let providers: [(String, [String])] = [
    ("grsai", ["sora-2", "veo3.1-fast", "veo3.1-pro"]),
    ("acedata", ["sora-2", "sora-2-pro", "doubao-seedance-1-0-pro-250528", "doubao-seedance-2-0-260128"]),
    ("sim", ["sora-2"]),
]
let videoNotes = ["", "", "", "best take so far", "client wants the night version", "colour is off"]

/// SplitMix64: a small deterministic generator, so every run builds the same catalogue.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An ISO-8601 UTC time in 2026, `day` days after 1 January.
func stamp(day: Int, second: Int) -> String {
    let monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    var day = day
    var month = 0
    while day >= monthDays[month] {
        day -= monthDays[month]
        month += 1
    }
    let hours = second / 3600, minutes = second % 3600 / 60, seconds = second % 60
    return String(format: "2026-%02d-%02dT%02d:%02d:%02d.000Z", month + 1, day + 1, hours, minutes, seconds)
}

func pid(_ id: Int) throws -> Pid { try Pid("s_" + String(0x1000_0000 + id, radix: 16)) }

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("WebSeed: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: WebSeed TROUPE_HOME CLIPS_DIR") }
let clipsDirectory = arguments[2]
let started = Date()
var rng = Seeded(state: 16)

do {
    let studio = try Studio(home: TroupeHome(directory: arguments[1]))
    let catalog = studio.catalog

    // The clips, imported into the vault by hash (as `troupe video add --file` does).
    let names = try FileManager.default.contentsOfDirectory(atPath: clipsDirectory).filter { $0.hasSuffix(".mp4") }.sorted()
    let clips = try names.map { try studio.importFile(clipsDirectory + "/" + $0, mediaType: "video/mp4").sha256 }
    guard !clips.isEmpty else { fail("no .mp4 clips in \(clipsDirectory)") }
    let statusDraw = statuses.flatMap { status, weight in Array(repeating: status, count: weight) }
    let tagNames = try tags.map { try Tag($0) }

    // Videos: ids 1…treeSize are the tree (id 1 its root), the rest a forest of random remix chains.
    for number in 1...videoCount {
        let (providerName, models) = providers.randomElement(using: &rng)!
        let prompt = (0..<Int.random(in: 8...30, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
        let parent: Int?
        let status: VideoStatus
        if number <= treeSize {
            // A tree with long chains and fans: mostly the previous take, sometimes any earlier one.
            parent = number == 1 ? nil : (Double.random(in: 0..<1, using: &rng) < 0.7 ? number - 1 : Int.random(in: 1...number - 1, using: &rng))
            status = .succeeded
        } else {
            parent = number > treeSize + 1 && Double.random(in: 0..<1, using: &rng) < 0.3 ? Int.random(in: treeSize + 1...number - 1, using: &rng) : nil
            status = statusDraw.randomElement(using: &rng)!
        }
        var video = Video(pid: try pid(number), providerName: providerName,
                          origin: Double.random(in: 0..<1, using: &rng) < 0.8 ? .generated : .registered, status: status, prompt: prompt)
        video.compiledPrompt = prompt.replacingOccurrences(of: "@", with: "")
        video.model = models.randomElement(using: &rng)!
        video.aspect = ["9:16", "16:9"].randomElement(using: &rng)!
        video.duration = [10, 15].randomElement(using: &rng)!
        video.parentId = parent.map(Int64.init)   // ids follow the insertion order from 1
        video.progress = status == .succeeded ? 100 : Int.random(in: 0..<100, using: &rng)
        video.failureReason = status == .failed ? .provider("content_policy") : nil
        video.assetSha256 = status == .succeeded && Double.random(in: 0..<1, using: &rng) < 0.6 ? clips.randomElement(using: &rng)! : nil
        video.cost = status == .succeeded ? [0.08, 0.15, 0.40, 0.60].randomElement(using: &rng)! : nil
        video.notes = videoNotes.randomElement(using: &rng)!
        let created = stamp(day: number * 365 / (videoCount + 1), second: Int.random(in: 0..<86_400, using: &rng))
        video.createdAt = created
        video.updatedAt = created
        let inserted = try catalog.insert(video)
        guard inserted.id == Int64(number) else { fail("video \(number) got id \(inserted.id ?? 0): seed an empty home") }
        let chosen = Array(tagNames.shuffled(using: &rng).prefix([0, 0, 1, 1, 2].randomElement(using: &rng)!))
        if !chosen.isEmpty { try catalog.retagVideo(id: Int64(number), adding: chosen, removing: []) }
    }

    // Characters: a fifth extracted from a video outside the tree, each featured in videos
    // outside the tree (so the tree's lineage is its 1,000 videos).
    var skipped = 0
    for number in 1...characterCount {
        let providerName = ["grsai", "acedata", "sim"][number % 3]
        let extracted = number % 5 == 0
        let handle = try Handle(words[Int.random(in: 0..<10, using: &rng)] + String(number))
        var character = CharacterEntry(handle: handle, providerName: providerName, characterId: try CharacterID(String(format: "char_%05d", number)),
                                       sourceKind: extracted ? .extract : .registered,
                                       status: ([CharacterStatus](repeating: .ready, count: 8) + [.pending, .retired]).randomElement(using: &rng)!,
                                       clip: extracted ? try ClipRange(start: 1, end: 3) : nil)
        if extracted {
            character.sourceVideoId = Int64(Int.random(in: treeSize + 1...videoCount, using: &rng))
            character.sourceAssetSha256 = clips.randomElement(using: &rng)!
        }
        let created = stamp(day: number * 365 / (characterCount + 1), second: Int.random(in: 0..<86_400, using: &rng))
        character.createdAt = created
        character.updatedAt = created
        let id = try catalog.insert(character).id!
        let characterTags = Array(tags.shuffled(using: &rng).prefix([0, 1, 2].randomElement(using: &rng)!))
        if !characterTags.isEmpty { _ = try catalog.annotateCharacter(handle, notes: nil, tags: characterTags) }
        var featured: [Int] = []
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            let videoId = Int.random(in: treeSize + 1...videoCount, using: &rng)
            if !featured.contains(videoId) { featured.append(videoId) }
        }
        for videoId in featured {
            // An appearance closing a cycle (the video descends from the character's source) is refused.
            do { try catalog.recordAppearances(videoId: Int64(videoId), characterIds: [id]) } catch { skipped += 1 }
        }
    }
    print("tree-root \(try pid(1))")
    FileHandle.standardError.write(Data(String(format: "seeded %d videos, %d characters (%d appearances refused as cycles), %d clips in %.1f s\n",
                                               videoCount, characterCount, skipped, clips.count, Date().timeIntervalSince(started)).utf8))
} catch {
    fail("\(error)")
}
