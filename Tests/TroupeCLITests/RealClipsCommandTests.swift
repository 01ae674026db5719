import Foundation
import Testing
import TroupeSimulator

/// The demo and `troupe sim serve` hand out the bundled real H.264 clips, so the vault (and the
/// web app) holds moving pictures; `--synthetic-files` keeps the length-true synthetic MP4s.
@Suite struct RealClipsCommandTests {
    /// The bundled clip a vault file starts with, if any.
    static func bundledClip(atPath path: String) throws -> FixtureClip? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return FixtureClips.all.first { data.prefix($0.data.count) == $0.data }
    }

    @Test func theDemoKeepsRealClipsInTheVault() throws {
        let cli = CLIRunner()
        let kept = cli.home + "-demo"
        defer { try? FileManager.default.removeItem(atPath: kept) }
        let demo = try cli.run("demo", "--keep", kept, "--latency", "0.05")
        #expect(demo.status == 0, "\(demo.stderr)")
        let videos = try cli.jsonArray("--home", kept, "video", "list")
        #expect(videos.count >= 4)
        var hashes: Set<String> = []
        for video in videos {
            let asset = try #require(video["asset"] as? [String: Any], "\(video["pid"] ?? "?") has no file")
            let path = try #require(asset["path"] as? String)
            let clip = try #require(try Self.bundledClip(atPath: path), "\(path) is not one of the bundled clips")
            #expect(MP4.duration(of: try Data(contentsOf: URL(fileURLWithPath: path))) == clip.seconds)
            hashes.insert(asset["sha256"] as? String ?? "")
        }
        #expect(hashes.count == videos.count, "every video has a file of its own")
    }

    @Test func simServeHandsOutRealClipsUnlessToldOtherwise() throws {
        for (options, real) in [([String](), true), (["--synthetic-files"], false)] {
            try SimulatorProcess.serving(["--latency", "0.05"] + options) { simulator in
                let cli = CLIRunner()
                try cli.addProvider("s2", kind: "grsai", at: simulator)
                let video = try cli.jsonObject("video", "generate", "a lighthouse at dusk", "--provider", "s2")
                let path = try #require((video["asset"] as? [String: Any])?["path"] as? String, "no file in the vault")
                let seconds = MP4.duration(of: try Data(contentsOf: URL(fileURLWithPath: path)))
                if real {
                    #expect(try Self.bundledClip(atPath: path) != nil, "not a bundled clip")
                    #expect(seconds == 4, "the clip's real length")
                } else {
                    #expect(try Self.bundledClip(atPath: path) == nil)
                    #expect(seconds == (video["duration"] as? Int).map(Double.init), "as long as asked")
                }
            }
        }
    }
}
