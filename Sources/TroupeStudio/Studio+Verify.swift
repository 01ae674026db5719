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
        /// A download left unfinished in `vault/incoming` (`task resume` resumes or removes it).
        case partial
    }

    /// The file's SHA-256 as catalogued; nil for a partial download.
    public var sha256: String?
    public var path: String
    public var result: Result
    /// The task a partial download belongs to.
    public var taskId: Int64?

    enum CodingKeys: String, CodingKey {
        case sha256, path, result
        case taskId = "task_id"
    }

    /// Every key on every check, null when it does not apply.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(path, forKey: .path)
        try container.encode(result, forKey: .result)
        try container.encode(taskId, forKey: .taskId)
    }
}

extension Studio {
    /// Re-hashes every catalogued vault file and compares it with the catalogue; then lists the
    /// partial downloads left in `vault/incoming`.
    public func verifyAssets() throws -> [AssetCheck] {
        let files = try catalog.assets().map { asset in
            AssetCheck(sha256: asset.sha256, path: Vault.path(forSHA256: asset.sha256, in: home.vaultPath, mediaType: asset.mediaType),
                       result: try check(asset))
        }
        return files + incomingFiles().map { AssetCheck(sha256: nil, path: $0.path, result: .partial, taskId: $0.taskId) }
    }

    /// Whether a catalogued file is in the vault with the bytes its hash names.
    func check(_ asset: Asset) throws -> AssetCheck.Result {
        let path = Vault.path(forSHA256: asset.sha256, in: home.vaultPath, mediaType: asset.mediaType)
        guard let (sha, bytes) = try Self.hash(fileAt: path) else { return .missing }
        return sha == asset.sha256 && bytes == asset.bytes ? .ok : .corrupt
    }
}
