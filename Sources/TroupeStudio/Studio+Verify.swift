import Foundation
import TroupeCatalog
import TroupeHTTP

/// The check of one vault file.
public struct AssetCheck: Sendable, Encodable {
    public enum Result: String, Sendable, Encodable {
        case ok
        case missing
        /// The file's hash or size differs from the catalogue's.
        case corrupt
    }

    public var sha256: String
    public var path: String
    public var result: Result
}

extension Studio {
    /// Re-hashes every catalogued vault file and compares it with the catalogue.
    public func verifyAssets() throws -> [AssetCheck] {
        try catalog.assets().map { asset in
            let path = Vault.path(forSHA256: asset.sha256, in: home.vaultPath, mediaType: asset.mediaType)
            guard let (sha, bytes) = try Self.hash(fileAt: path) else {
                return AssetCheck(sha256: asset.sha256, path: path, result: .missing)
            }
            return AssetCheck(sha256: asset.sha256, path: path, result: sha == asset.sha256 && bytes == asset.bytes ? .ok : .corrupt)
        }
    }
}
