import Foundation
import Testing
import TroupeSimulator

@Suite struct FilesTests {
    @Test func mp4HasTheBoxesAndTheRequestedDuration() {
        let data = MP4.make(seconds: 15, label: "s_abc")
        #expect(String(decoding: data[4..<8], as: UTF8.self) == "ftyp")
        #expect(String(decoding: data, as: UTF8.self).contains("moov"))
        #expect(String(decoding: data, as: UTF8.self).contains("mvhd"))
        #expect(String(decoding: data, as: UTF8.self).contains("mdat"))
        #expect(MP4.duration(of: data) == 15)
        #expect(MP4.make(seconds: 15, label: "s_abc") != MP4.make(seconds: 15, label: "s_def"))
    }

    @Test func signedURLServesTheVideoUntilItExpires() async throws {
        try await withSimulator(SimulatorConfiguration(latency: 1, urlTTL: 7200, seed: 8)) { sim in
            let submit = try await sim.post(
                "/v1/video/sora-video", ["model": "sora-2", "prompt": "x", "webHook": "-1", "duration": 15])
            try await sim.advance(2)
            let poll = try await sim.post("/v1/draw/result", ["id": .string(submit.json?["data"]?["id"]?.string ?? "")])
            let url = try #require(poll.json?["data"]?["results"]?.array?.first?["url"]?.string)
            let path = pathAndQuery(url)

            let file = try await sim.get(path, key: nil)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "video/mp4")
            #expect(MP4.duration(of: file.data) == 15)

            let tampered = path.replacingOccurrences(of: "sig=", with: "sig=0")
            let answer1 = try await sim.get(tampered, key: nil)
            #expect(answer1.status == .forbidden)
            let otherExpiry = path.replacingOccurrences(of: "se=20", with: "se=21")
            let answer2 = try await sim.get(otherExpiry, key: nil)
            #expect(answer2.status == .forbidden)

            try await sim.advance(7200)
            let expired = try await sim.get(path, key: nil)
            #expect(expired.status == .forbidden)
            #expect(expired.text.contains("expired"))
        }
    }
}
