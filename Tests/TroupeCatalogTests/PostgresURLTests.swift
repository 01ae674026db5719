import Testing
@testable import TroupeCatalog

/// What `--database` takes, and that a password in it is never shown.
@Suite struct PostgresURLTests {
    @Test func aURLIsReadWithItsParametersAndShownWithoutItsPassword() throws {
        let url = try PostgresURL(parsing: "postgres://studio:p%40ss@db.local:6432/troupe?sslmode=require&pool=4&schema=team_a")
        #expect(url.user == "studio" && url.password == "p@ss" && url.host == "db.local" && url.port == 6432)
        #expect(url.database == "troupe" && url.sslMode == "require" && url.poolSize == 4 && url.schema == "team_a")
        #expect(url.redacted == "postgres://studio:***@db.local:6432/troupe?schema=team_a")
        let parameter = try PostgresURL(parsing: "postgresql://studio@[::1]:5432/troupe?password=sekrit")
        #expect(parameter.host == "::1" && parameter.password == "sekrit" && !parameter.redacted.contains("sekrit"))
    }

    @Test(arguments: [
        "postgres://studio@h:5432/db?password=sekrit&pool=0",
        "postgres://studio@h:5432/db?password=sekrit&sslmode=nope",
        "postgres://studio:sekrit@h:5432/db?schema=bad-one",
        "postgres://studio:sekrit@h:5432/db?shema=typo",
        "postgres:/studio:sekrit@h:5432/db",
        "mysql://studio@h/db?password=sekrit",
        "mysql://studio:sekrit@h/db",
    ])
    func aRefusedURLIsNamedWithoutItsPassword(text: String) throws {
        let error = try #require(throws: CatalogError.self) { try CatalogLocation(parsing: text) }
        #expect(!error.message.contains("sekrit"), "\(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test func aFilePathIsAnSQLiteCatalogue() throws {
        #expect(try CatalogLocation(parsing: "/srv/troupe/catalog.sqlite") == .sqlite(path: "/srv/troupe/catalog.sqlite"))
    }
}
