/// Where vault files live: `vault/ab/abcdef….mp4`, derived from the hash, never from a server name.
public enum Vault {
    public static func path(forSHA256 sha256: String, in vaultPath: String, mediaType: String) -> String {
        let ext = switch mediaType {
        case "video/mp4": ".mp4"
        case "image/png": ".png"
        case "image/jpeg": ".jpg"
        case "image/webp": ".webp"
        default: ""
        }
        return "\(vaultPath)/\(sha256.prefix(2))/\(sha256)\(ext)"
    }
}
