import Foundation
import Testing
import TroupeDomain
import TroupePrompt
@testable import TroupeCatalog

/// `character rename` takes the saved templates that mention the old handle along.
@Suite struct RenameTests {
    /// The rewrite Studio gives the catalogue: the prompt parser's.
    static func promptRewrite(of old: String, to new: String) -> (String, Set<String>) -> String? {
        { body, known in PromptTemplate.renamingMentions(of: old, to: new, in: body, knownHandles: known) }
    }

    @Test(arguments: TestEngine.all) func renamingRewritesOnlyMentionsOfTheOldHandle(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        for (handle, id) in [("hero", "cat_1"), ("heroine", "cat_2"), ("villain", "owl_1")] {
            _ = try catalog.registerCharacter(handle: .test(handle), id: try CharacterID(id), providerName: "sim")
        }
        try catalog.saveTemplate(name: "duel", body: "@hero meets @heroine and @villain. Mail me@hero.com, then @hero.")
        try catalog.saveTemplate(name: "calm", body: "@heroine sleeps, @@hero too")
        let renamed = try catalog.rename(.test("hero"), to: .test("captain"), rewritingMentions: Self.promptRewrite(of: "hero", to: "captain"))
        #expect(renamed.templates == ["duel"])
        #expect(renamed.character.handle.rawValue == "captain")
        #expect(try catalog.template(named: "duel").body == "@captain meets @heroine and @villain. Mail me@hero.com, then @captain.")
        #expect(try catalog.template(named: "calm").body == "@heroine sleeps, @@hero too")
    }

    @Test(arguments: TestEngine.all) func aRefusedRenameLeavesTheTemplatesAlone(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        _ = try catalog.registerCharacter(handle: .test("hero"), id: try CharacterID("cat_1"), providerName: "sim")
        _ = try catalog.registerCharacter(handle: .test("villain"), id: try CharacterID("owl_1"), providerName: "sim")
        try catalog.saveTemplate(name: "duel", body: "@hero meets @villain")
        #expect(throws: CatalogError("handle @villain is taken: choose another name")) { try catalog.rename(.test("hero"), to: .test("villain"), rewritingMentions: Self.promptRewrite(of: "hero", to: "villain")) }
        #expect(try catalog.template(named: "duel").body == "@hero meets @villain")
    }
}
