import Foundation
import TroupeDomain

/// A row of the model table as stored: lists as comma-separated text in order, prices as decimal text.
struct ModelRow: Codable, Sendable, Equatable, SQLRecord {
    var id: Int64?
    var name: String
    var providerKind: String
    /// `nil`: every provider of `providerKind`.
    var providerName: String?
    var family: String
    var service: String?
    var durations: String
    var aspects: String
    var sizes: String
    /// `nil`: no limit.
    var maxCharacters: Int?
    var characterForms: String
    var remix: Bool
    var imageInputs: String
    var maxReferenceImages: Int
    var price: String
    var priceUnit: String
    /// `size=large:0.50,from=25:1.00`: the first that matches wins.
    var priceOverrides: String
    var currency: String
    var isDefault: Bool

    static let databaseTableName = "model"

    init(_ spec: ModelSpec) {
        func joined(_ items: [String]) -> String { items.joined(separator: ",") }
        name = spec.name.rawValue
        providerKind = spec.providerKind.rawValue
        providerName = spec.provider
        family = spec.family.rawValue
        service = spec.service
        durations = joined(spec.durations.map(String.init))
        aspects = joined(spec.aspects.map(\.rawValue))
        sizes = joined(spec.sizes.map(\.rawValue))
        maxCharacters = spec.maxCharacters
        characterForms = joined(spec.characterForms.map(\.rawValue))
        remix = spec.remix
        imageInputs = joined(spec.imageInputs.map(\.rawValue))
        maxReferenceImages = spec.maxReferenceImages
        price = ModelPrice.text(spec.price.amount)
        priceUnit = spec.price.per.rawValue
        priceOverrides = joined(spec.price.overrides.map(\.text))
        currency = spec.currency
        isDefault = spec.isDefault
    }

    /// The row read back exactly as it was written; a row edited by hand into something else is named.
    func spec() throws -> ModelSpec {
        func damaged(_ column: String) -> CatalogError {
            CatalogError("the model table's row '\(name)' has an unreadable \(column): remove it with `troupe model remove` and add it again")
        }
        func list<T>(_ text: String, _ column: String, _ parse: (String) throws -> T) throws -> [T] {
            if text.isEmpty { return [] }
            do { return try text.split(separator: ",", omittingEmptySubsequences: false).map { try parse(String($0)) } } catch { throw damaged(column) }
        }
        guard let model = VideoModel(rawValue: name) else { throw damaged("name") }
        guard let kind = ProviderKind(rawValue: providerKind) else { throw damaged("provider kind") }
        guard let requestFamily = RequestFamily(rawValue: family) else { throw damaged("family") }
        guard let unit = PriceUnit(rawValue: priceUnit) else { throw damaged("price unit") }
        let amount: Decimal
        do { amount = try ModelPrice.amount(parsing: price) } catch { throw damaged("price") }
        let seconds = try list(durations, "durations") { text -> Int in
            guard let seconds = Int(text) else { throw damaged("durations") }
            return seconds
        }
        return ModelSpec(
            name: model, providerKind: kind, provider: providerName, family: requestFamily, service: service,
            durations: seconds, aspects: try list(aspects, "aspects") { try AspectRatio(parsing: $0) },
            sizes: try list(sizes, "sizes") { try VideoSize(parsing: $0) }, maxCharacters: maxCharacters,
            characterForms: try list(characterForms, "character forms") { try CharacterForm(parsing: $0) }, remix: remix,
            imageInputs: try list(imageInputs, "image inputs") { try ImageInput(parsing: $0) }, maxReferenceImages: maxReferenceImages,
            price: ModelPrice(amount, per: unit, overrides: try list(priceOverrides, "price overrides") { try PriceOverride(parsing: $0) }),
            currency: currency, isDefault: isDefault)
    }
}
