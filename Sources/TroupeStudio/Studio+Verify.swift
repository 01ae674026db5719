import Crypto
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
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return AssetCheck(sha256: asset.sha256, path: path, result: .missing)
            }
            defer { try? handle.close() }
            var hasher = SHA256()
            var bytes: Int64 = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
                bytes += Int64(chunk.count)
            }
            let sha = hasher.finalize().hexadecimal
            return AssetCheck(sha256: asset.sha256, path: path, result: sha == asset.sha256 && bytes == asset.bytes ? .ok : .corrupt)
        }
    }
}
