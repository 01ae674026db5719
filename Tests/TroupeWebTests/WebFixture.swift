import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeStudio
@testable import TroupeWeb

/// A studio in a temporary home with a small cast, videos (one with a hostile prompt), tasks in
/// two currencies and vault assets recorded; removed when released. No provider is called.
final class WebFixture {
    static let hostile = "<script>alert(1)</script> \"quoted\" & 'single'"
    let directory = FileManager.default.temporaryDirectory.path + "/troupe-web-" + UUID().uuidString
    let studio: Studio
    var catalog: Catalog { studio.catalog }
    let context = PageContext(csrfToken: "tok\"<en>", query: [:])

    init() throws {
        studio = try Studio(home: TroupeHome(directory: directory))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A 64-hex-digit hash made from `seed`.
    static func sha(_ seed: Int) -> String {
        String(repeating: String(format: "%02x", seed % 256), count: 32)
    }

    /// A registered video with a file recorded in the vault.
    @discardableResult
    func video(_ pid: String, prompt: String, parent: String? = nil, features: [String] = [], file seed: Int? = nil,
               duration: Double = 10) throws -> Video {
        var video = try catalog.registerVideo(pid: try Pid(pid), parent: try parent.map { try Pid($0) }, prompt: prompt,
                                              features: try features.map { try Handle($0) }, providerName: "sim")
        if let seed {
            let sha = Self.sha(seed)
            try catalog.recordAsset(Asset(sha256: sha, bytes: 48_000, mediaType: "video/mp4", durationSeconds: duration))
            video.assetSha256 = sha
            video.model = "sora-2"
            try catalog.update(video)
        }
        return try catalog.video(pid: try Pid(pid))
    }

    /// A journaled call on `provider`, moved to `state` with `cost` charged.
    @discardableResult
    func task(provider: String, state: TaskState, cost: Double, prompt: String = "a task") throws -> JournalEntry {
        var entry = try catalog.journalNow(TaskEntry(providerName: provider, kind: .generate, request: "{\"prompt\":\"\(prompt)\"}"),
                                           producing: .video(Video(pid: nil, providerName: provider, origin: .generated, status: .pending, prompt: prompt), features: []))
        entry.task.state = state
        entry.task.attempts = 1
        entry.task.cost = cost
        if state == .unknown { entry.task.errorText = "connection reset <b>after</b> sending" }
        return try catalog.saveNow(entry)
    }

    /// The usual cast and videos: s_a001 → s_b002 (features @hero) → s_c003; @hero extracted from s_a001; @dancer clip-only.
    func seed() throws {
        try video("s_a001", prompt: Self.hostile, file: 1)
        try catalog.registerCharacter(handle: try Handle("hero"), id: try CharacterID("cartoon_cat_001"), providerName: "sim",
                                      from: try Pid("s_a001"), clip: try ClipRange(start: 1, end: 3))
        _ = try catalog.retagCharacter(try Handle("hero"), adding: [try Tag("lead")], removing: [])
        try catalog.registerClipCharacter(handle: try Handle("dancer"), url: "https://cdn.example.com/d.mp4",
                                          clip: try ClipRange(start: 0, end: 3), providerName: "sim")
        try video("s_b002", prompt: "@hero at night", parent: "s_a001", features: ["hero"], file: 2)
        try video("s_c003", prompt: "third take", parent: "s_b002")
    }
}

extension String {
    /// How many times `needle` occurs.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
