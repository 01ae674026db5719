import Foundation
import Testing
@testable import TroupeCatalog

/// Pids are easy to type: a unique prefix names a video, as git takes a commit.
@Suite struct PidResolverTests {
    static func catalogue(_ engine: TestEngine, _ pids: [String]) throws -> (TemporaryHome, Catalog) {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        for pid in pids { try catalog.registerVideo(pid: .test(pid), providerName: "sim") }
        return (home, catalog)
    }

    @Test(arguments: TestEngine.all) func aUniquePrefixNamesItsVideo(engine: TestEngine) throws {
        let (home, catalog) = try Self.catalogue(engine, ["s_68f1a2", "s_68aa01", "s_77bb00"])
        _ = home
        #expect(try catalog.resolvePid("s_68f").rawValue == "s_68f1a2")
        #expect(try catalog.resolvePid("s_7").rawValue == "s_77bb00")
        #expect(try catalog.resolvePid("s_68aa01").rawValue == "s_68aa01")
    }

    @Test(arguments: TestEngine.all) func anExactPidWinsOverLongerOnesItStarts(engine: TestEngine) throws {
        let (home, catalog) = try Self.catalogue(engine, ["s_a1", "s_a10", "s_a11"])
        _ = home
        #expect(try catalog.resolvePid("s_a1").rawValue == "s_a1")
    }

    @Test(arguments: TestEngine.all) func anAmbiguousPrefixListsTheVideosStartingWithIt(engine: TestEngine) throws {
        let (home, catalog) = try Self.catalogue(engine, ["s_68f1a2", "s_68aa01", "s_68b0", "s_77bb00"])
        _ = home
        #expect(throws: CatalogError("ambiguous: 3 videos start with s_68: s_68aa01, s_68b0, s_68f1a2; give more of the pid")) {
            try catalog.resolvePid("s_68")
        }
    }

    @Test(arguments: TestEngine.all) func anUnknownPidGetsTheClosestKnownOnesNotAHintToRegisterIt(engine: TestEngine) throws {
        let (home, catalog) = try Self.catalogue(engine, ["s_68f1a2", "s_99cc00"])
        _ = home
        do {
            _ = try catalog.resolvePid("s_68f1b2")
            Issue.record("expected no match")
        } catch let error as PidNotFound {
            #expect(error.closest == ["s_68f1a2"])
            #expect(error.description == "no video s_68f1b2 in the catalogue: closest s_68f1a2")
        }
        // A typo in a prefix finds the pids that start closest to it.
        #expect(throws: PidNotFound(text: "s_69f", closest: ["s_68f1a2", "s_99cc00"])) { try catalog.resolvePid("s_69f") }
        // Looking a pid up by its full name says the same.
        #expect(throws: PidNotFound(text: "s_68f1b2", closest: ["s_68f1a2"])) { try catalog.video(pid: .test("s_68f1b2")) }
        #expect(throws: CatalogError("invalid pid 'hero': give a pid or the start of one (s_68f1a2, video_abc123), or video#ID")) {
            try catalog.resolvePid("hero")
        }
    }

    @Test(arguments: TestEngine.all) func anUncataloguedPidIsNewWhereOneMayBeRegistered(engine: TestEngine) throws {
        let (home, catalog) = try Self.catalogue(engine, ["s_68f1a2"])
        _ = home
        #expect(try catalog.resolvePidOrNew("s_68f").rawValue == "s_68f1a2")
        #expect(try catalog.resolvePidOrNew("s_0123").rawValue == "s_0123")
    }
}
