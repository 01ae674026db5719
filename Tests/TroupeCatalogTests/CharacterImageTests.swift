import Foundation
import GRDB
import Testing
import TroupeDomain
@testable import TroupeCatalog

@Suite struct CharacterImageTests {
    static let sha = String(repeating: "ab", count: 32)

    static func hero(_ catalog: Catalog) throws {
        try catalog.registerCharacter(handle: .test("hero"), id: CharacterID("hero_001"), providerName: "sim")
    }

    @Test(arguments: TestEngine.all) func anImageIsKeptByItsVaultHashAndShownWithItsPath(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try Self.hero(catalog)
        try catalog.recordAsset(Asset(sha256: Self.sha, bytes: 68, mediaType: "image/png"))
        let change = try catalog.setCharacterImage(.test("hero"), to: .vault(sha256: Self.sha))
        #expect(change.previous == nil)
        let hero = try catalog.character(handle: .test("hero"))
        #expect(hero.image == CharacterImage(source: .file, sha256: Self.sha, url: nil))
        let report = try catalog.report(for: hero, vaultPath: "/v")
        #expect(report.image == CharacterReport.Image(source: "file", url: nil, sha256: Self.sha, path: "/v/ab/\(Self.sha).png"))
        #expect(try catalog.imageFile(of: hero, vaultPath: "/v") == "/v/ab/\(Self.sha).png")
        // Every key is always there: `url` is null, not missing.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        let image = try #require(json?["image"] as? [String: Any])
        #expect(Set(image.keys) == ["source", "url", "sha256", "path"] && image["url"] is NSNull)
    }

    @Test(arguments: TestEngine.all) func aNewImageReplacesTheEarlierOneAndClearingRemovesIt(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try Self.hero(catalog)
        try catalog.setCharacterImage(.test("hero"), to: .url("https://img.test/hero.png"))
        try catalog.recordAsset(Asset(sha256: Self.sha, bytes: 68, mediaType: "image/webp"))
        let replaced = try catalog.setCharacterImage(.test("hero"), to: .vault(sha256: Self.sha, source: .clipFrame))
        #expect(replaced.previous == .url("https://img.test/hero.png"))
        #expect(replaced.character.image == .vault(sha256: Self.sha, source: .clipFrame))
        #expect(try catalog.character(handle: .test("hero")).imageURL == nil, "the URL goes with the image it was")
        let cleared = try catalog.setCharacterImage(.test("hero"), to: nil)
        #expect(cleared.previous == .vault(sha256: Self.sha, source: .clipFrame))
        let hero = try catalog.character(handle: .test("hero"))
        #expect(hero.image == nil && hero.imageSource == nil && hero.imageAssetSha256 == nil)
        #expect(try catalog.report(for: hero).image == nil)
        #expect(try catalog.asset(sha256: Self.sha) != nil, "clearing keeps the vault file")
    }

    @Test(arguments: TestEngine.all) func aNonHTTPURLOrAnUnrecordedFileIsRefused(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        try Self.hero(catalog)
        #expect(throws: CatalogError("invalid URL 'file:///etc/passwd': only http:// and https:// URLs are accepted")) {
            try catalog.setCharacterImage(.test("hero"), to: .url("file:///etc/passwd"))
        }
        #expect(throws: CatalogError("no vault file \(Self.sha) in the catalogue: import the image first")) {
            try catalog.setCharacterImage(.test("hero"), to: .vault(sha256: Self.sha))
        }
        #expect(try catalog.character(handle: .test("hero")).image == nil)
        #expect(throws: CatalogError.self) { try catalog.setCharacterImage(.test("nobody"), to: .url("https://img.test/x.png")) }
    }

    @Test func aCatalogueFromBeforeCharacterImagesUpgradesWithItsCharactersImageless() throws {
        let home = TemporaryHome()
        try home.writeCatalogFromMigration0001()
        let catalog = try home.catalog()
        #expect(try catalog.appliedMigrations().contains("0006_character_images"))
        let columns = try catalog.sqlitePool!.read { db in try db.columns(in: "character").map(\.name) }
        #expect(Set(["imageAssetSha256", "imageURL", "imageSource"]).isSubset(of: Set(columns)))
        let hero = try catalog.character(handle: .test("hero"))
        #expect(hero.image == nil && hero.characterId?.rawValue == "cartoon_cat_001")
        try catalog.setCharacterImage(.test("hero"), to: .url("https://img.test/hero.png"))
        #expect(try catalog.character(handle: .test("hero")).image?.url == "https://img.test/hero.png")
        #expect(throws: (any Error).self) {
            try catalog.sqlitePool!.write { db in try db.execute(sql: "UPDATE character SET imageSource = 'guess'") }
        }
        #expect(try catalog.integrityCheck() == "ok")
    }
}
