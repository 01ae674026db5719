import Foundation

/// One video model as the catalogue's model table describes it: where it runs, what it accepts,
/// how characters reach it, and what it costs.
public struct ModelSpec: Sendable, Hashable {
    public var name: VideoModel
    public var providerKind: ProviderKind
    /// The catalogue provider this model belongs to; `nil`: every provider of `providerKind`.
    public var provider: String?
    /// How a request to it is shaped (endpoint and body).
    public var family: RequestFamily
    /// AceData's service path segment (`sora`, `seedance` …: `/{service}/videos`); `nil` elsewhere.
    public var service: String?
    /// The durations it accepts, in seconds; the first is the default.
    public var durations: [Int]
    /// The aspect ratios it accepts; the first is the default.
    public var aspects: [AspectRatio]
    /// The sizes it accepts; the first is the default; empty when the request has no size.
    public var sizes: [VideoSize]
    /// The most distinct characters one prompt may reference (`nil`: no limit).
    public var maxCharacters: Int?
    /// The forms characters may take on it, in order of preference.
    public var characterForms: [CharacterForm]
    /// Whether it can remix an earlier video.
    public var remix: Bool
    /// The image inputs it takes.
    public var imageInputs: [ImageInput]
    /// The most reference images one request may carry (the user's and the characters' together).
    public var maxReferenceImages: Int
    public var price: ModelPrice
    /// The ISO code of the price's currency (`CNY`, `USD`).
    public var currency: String
    /// Whether it is the model a generation on its provider kind uses when none is named.
    public var isDefault: Bool

    public init(name: VideoModel, providerKind: ProviderKind, provider: String? = nil, family: RequestFamily,
                service: String? = nil, durations: [Int], aspects: [AspectRatio], sizes: [VideoSize] = [],
                maxCharacters: Int? = nil, characterForms: [CharacterForm] = [], remix: Bool = false,
                imageInputs: [ImageInput] = [], maxReferenceImages: Int = 0, price: ModelPrice, currency: String,
                isDefault: Bool = false) {
        self.name = name
        self.providerKind = providerKind
        self.provider = provider
        self.family = family
        self.service = service
        self.durations = durations
        self.aspects = aspects
        self.sizes = sizes
        self.maxCharacters = maxCharacters
        self.characterForms = characterForms
        self.remix = remix
        self.imageInputs = imageInputs
        self.maxReferenceImages = maxReferenceImages
        self.price = price
        self.currency = currency
        self.isDefault = isDefault
    }

    /// Where messages say it runs: `veo3.1-fast on grsai`.
    public var label: String { "\(name.rawValue) on \(provider ?? providerKind.rawValue)" }

    public var defaultDuration: Int? { durations.first }
    public var defaultAspect: AspectRatio? { aspects.first }
    public var defaultSize: VideoSize? { sizes.first }

    /// Checks `seconds`; the error says what is allowed.
    public func validate(duration seconds: Int) throws(DomainError) {
        guard durations.contains(seconds) else {
            throw DomainError("duration \(seconds) s is not available for \(label): use \(Self.list(durations.map(String.init)))")
        }
    }

    /// Checks `aspect`; the error says what is allowed.
    public func validate(aspect: AspectRatio) throws(DomainError) {
        guard aspects.contains(aspect) else {
            throw DomainError("aspect ratio \(aspect.rawValue) is not available for \(label): use \(Self.list(aspects.map(\.rawValue)))")
        }
    }

    /// Checks `size`; the error says what is allowed.
    public func validate(size: VideoSize) throws(DomainError) {
        guard sizes.contains(size) else {
            if sizes.isEmpty { throw DomainError("\(label) takes no size: leave --size out") }
            throw DomainError("size \(size.rawValue) is not available for \(label): use \(Self.list(sizes.map(\.rawValue)))")
        }
    }

    /// Checks that it can take `input`.
    public func validate(imageInput input: ImageInput) throws(DomainError) {
        guard imageInputs.contains(input) else {
            let takes = imageInputs.isEmpty ? "no images" : Self.list(imageInputs.map(\.description))
            throw DomainError("\(label) takes no \(input.description) (it takes \(takes))")
        }
    }

