/// A Sora model.
public enum VideoModel: String, CaseIterable, Sendable, Codable {
    case sora2 = "sora-2"
    case sora2Pro = "sora-2-pro"

    public init(parsing text: String) throws(DomainError) {
        guard let model = VideoModel(rawValue: text.lowercased()) else {
            throw DomainError("unknown model '\(text)': use one of \(VideoModel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = model
    }

    /// The durations (seconds) this model accepts through the given dialect.
    public func durations(for kind: ProviderKind) -> [Int] {
        switch (kind, self) {
        case (.grsai, _): [10, 15]
        case (.acedata, .sora2): [10, 15]
        case (.acedata, .sora2Pro): [10, 15, 25]
        case (.openai, _): [4, 8, 12]
        }
    }

    /// Checks `seconds` against this model on `kind`; the error says what is allowed.
    public func validate(duration seconds: Int, for kind: ProviderKind) throws(DomainError) {
        let allowed = durations(for: kind)
        guard allowed.contains(seconds) else {
            throw DomainError("duration \(seconds) s is not available for \(rawValue) on \(kind.rawValue): use \(allowed.map(String.init).joined(separator: ", "))")
        }
    }

    /// Checks that `kind` offers this model.
    public func validate(for kind: ProviderKind) throws(DomainError) {
        guard kind.models.contains(self) else {
            throw DomainError("model \(rawValue) is not available on \(kind.rawValue): use \(kind.models.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// The frame's shape.
public enum AspectRatio: String, CaseIterable, Sendable, Codable {
    case portrait = "9:16"
    case landscape = "16:9"
    case square = "1:1"

    /// Accepts `9:16`, `16:9`, `1:1` or `portrait`, `landscape`, `square`.
    public init(parsing text: String) throws(DomainError) {
        switch text.lowercased() {
        case "9:16", "portrait": self = .portrait
        case "16:9", "landscape": self = .landscape
        case "1:1", "square": self = .square
        default:
            throw DomainError("unknown aspect ratio '\(text)': use 9:16 (portrait), 16:9 (landscape) or 1:1 (square)")
        }
    }

    /// AceData's `orientation` word.
    public var orientation: String {
        switch self {
        case .portrait: "portrait"
        case .landscape: "landscape"
        case .square: "square"
        }
    }

    /// Checks that `kind` accepts this ratio.
    public func validate(for kind: ProviderKind) throws(DomainError) {
        guard kind.aspectRatios.contains(self) else {
            throw DomainError("aspect ratio \(rawValue) is not available on \(kind.rawValue): use \(kind.aspectRatios.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// Output resolution class.
public enum VideoSize: String, CaseIterable, Sendable, Codable {
    case small
    case large

    public init(parsing text: String) throws(DomainError) {
        guard let size = VideoSize(rawValue: text.lowercased()) else {
            throw DomainError("unknown size '\(text)': use small or large")
        }
        self = size
    }
}
