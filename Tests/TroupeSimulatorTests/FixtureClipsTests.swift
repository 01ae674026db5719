import Foundation
import Testing
import TroupeSimulator

/// The real H.264 clips the simulator serves: embedded as committed, playable, truthful about
/// their length, and served as results (with distinct bytes per video) when `realClips` is on.
@Suite struct FixtureClipsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/clips")

    @Test func theEmbeddedClipsAreTheCommittedFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".mp4") }.sorted()
        #expect(files.count >= 4 && files.count <= 6)
        #expect(FixtureClips.all.map(\.name) == files, "run scripts/make-fixture-clips after changing fixtures/clips")
        for clip in FixtureClips.all {
            let committed = try Data(contentsOf: Self.fixtures.appendingPathComponent(clip.name))
            #expect(clip.data == committed, "\(clip.name) differs from fixtures/clips: run scripts/make-fixture-clips")
        }
    }

    @Test func eachClipIsASmallDistinctH264MP4OfFourSeconds() {
        #expect(Set(FixtureClips.all.map(\.data)).count == FixtureClips.all.count, "the clips are distinct")
        #expect(FixtureClips.all.contains { $0.portrait } && FixtureClips.all.contains { !$0.portrait })
        for clip in FixtureClips.all {
            #expect(String(decoding: clip.data[4..<8], as: UTF8.self) == "ftyp", "\(clip.name)")
            #expect(clip.seconds == 4, "\(clip.name) is \(clip.seconds) s")
            #expect(clip.data.range(of: Data("avc1".utf8)) != nil && clip.data.range(of: Data("avcC".utf8)) != nil, "\(clip.name) is H.264")
            #expect(clip.data.count > 4_000 && clip.data.count < 100_000, "\(clip.name) is \(clip.data.count) bytes")
            // faststart: the moov box comes before the mdat box, so a browser can play while loading.
            let moov = clip.data.range(of: Data("moov".utf8))?.lowerBound ?? .max
            let mdat = clip.data.range(of: Data("mdat".utf8))?.lowerBound ?? .min
            #expect(moov < mdat, "\(clip.name) is not faststart")
        }
    }

    @Test func aResultFileIsTheSameClipForTheSameVideoAndDiffersPerVideo() {
        let one = FixtureClips.file(for: "s_abc", portrait: false)
        #expect(one == FixtureClips.file(for: "s_abc", portrait: false))
        #expect(one != FixtureClips.file(for: "s_abd", portrait: false))
        #expect(MP4.duration(of: one) == 4)
        let clip = FixtureClips.clip(for: "s_abc", portrait: false)
        #expect(!clip.portrait && one.prefix(clip.data.count) == clip.data, "the clip, then a free box")
        #expect(FixtureClips.clip(for: "s_abc", portrait: true).portrait)
        let chosen = Set((0..<40).map { FixtureClips.clip(for: "s_\($0)", portrait: false).name })
        #expect(chosen.count > 1, "videos do not all get the same clip")
    }

    @Test func theSimulatorServesARealClipWhenAsked() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 1, seed: 8, realClips: true)) { sim in
            var files: [Data] = []
            for aspect in ["9:16", "16:9"] {
                let submit = try await sim.post(
                    "/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1", "duration": 15, "aspectRatio": .string(aspect)])
                try await sim.advance(3600)
                let poll = try await sim.post("/v1/draw/result", ["id": .string(submit.json?["data"]?["id"]?.string ?? "")])
                let url = try #require(poll.json?["data"]?["results"]?.array?.first?["url"]?.string)
                let file = try await sim.get(pathAndQuery(url), key: nil)
                #expect(file.status == .ok && file.headers[.contentType] == "video/mp4")
                #expect(MP4.duration(of: file.data) == 4, "the clip's real length, not the 15 s asked")
                let clip = try #require(FixtureClips.all.first { file.data.prefix($0.data.count) == $0.data }, "one of the bundled clips")
                #expect(clip.portrait == (aspect == "9:16"))
                files.append(file.data)
            }
            #expect(files[0] != files[1])
        }
    }

    @Test func theOpenAIContentIsARealClipWhenAsked() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 1, seed: 9, realClips: true)) { sim in
            let made = try await sim.post("/v1/videos", ["model": "sora-2", "prompt": "x", "seconds": "8", "size": "1280x720"])
            let id = try #require(made.json?["id"]?.string)
            try await sim.advance(3600)
            let content = try await sim.get("/v1/videos/\(id)/content")
            #expect(content.status == .ok && MP4.duration(of: content.data) == 4)
            #expect(FixtureClips.all.contains { !$0.portrait && content.data.prefix($0.data.count) == $0.data })
        }
    }
}
