import Foundation
import TroupeDomain

/// A model-table row as `--json` shows it (snake_case keys; absent values are `null`; prices are exact decimals).
public struct ModelReport: Encodable, Sendable, Equatable {
    /// A price that applies to some sizes or durations only.
    public struct Override: Encodable, Sendable, Equatable {
        @NullEncoded public var size: String?
        /// From this duration on, in seconds.
        @NullEncoded public var from: Int?
        public var price: Decimal

        enum CodingKeys: String, CodingKey { case size, from, price }
    }

    public var name: String
    public var providerKind: String
    @NullEncoded public var provider: String?
    public var family: String
    @NullEncoded public var service: String?
    public var durations: [Int]
    public var aspects: [String]
    public var sizes: [String]
    @NullEncoded public var maxCharacters: Int?
    public var characterForms: [String]
    public var remix: Bool
    public var imageInputs: [String]
    public var maxReferenceImages: Int
    public var price: Decimal
    public var pricePer: String
    public var priceOverrides: [Override]
    public var currency: String
    public var isDefault: Bool

    public init(_ spec: ModelSpec) {
        name = spec.name.rawValue
        providerKind = spec.providerKind.rawValue
        provider = spec.provider
        family = spec.family.rawValue
        service = spec.service
        durations = spec.durations
        aspects = spec.aspects.map(\.rawValue)
        sizes = spec.sizes.map(\.rawValue)
        maxCharacters = spec.maxCharacters
        characterForms = spec.characterForms.map(\.rawValue)
        remix = spec.remix
        imageInputs = spec.imageInputs.map(\.rawValue)
        maxReferenceImages = spec.maxReferenceImages
        price = spec.price.amount
        pricePer = spec.price.per.rawValue
        priceOverrides = spec.price.overrides.map { Override(size: $0.size?.rawValue, from: $0.minDuration, price: $0.amount) }
        currency = spec.currency
        isDefault = spec.isDefault
    }

    enum CodingKeys: String, CodingKey {
        case name, providerKind = "provider_kind", provider, family, service, durations, aspects, sizes
        case maxCharacters = "max_characters", characterForms = "character_forms", remix, imageInputs = "image_inputs"
        case maxReferenceImages = "max_reference_images", price, pricePer = "price_per", priceOverrides = "price_overrides"
        case currency, isDefault = "default"
    }
}
