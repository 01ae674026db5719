import TroupeDomain

/// The Sora models the tests' requests name (troupe's own code reads models from the model table).
extension VideoModel {
    static let sora2 = VideoModel(rawValue: "sora-2")!
    static let sora2Pro = VideoModel(rawValue: "sora-2-pro")!
}
