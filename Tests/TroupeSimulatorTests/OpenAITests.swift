import Foundation
import Testing
import TroupeSimulator

@Suite struct OpenAITests {
    static let boundary = "sim-test-boundary"

    static func multipart(_ fields: [(String, String)], file: (name: String, data: Data)? = nil) -> Data {
        var out = Data()
        for (name, value) in fields {
            out += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            out += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"clip.mp4\"\r\n".utf8)
            out += Data("Content-Type: video/mp4\r\n\r\n".utf8)
            out += file.data
            out += Data("\r\n".utf8)
        }
        return out + Data("--\(boundary)--\r\n".utf8)
    }

    @Test func createRetrieveDownloadAndRemix() async throws {
        try await withSimulator { sim in
            let created = try await sim.post("/v1/videos", ["prompt": "a red kite", "seconds": "8", "size": "1280x720"])
            #expect(created.status == .ok)
            #expect(created.json?["object"] == "video")
            #expect(created.json?["status"] == "queued")
            #expect(created.json?["seconds"] == "8")
            let id = try #require(created.json?["id"]?.string)
            #expect(id.hasPrefix("video_"))

            let early = try await sim.get("/v1/videos/\(id)/content")
            #expect(early.status == .notFound)
            #expect(early.json?["error"]?["message"] != nil)

            try await sim.advance(900)
            let done = try await sim.get("/v1/videos/\(id)")
            #expect(done.json?["status"] == "completed")
            #expect(done.json?["progress"] == 100)
            #expect(done.json?["expires_at"]?.number != nil)

            let content = try await sim.get("/v1/videos/\(id)/content")
            #expect(content.headers[.contentType] == "video/mp4")
            #expect(MP4.duration(of: content.data) == 8)

            let remix = try await sim.post("/v1/videos/\(id)/remix", ["prompt": "now at night"])
            #expect(remix.json?["remixed_from_video_id"] == .string(id))

            let list = try await sim.get("/v1/videos?order=asc&limit=1")
            #expect(list.json?["data"]?.array?.count == 1)
            #expect(list.json?["first_id"] == .string(id))
            #expect(list.json?["has_more"] == true)

            let deleted = try await sim.send(.delete, "/v1/videos/\(id)")
            #expect(deleted.json?["deleted"] == true)
            let answer1 = try await sim.get("/v1/videos/\(id)")
            #expect(answer1.status == .notFound)
        }
    }

    @Test func secondsMustBeAString() async throws {
        try await withSimulator { sim in
            let response = try await sim.post("/v1/videos", ["prompt": "x", "seconds": 8])
            #expect(response.status == .badRequest)
            #expect(response.json?["error"]?["param"] == "seconds")
            #expect(response.json?["error"]?["type"] == "invalid_request_error")
        }
    }

    @Test func multipartCreateWithBracketedCharacters() async throws {
        try await withSimulator { sim in
            let clip = MP4.make(seconds: 3, label: "clip")
            let character = try await sim.send(
                .post, "/v1/videos/characters", body: Self.multipart([("name", "Mossy")], file: ("video", clip)),
                contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(character.status == .ok)
            let characterID = try #require(character.json?["id"]?.string)
            #expect(characterID.hasPrefix("char_"))
            #expect(character.json?["name"] == "Mossy")
            let fetched = try await sim.get("/v1/videos/characters/\(characterID)")
            #expect(fetched.json?["name"] == "Mossy")

            let created = try await sim.send(
                .post, "/v1/videos",
                body: Self.multipart([("prompt", "Mossy sails"), ("seconds", "4"), ("characters[][id]", characterID)]),
                contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(created.status == .ok, "\(created.text)")
            #expect(created.json?["prompt"] == "Mossy sails")

            let unknown = try await sim.send(
                .post, "/v1/videos", body: Self.multipart([("prompt", "x"), ("characters[][id]", "char_nope")]),
                contentType: "multipart/form-data; boundary=\(Self.boundary)")
            #expect(unknown.status == .badRequest)
            #expect(unknown.json?["error"]?["param"] == "characters")
        }
    }

    @Test func characterClipsMustBeTwoToFourSecondMP4s() async throws {
        try await withSimulator { sim in
            for (data, word) in [(MP4.make(seconds: 6, label: "x"), "2–4 seconds"), (Data("not a video".utf8), "MP4")] {
                let response = try await sim.send(
                    .post, "/v1/videos/characters", body: Self.multipart([("name", "x")], file: ("video", data)),
                    contentType: "multipart/form-data; boundary=\(Self.boundary)")
                #expect(response.status == .badRequest)
                #expect(response.json?["error"]?["message"]?.string?.contains(word) == true)
            }
        }
    }
}
