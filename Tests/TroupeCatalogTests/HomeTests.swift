import Testing
@testable import TroupeCatalog

/// Where the catalogue lives.
@Suite struct HomeTests {
    @Test func homeFollowsOptionThenEnvironment() {
        #expect(TroupeHome.resolve(option: "/a", environment: ["TROUPE_HOME": "/b"]).directory == "/a")
        #expect(TroupeHome.resolve(option: nil, environment: ["TROUPE_HOME": "/b", "XDG_DATA_HOME": "/c"]).directory == "/b")
        #expect(TroupeHome.resolve(option: nil, environment: ["XDG_DATA_HOME": "/c"]).directory == "/c/troupe")
        #expect(TroupeHome.resolve(option: nil, environment: ["HOME": "/h"]).directory == "/h/.local/share/troupe")
        #expect(TroupeHome(directory: "/x").catalogPath == "/x/catalog.sqlite")
    }
}
