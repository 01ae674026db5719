/// Where a video stands.
public enum VideoStatus: String, CaseIterable, Sendable, Codable {
    /// Journaled, not yet accepted by the provider.
    case pending
    case running
    case succeeded
    case failed
    /// Sent, but whether the provider took it is not known.
    case unknown
}

/// Where a character stands.
public enum CharacterStatus: String, CaseIterable, Sendable, Codable {
    case pending
    case ready
    case failed
    case retired
}

/// The journal state of a paid call.
public enum TaskState: String, CaseIterable, Sendable, Codable {
    /// Written before sending.
    case prepared
    /// The provider returned a task id.
    case submitted
    case running
    case succeeded
    case failed
    /// Sent, no id back: never resubmitted silently.
    case unknown

    public var isTerminal: Bool { self == .succeeded || self == .failed }
}

/// What a paid call does.
public enum TaskKind: String, CaseIterable, Sendable, Codable {
    case generate
    case remix
    case uploadCharacter = "upload_character"
    case extractCharacter = "extract_character"
}