    /// Checks that it can remix.
    public func validateRemix() throws(DomainError) {
        guard remix else { throw DomainError("\(label) cannot remix: use a model that can (`troupe model list` shows them)") }
    }

    /// Checks the spec itself: what its family can carry, non-empty choices without repeats,
    /// reachable price overrides, a sane price. Each error names the bad value and what is allowed.
    public func validate() throws(DomainError) {
        guard family.kind == providerKind else {
            throw DomainError("request family \(family.rawValue) belongs to \(family.kind.rawValue), not \(providerKind.rawValue)")
        }
        try checkChoices()
        if let limit = maxCharacters, limit < 0 { throw DomainError("--max-characters \(limit): give 0 or more") }
        for form in characterForms where !family.characterForms.contains(form) {
            throw DomainError("\(family.rawValue) cannot carry characters as \(form.rawValue): use \(Self.list(family.characterForms.map(\.rawValue)))")
        }
        for input in imageInputs where !family.imageInputs.contains(input) {
            throw DomainError("\(family.rawValue) takes no \(input.description): use \(Self.list(family.imageInputs.map(\.rawValue)))")
        }
        if remix && !family.canRemix { throw DomainError("\(family.rawValue) cannot remix") }
        if family.needsService && service == nil { throw DomainError("\(family.rawValue) needs its service path (e.g. --service seedance)") }
        if characterForms.contains(.image) && !imageInputs.contains(.reference) {
            throw DomainError("characters as images need reference images: add reference to --image-inputs")
        }
        try checkReferenceImages()
        guard price.amount >= 0, price.overrides.allSatisfy({ $0.amount >= 0 }) else { throw DomainError("a price cannot be negative") }
        for amount in [price.amount] + price.overrides.map(\.amount) where amount > ModelPrice.limit {
            throw DomainError("price \(ModelPrice.text(amount)) is above the limit of \(ModelPrice.text(ModelPrice.limit)) per \(price.per.rawValue): check the value")
        }
        try checkOverrides()
        guard Currency.isCode(currency) else { throw DomainError("invalid currency '\(currency)': use a three-letter ISO code such as CNY or USD") }
    }

    /// Durations, aspects and sizes: given, each once, and each one the family can send.
    private func checkChoices() throws(DomainError) {
        guard !durations.isEmpty else { throw DomainError("give the durations \(name.rawValue) accepts, 1–600 s each (e.g. --durations 5,10)") }
        if let bad = durations.first(where: { !(1...600).contains($0) }) {
            throw DomainError("duration \(bad) s is out of range: give durations of 1–600 s each (e.g. --durations 5,10)")
        }
        guard !aspects.isEmpty else { throw DomainError("give the aspect ratios \(name.rawValue) accepts (e.g. --aspects 16:9,9:16)") }
        try Self.once(durations.map(String.init), option: "--durations")
        try Self.once(aspects.map(\.rawValue), option: "--aspects")
        try Self.once(sizes.map(\.rawValue), option: "--sizes")
        try Self.once(characterForms.map(\.rawValue), option: "--character-forms")
        try Self.once(imageInputs.map(\.rawValue), option: "--image-inputs")
        for aspect in aspects where !family.aspects.contains(aspect) {
            throw DomainError("aspect ratio \(aspect.rawValue) cannot be sent by \(family.rawValue): it takes \(Self.list(family.aspects.map(\.rawValue)))")
        }
        for size in sizes where !family.sizes.contains(size) {
            if family.sizes.isEmpty {
                throw DomainError("\(family.rawValue) requests have no size, so size \(size.rawValue) cannot be sent: leave --sizes out (a model that makes one size has it in its name, e.g. a -1080p one)")
            }
            throw DomainError("size \(size.rawValue) cannot be sent by \(family.rawValue): it takes \(Self.list(family.sizes.map(\.rawValue)))")
        }
    }

