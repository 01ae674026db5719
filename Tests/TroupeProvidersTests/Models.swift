import Foundation
import TroupeDomain

/// The preset models the tests' requests name, as the preset table lists them (troupe's
/// own code reads models from the model table).
extension ModelSpec {
    static let grsaiSora2 = ModelSpec(name: VideoModel(rawValue: "sora-2")!, providerKind: .grsai, family: .grsaiSora,
                                      durations: [10, 15], aspects: [.portrait, .landscape], sizes: [.small, .large],
                                      characterForms: [.id, .clip], remix: true, imageInputs: [.reference], maxReferenceImages: 1,
                                      price: ModelPrice(Decimal(string: "0.08")!), currency: "CNY", isDefault: true)
    static let veoFast = veo("veo3.1-fast", price: "0.40")
    static let veoPro = veo("veo3.1-pro", price: "1.20")
    static let acedataSora2 = ModelSpec(name: VideoModel(rawValue: "sora-2")!, providerKind: .acedata, family: .acedataSora, service: "sora",
                                        durations: [10, 15], aspects: [.portrait, .landscape, .square], sizes: [.small, .large],
                                        maxCharacters: 1, characterForms: [.clip], imageInputs: [.reference], maxReferenceImages: 1,
                                        price: ModelPrice(Decimal(string: "0.15")!), currency: "USD", isDefault: true)
    static let acedataSora2Pro = ModelSpec(name: VideoModel(rawValue: "sora-2-pro")!, providerKind: .acedata, family: .acedataSora, service: "sora",
                                           durations: [10, 15, 25], aspects: [.portrait, .landscape, .square], sizes: [.small, .large],
                                           maxCharacters: 1, characterForms: [.clip], imageInputs: [.reference], maxReferenceImages: 1,
                                           price: ModelPrice(Decimal(string: "0.60")!, overrides: [PriceOverride(minDuration: 25, amount: 1)]),
                                           currency: "USD")
    static let seedancePro = seedance("doubao-seedance-1-0-pro-250528", durations: [5, 10], price: "0.30")
    static let seedance2 = seedance("doubao-seedance-2-0-260128", durations: [5, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], price: "0.50")
    static let openaiSora2 = ModelSpec(name: VideoModel(rawValue: "sora-2")!, providerKind: .openai, family: .openaiVideos,
                                       durations: [4, 8, 12], aspects: [.portrait, .landscape], sizes: [.small],
                                       maxCharacters: 2, characterForms: [.id], remix: true, imageInputs: [.reference], maxReferenceImages: 1,
                                       price: ModelPrice(Decimal(string: "0.10")!, per: .second), currency: "USD", isDefault: true)
    static let openaiSora2Pro = ModelSpec(name: VideoModel(rawValue: "sora-2-pro")!, providerKind: .openai, family: .openaiVideos,
                                          durations: [4, 8, 12], aspects: [.portrait, .landscape], sizes: [.small, .large],
                                          maxCharacters: 2, characterForms: [.id], remix: true, imageInputs: [.reference], maxReferenceImages: 1,
                                          price: ModelPrice(Decimal(string: "0.30")!, per: .second,
                                                            overrides: [PriceOverride(size: .large, amount: Decimal(string: "0.50")!)]),
                                          currency: "USD")

    static func veo(_ name: String, price: String) -> ModelSpec {
        ModelSpec(name: VideoModel(rawValue: name)!, providerKind: .grsai, family: .grsaiVeo, durations: [8], aspects: [.landscape, .portrait],
                  maxCharacters: 3, characterForms: [.image], imageInputs: [.reference, .firstFrame, .lastFrame], maxReferenceImages: 3,
                  price: ModelPrice(Decimal(string: price)!), currency: "CNY")
    }

    static func seedance(_ name: String, durations: [Int], price: String) -> ModelSpec {
        ModelSpec(name: VideoModel(rawValue: name)!, providerKind: .acedata, family: .acedataSeedance, service: "seedance", durations: durations,
                  aspects: ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"].map { AspectRatio(rawValue: $0)! },
                  sizes: ["720p", "480p", "1080p"].map { VideoSize(rawValue: $0)! }, maxCharacters: 4, characterForms: [.image],
                  imageInputs: [.reference, .firstFrame, .lastFrame], maxReferenceImages: 4,
                  price: ModelPrice(Decimal(string: price)!), currency: "USD")
    }
}
