import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeProviders

extension Studio {
    /// The model a generation on `provider` uses: the one named, else the provider kind's default.
    ///
    /// Every caller resolves its model here (generation, batch plan, reconcile, polling), so that
    /// the catalogue's model table replaces `ModelPresets` in one place.
    public func modelSpec(named name: VideoModel?, for provider: Provider) throws -> ModelSpec {
        let models = ModelPresets.all.filter { $0.providerKind == provider.kind }
        if let name {
            if let model = models.first(where: { $0.name == name }) { return model }
            throw StudioError("unknown model '\(name.rawValue)' on provider \(provider.name) (\(provider.kind.rawValue)): use \(models.map(\.name.rawValue).joined(separator: ", "))")
        }
        guard let model = models.first(where: \.isDefault) ?? models.first else {
            throw StudioError("provider \(provider.name) (\(provider.kind.rawValue)) has no default model: name one with --model")
        }
        return model
    }

    /// The service path a task is polled on (AceData's `/{service}/tasks`): the one its journaled
    /// request was sent to, else its video's model's; `nil` for the other dialects.
    func pollService(of entry: JournalEntry, provider: Provider) -> String? {
        guard provider.kind == .acedata else { return nil }
        let path = WireRequest(preview: entry.task.request)?.path.split(separator: "/") ?? []
        if path.count == 2, path[1] == "videos" { return String(path[0]) }
        guard let video = entry.video else { return nil }
        return (try? modelSpec(named: video.model.flatMap { VideoModel(rawValue: $0) }, for: provider))?.service
    }
}

/// The preset models (the catalogue seeds the same rows): a stand-in until the model table lands.
enum ModelPresets {
    static let all: [ModelSpec] = [
        spec("sora-2", .grsai, .grsaiSora, durations: [10, 15], aspects: ["9:16", "16:9"], sizes: ["small", "large"],
             maxCharacters: nil, forms: [.id, .clip], remix: true, inputs: [.reference], images: 1,
             price: ModelPrice(Decimal(string: "0.08")!), currency: "CNY", isDefault: true),
        spec("veo3.1-fast", .grsai, .grsaiVeo, durations: [8], aspects: ["16:9", "9:16"], sizes: [],
             maxCharacters: 3, forms: [.image], remix: false, inputs: [.reference, .firstFrame, .lastFrame], images: 3,
             price: ModelPrice(Decimal(string: "0.40")!), currency: "CNY"),
        spec("veo3.1-pro", .grsai, .grsaiVeo, durations: [8], aspects: ["16:9", "9:16"], sizes: [],
             maxCharacters: 3, forms: [.image], remix: false, inputs: [.reference, .firstFrame, .lastFrame], images: 3,
             price: ModelPrice(Decimal(string: "1.20")!), currency: "CNY"),
        spec("sora-2", .acedata, .acedataSora, service: "sora", durations: [10, 15], aspects: ["9:16", "16:9", "1:1"],
             sizes: ["small", "large"], maxCharacters: 1, forms: [.clip], remix: false, inputs: [.reference], images: 1,
             price: ModelPrice(Decimal(string: "0.15")!), currency: "USD", isDefault: true),
        spec("sora-2-pro", .acedata, .acedataSora, service: "sora", durations: [10, 15, 25], aspects: ["9:16", "16:9", "1:1"],
             sizes: ["small", "large"], maxCharacters: 1, forms: [.clip], remix: false, inputs: [.reference], images: 1,
             price: ModelPrice(Decimal(string: "0.60")!, overrides: [PriceOverride(minDuration: 25, amount: Decimal(string: "1.00")!)]),
             currency: "USD"),
        seedance("doubao-seedance-1-0-pro-250528", durations: [5, 10], price: "0.30"),
        seedance("doubao-seedance-1-0-pro-fast-251015", durations: [5, 10], price: "0.15"),
        seedance("doubao-seedance-2-0-260128", durations: [5, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], price: "0.50"),
        spec("sora-2", .openai, .openaiVideos, durations: [4, 8, 12], aspects: ["9:16", "16:9"], sizes: ["small"],
             maxCharacters: 2, forms: [.id], remix: true, inputs: [.reference], images: 1,
             price: ModelPrice(Decimal(string: "0.10")!, per: .second), currency: "USD", isDefault: true),
        spec("sora-2-pro", .openai, .openaiVideos, durations: [4, 8, 12], aspects: ["9:16", "16:9"], sizes: ["small", "large"],
             maxCharacters: 2, forms: [.id], remix: true, inputs: [.reference], images: 1,
             price: ModelPrice(Decimal(string: "0.30")!, per: .second, overrides: [PriceOverride(size: .large, amount: Decimal(string: "0.50")!)]),
             currency: "USD"),
    ]

    static func seedance(_ name: String, durations: [Int], price: String) -> ModelSpec {
        spec(name, .acedata, .acedataSeedance, service: "seedance", durations: durations,
             aspects: ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"], sizes: ["720p", "480p", "1080p"],
             maxCharacters: 4, forms: [.image], remix: false, inputs: [.reference, .firstFrame, .lastFrame], images: 4,
             price: ModelPrice(Decimal(string: price)!), currency: "USD")
    }

    static func spec(_ name: String, _ kind: ProviderKind, _ family: RequestFamily, service: String? = nil, durations: [Int],
                     aspects: [String], sizes: [String], maxCharacters: Int?, forms: [CharacterForm], remix: Bool,
                     inputs: [ImageInput], images: Int, price: ModelPrice, currency: String, isDefault: Bool = false) -> ModelSpec {
        ModelSpec(name: VideoModel(rawValue: name)!, providerKind: kind, family: family, service: service, durations: durations,
                  aspects: aspects.map { AspectRatio(rawValue: $0)! }, sizes: sizes.map { VideoSize(rawValue: $0)! },
                  maxCharacters: maxCharacters, characterForms: forms, remix: remix, imageInputs: inputs,
                  maxReferenceImages: images, price: price, currency: currency, isDefault: isDefault)
    }
}
