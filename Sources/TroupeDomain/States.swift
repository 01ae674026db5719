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

/// A step in a paid call's life: the task's new state and what it means for its video and character.
public enum CallStep: Sendable, CaseIterable {
    /// A new call written to the journal, before anything is sent.
    case journaled
    /// A refused call made ready to be sent again (same journal row).
    case resent
    /// The provider returned a task id (or one was found in its console).
    case submitted
    /// The provider is working on it.
    case running
    /// The provider finished it.
    case succeeded
    /// The provider finished a character task but gave no character id.
    case finishedWithoutCharacter
    /// The provider refused or failed the call.
    case failed
    /// Sent, but whether the provider took it is not known.
    case unknown

    /// The task's state after this step.
    public var taskState: TaskState {
        switch self {
        case .journaled, .resent: .prepared
        case .submitted: .submitted
        case .running: .running
        case .succeeded, .finishedWithoutCharacter: .succeeded
        case .failed: .failed
        case .unknown: .unknown
        }
    }

    /// The status of the task's video after this step.
    public var videoStatus: VideoStatus {
        switch self {
        case .journaled, .resent: .pending
        case .submitted, .running: .running
        case .succeeded, .finishedWithoutCharacter: .succeeded
        case .failed: .failed
        case .unknown: .unknown
        }
    }

    /// The status of the task's character after this step, or `nil` when the step leaves it as it is.
    public var characterStatus: CharacterStatus? {
        switch self {
        case .journaled, .resent: .pending
        case .submitted, .running, .unknown: nil
        case .succeeded: .ready
        case .finishedWithoutCharacter, .failed: .failed
        }
    }
}

extension CharacterStatus {
    /// Retires a character that videos feature (`character remove`), from any status: their lineage stays whole.
    public mutating func retire() { self = .retired }
}
