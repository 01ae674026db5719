import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TroupeWeb

@Suite struct RangeTests {
    @Test func rangesAreReadAsRFC9110Says() {
        #expect(VaultFiles.parse(nil, size: 10) == .whole)
        #expect(VaultFiles.parse("bytes=0-3", size: 10) == .part(0...3))
        #expect(VaultFiles.parse("bytes=4-", size: 10) == .part(4...9))
        #expect(VaultFiles.parse("bytes=-3", size: 10) == .part(7...9))
        #expect(VaultFiles.parse("bytes=-30", size: 10) == .part(0...9))
        #expect(VaultFiles.parse("bytes=5-400", size: 10) == .part(5...9))
        // Several ranges: the whole file (200), as RFC 9110 allows.
        #expect(VaultFiles.parse("bytes=0-1,4-5", size: 10) == .whole)
        for bad in ["bytes=10-", "bytes=5-2", "items=0-1", "bytes=x-3", "bytes=-0", "bytes=-"] {
            #expect(VaultFiles.parse(bad, size: 10) == .unsatisfiable, "\(bad)")
        }
    }

    @Test func aCataloguedFileIsServedWholeOrInExactParts() async throws {
        let home = try WebHome()
        let bytes = Data((0..<1000).map { UInt8($0 % 251) })
        let video = try home.video("s_68f1a2", prompt: "a cat", bytes: bytes)
        let sha = try #require(video.assetSha256)
        try await home.test(home.app()) { client in
            let whole = try await client.get("/files/" + sha)
            #expect(whole.status == .ok)
            #expect(whole.data == bytes)
            #expect(whole.contentType == "video/mp4")
            #expect(whole.headers[.acceptRanges] == "bytes")
            #expect(hasSecurityHeaders(whole))

            let part = try await client.get("/files/" + sha, headers: [.range: "bytes=100-199"])
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 100-199/1000")
            #expect(part.headers[.contentLength] == "100")
            #expect(part.data == bytes[100...199])

            let tail = try await client.get("/files/" + sha, headers: [.range: "bytes=990-"])
            #expect(tail.status == .partialContent)
            #expect(tail.headers[.contentRange] == "bytes 990-999/1000")
            #expect(tail.data == bytes[990...])

            let several = try await client.get("/files/" + sha, headers: [.range: "bytes=0-1,5-6"])
            #expect(several.status == .ok)
            #expect(several.data == bytes)
            #expect(several.headers[.contentRange] == nil)

            let beyond = try await client.get("/files/" + sha, headers: [.range: "bytes=1000-"])
            #expect(beyond.status == .rangeNotSatisfiable)
            #expect(beyond.headers[.contentRange] == "bytes */1000")
        }
    }

    @Test func onlyHashesTheCatalogueHoldsAreServed() async throws {
        let home = try WebHome()
        try home.video("s_68f1a2", prompt: "a cat", bytes: Data("kept".utf8))
        // A file in the vault's place that the catalogue does not hold.
        let stray = String(repeating: "ab", count: 32)
        let strayPath = home.studio.home.vaultPath + "/ab/" + stray + ".mp4"
        try FileManager.default.createDirectory(atPath: home.studio.home.vaultPath + "/ab", withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: URL(fileURLWithPath: strayPath))
        try await home.test(home.app()) { client in
            for path in ["/files/" + stray, "/files/" + stray.uppercased(), "/files/..%2F..%2Fcatalog.sqlite", "/files/abc"] {
                let response = try await client.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("stray"))
            }
        }
    }
}
