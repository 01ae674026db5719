/// A video model's name, as the provider spells it (`sora-2`, `veo3.1-fast`, `doubao-seedance-1-0-pro-250528`).
///
/// Which models exist, and what each accepts, is data (the catalogue's model table), not code.
public struct VideoModel: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Accepts 1–100 letters, digits and `. _ - : /`, starting with a letter or digit.
    public init(parsing text: String) throws(DomainError) {
        guard let model = VideoModel(rawValue: text) else {
            throw DomainError("invalid model name '\(text)': use 1–100 letters, digits, '.', '_', '-', ':' or '/', starting with a letter or digit (`troupe model list` shows the known ones)")
        }
        self = model
    }

    public var description: String { rawValue }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 100, NameRules.isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { NameRules.isNameByte($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }
    }
}

/// The frame's shape: `W:H` (`9:16`, `16:9`, `1:1`, `21:9` …) or `adaptive`.
public struct AspectRatio: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public static let portrait = AspectRatio(known: "9:16")
    public static let landscape = AspectRatio(known: "16:9")
    public static let square = AspectRatio(known: "1:1")

    private init(known: String) { rawValue = known }

    public init?(rawValue: String) {
        try? self.init(parsing: rawValue)
    }

    /// Accepts `W:H` (1–2 digits each), `adaptive`, or `portrait`, `landscape`, `square`.
    public init(parsing text: String) throws(DomainError) {
        let lower = text.lowercased()
        switch lower {
        case "portrait": self = .portrait
        case "landscape": self = .landscape
        case "square": self = .square
        case "adaptive": rawValue = "adaptive"
        default:
            let parts = lower.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  parts.allSatisfy({ Int($0)! > 0 })
            else {
                throw DomainError("unknown aspect ratio '\(text)': use W:H such as 9:16 (portrait), 16:9 (landscape) or 1:1 (square), or adaptive")
            }
            rawValue = "\(Int(parts[0])!):\(Int(parts[1])!)"
        }
    }

    /// AceData Sora's `orientation` word, for the three ratios it has one for.
    public var orientation: String? {
        switch self {
        case .portrait: "portrait"
        case .landscape: "landscape"
        case .square: "square"
        default: nil
        }
    }

    public var description: String { rawValue }
}

/// Output size: a word (`small`, `large`) or a resolution (`480p`, `720p`, `1080p`, `4k`), as the model takes it.
public struct VideoSize: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public static let small = VideoSize(known: "small")
    public static let large = VideoSize(known: "large")

    private init(known: String) { rawValue = known }

    public init?(rawValue: String) {
        try? self.init(parsing: rawValue)
    }

    /// Accepts 1–16 letters and digits (`small`, `large`, `720p`, `4k` …), in lower case.
    public init(parsing text: String) throws(DomainError) {
        let lower = text.lowercased()
        guard (1...16).contains(lower.utf8.count), lower.utf8.allSatisfy(NameRules.isAlphanumeric) else {
            throw DomainError("unknown size '\(text)': use a size word (small, large) or a resolution (480p, 720p, 1080p, 4k)")
        }
        rawValue = lower
    }

    public var description: String { rawValue }
}