    /// The reference-image count: 0 or more, within the family's, and at least 1 when it takes them.
    private func checkReferenceImages() throws(DomainError) {
        guard maxReferenceImages >= 0 else { throw DomainError("--max-reference-images \(maxReferenceImages): give 0 or more") }
        if let most = family.maxReferenceImages, maxReferenceImages > most {
            throw DomainError("--max-reference-images \(maxReferenceImages) is more than \(family.rawValue) carries: at most \(most)")
        }
        if imageInputs.contains(.reference), maxReferenceImages == 0 {
            throw DomainError("--max-reference-images 0 contradicts reference in --image-inputs: give 1 or more, or leave reference out")
        }
    }

    /// Every price override can match some request: its size is one of the sizes, its `from` within the durations.
    private func checkOverrides() throws(DomainError) {
        for override in price.overrides {
            if let size = override.size, !sizes.contains(size) {
                let have = sizes.isEmpty ? "it has no sizes" : "its sizes are \(Self.list(sizes.map(\.rawValue)))"
                throw DomainError("price override \(override.text) can never apply: size \(size.rawValue) is not one of \(name.rawValue)'s (\(have))")
            }
            if let from = override.minDuration, let longest = durations.max(), from > longest {
                throw DomainError("price override \(override.text) can never apply: its longest duration is \(longest) s")
            }
        }
    }

    /// Refuses a value listed twice.
    static func once(_ values: [String], option: String) throws(DomainError) {
        var seen: Set<String> = []
        for value in values where !seen.insert(value).inserted {
            throw DomainError("\(value) is listed twice in \(option): give each value once")
        }
    }

    static func list(_ items: [String]) -> String { items.joined(separator: ", ") }
}

/// How a request to a model is shaped: its dialect's endpoint and body for that family.
public enum RequestFamily: String, CaseIterable, Sendable, Hashable {
    /// GrsAI `POST /v1/video/sora-video`.
    case grsaiSora = "grsai-sora"
    /// GrsAI `POST /v1/video/veo`.
    case grsaiVeo = "grsai-veo"
    /// AceData `POST /{service}/videos` with the Sora body (`prompt`, `orientation`, `character_url` …).
    case acedataSora = "acedata-sora"
    /// AceData `POST /{service}/videos` with the Seedance body (`content` parts, `ratio`, `resolution`).
    case acedataSeedance = "acedata-seedance"
    /// OpenAI-style `POST /v1/videos`.
    case openaiVideos = "openai-videos"

