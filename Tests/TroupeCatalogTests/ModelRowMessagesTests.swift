import Foundation
import Testing
import TroupeDomain
@testable import TroupeCatalog

/// The model table's refusals say what is wrong and what to do instead.
@Suite struct ModelRowMessagesTests {
    static func model(_ text: String) -> VideoModel { try! VideoModel(parsing: text) }

    @Test(arguments: TestEngine.all) func removingAKindRowThroughAProviderSaysToUseTheKind(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        #expect(try catalog.models(provider: "sim").contains { $0.name.rawValue == "veo3.1-pro" })
        #expect(throws: CatalogError("model 'veo3.1-pro' on provider sim is the grsai row every grsai provider uses, not provider sim's own: remove it with --kind grsai (`troupe model remove veo3.1-pro --kind grsai`)")) {
            try catalog.removeModel(name: Self.model("veo3.1-pro"), provider: "sim")
        }
        #expect(try catalog.models(kind: .grsai).contains { $0.name.rawValue == "veo3.1-pro" }, "nothing was removed")
        _ = home
    }

    @Test(arguments: TestEngine.all) func aNameTakenInAnotherCaseSaysNamesMatchRegardlessOfCase(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        let upper = ModelSpec(name: Self.model("SORA-2"), providerKind: .grsai, family: .grsaiSora, durations: [10], aspects: [.portrait],
                              sizes: [.small], characterForms: [.id], imageInputs: [.reference], maxReferenceImages: 1,
                              price: ModelPrice(1), currency: "CNY")
        #expect(throws: CatalogError("model 'SORA-2' already exists on grsai as 'sora-2' (names match regardless of case): remove it first (`troupe model remove sora-2 --kind grsai`) or choose another name")) {
            try catalog.addModel(upper)
        }
        _ = home
    }

    @Test(arguments: TestEngine.all) func anUnknownNameOnAKindListsThatKindsModels(engine: TestEngine) throws {
        let home = TemporaryHome(engine)
        let catalog = try home.catalog()
        #expect(throws: CatalogError("unknown model 'sora-2-pro' on grsai: use sora-2, veo3.1-fast, veo3.1-pro (`troupe model list --kind grsai`)")) {
            try catalog.model(named: Self.model("sora-2-pro"), kind: .grsai)
        }
        _ = home
    }
}