    public init(parsing text: String) throws(DomainError) {
        guard let family = RequestFamily(rawValue: text.lowercased()) else {
            throw DomainError("unknown request family '\(text)': use one of \(RequestFamily.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = family
    }

    /// The dialect that speaks it.
    public var kind: ProviderKind {
        switch self {
        case .grsaiSora, .grsaiVeo: .grsai
        case .acedataSora, .acedataSeedance: .acedata
        case .openaiVideos: .openai
        }
    }

    /// The character forms its requests can carry.
    public var characterForms: [CharacterForm] {
        switch self {
        case .grsaiSora: [.id, .clip]
        case .grsaiVeo, .acedataSeedance: [.image]
        case .acedataSora: [.clip, .image]
        case .openaiVideos: [.id]
        }
    }

    /// The image inputs its requests can carry.
    public var imageInputs: [ImageInput] {
        switch self {
        case .grsaiSora, .acedataSora, .openaiVideos: [.reference]
        case .grsaiVeo, .acedataSeedance: [.reference, .firstFrame, .lastFrame]
        }
    }

    /// The aspect ratios its body can send.
    public var aspects: [AspectRatio] {
        switch self {
        case .grsaiSora, .openaiVideos: [.portrait, .landscape]
        case .grsaiVeo: [.landscape, .portrait]
        case .acedataSora: [.portrait, .landscape, .square]
        case .acedataSeedance: ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"].map { AspectRatio(rawValue: $0)! }
        }
    }

    /// The sizes its body can send; empty when the body has no size field.
    public var sizes: [VideoSize] {
        switch self {
        case .grsaiSora, .acedataSora: [.small, .large]
        case .grsaiVeo: []
        case .acedataSeedance: ["480p", "720p", "1080p", "4k"].map { VideoSize(rawValue: $0)! }
        case .openaiVideos: [.small, .large] + ["720x1280", "1280x720", "1024x1792", "1792x1024"].map { VideoSize(rawValue: $0)! }
        }
    }

    /// The sizes a model added without `--sizes` gets: what its body sends when none is named.
    public var defaultSizes: [VideoSize] {
        switch self {
        case .grsaiSora, .acedataSora: [.small, .large]
        case .grsaiVeo: []
        case .acedataSeedance: [VideoSize(rawValue: "720p")!]
        case .openaiVideos: [.small]
        }
    }

    /// The most reference images its body carries (`nil`: no known limit).
    public var maxReferenceImages: Int? {
        switch self {
        case .grsaiSora, .openaiVideos: 1
        case .grsaiVeo: 3
        case .acedataSeedance: 4
        case .acedataSora: nil
        }
    }

    /// Whether its requests can remix.
    public var canRemix: Bool { self == .grsaiSora || self == .openaiVideos }

    /// Whether the request path comes from the model's service (AceData).
    public var needsService: Bool { kind == .acedata }

    /// The family a model added without `--family` gets on `kind`.
    public static func standard(for kind: ProviderKind) -> RequestFamily {
        switch kind {
        case .grsai: .grsaiSora
        case .acedata: .acedataSora
        case .openai: .openaiVideos
        }
    }
}

/// How a character reaches a model.
public enum CharacterForm: String, CaseIterable, Sendable, Hashable {
    /// A character id the provider keeps (Sora characters).
    case id
    /// A clip sent with the request, with its time range.
    case clip
    /// A reference image, with the character's name in the text.
    case image

    public init(parsing text: String) throws(DomainError) {
        guard let form = CharacterForm(rawValue: text.lowercased()) else {
            throw DomainError("unknown character form '\(text)': use id, clip or image")
        }
        self = form
    }
}

/// An image a model takes with the prompt.
public enum ImageInput: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Reference images (a character's look, a style).
    case reference
    /// The first frame of the video.
    case firstFrame = "first_frame"
    /// The last frame of the video.
    case lastFrame = "last_frame"

    public init(parsing text: String) throws(DomainError) {
        guard let input = ImageInput(rawValue: text.lowercased().replacingOccurrences(of: "-", with: "_")) else {
            throw DomainError("unknown image input '\(text)': use reference, first_frame or last_frame")
        }
        self = input
    }

    public var description: String {
        switch self {
        case .reference: "reference images"
        case .firstFrame: "first frame"
        case .lastFrame: "last frame"
        }
    }
}

/// What one generation on a model costs: an amount per video or per second, with overrides.
public struct ModelPrice: Sendable, Hashable {
    public var amount: Decimal
    public var per: PriceUnit
    /// The first override that matches a request replaces `amount`.
    public var overrides: [PriceOverride]

    public init(_ amount: Decimal, per: PriceUnit = .video, overrides: [PriceOverride] = []) {
        self.amount = amount
        self.per = per
        self.overrides = overrides
    }

    /// The price of one generation of `duration` seconds at `size`.
    public func total(duration: Int, size: VideoSize?) -> Decimal {
        let rate = overrides.first { $0.matches(duration: duration, size: size) }?.amount ?? amount
        return per == .second ? rate * Decimal(duration) : rate
    }
}

/// What a price is counted by.
public enum PriceUnit: String, CaseIterable, Sendable, Hashable {
    case video
    case second

    public init(parsing text: String) throws(DomainError) {
        guard let unit = PriceUnit(rawValue: text.lowercased()) else {
            throw DomainError("unknown price unit '\(text)': use video or second")
        }
        self = unit
    }
}

/// A price that applies to some sizes or durations only.
public struct PriceOverride: Sendable, Hashable {
    /// Applies at this size only (`nil`: any).
    public var size: VideoSize?
    /// Applies from this duration on (`nil`: any).
    public var minDuration: Int?
    public var amount: Decimal

    public init(size: VideoSize? = nil, minDuration: Int? = nil, amount: Decimal) {
        self.size = size
        self.minDuration = minDuration
        self.amount = amount
    }

    func matches(duration: Int, size: VideoSize?) -> Bool {
        (self.size == nil || self.size == size) && (minDuration.map { duration >= $0 } ?? true)
    }
}
