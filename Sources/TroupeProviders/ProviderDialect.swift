import Foundation
import TroupeDomain

/// One provider API dialect: validates domain requests, builds wire requests, reads answers.
///
/// Building never sends anything; decoding never crashes: bad input is a `ProviderError`.
public protocol ProviderDialect: Sendable {
    var kind: ProviderKind { get }

    /// Every problem of `request` on this dialect (empty when it can be sent).
    /// `parentKnown`: whether the catalogue knows the pid being remixed.
    func problems(_ request: GenerateRequest, parentKnown: Bool) -> [String]

    /// Validates and builds a generation or remix call.
    func generate(_ request: GenerateRequest, parentKnown: Bool) throws(InvalidRequest) -> WireRequest

    /// Validates and builds a character-from-clip call.
    func uploadCharacter(_ request: UploadCharacterRequest) throws(InvalidRequest) -> WireRequest

    /// Validates and builds a character-from-video call; `sourceKnown`: the catalogue knows the pid.
    func extractCharacter(_ request: ExtractCharacterRequest, sourceKnown: Bool) throws(InvalidRequest) -> WireRequest

    /// The call that reads a task's state (idempotent). `service`: the task's model's service
    /// path (AceData's `/{service}/tasks`; `nil` is `sora`); the other dialects ignore it.
    func poll(taskID: String, service: String?) -> WireRequest

    /// Reads the answer to a submission (generate, remix, character).
    func decodeSubmit(_ response: WireResponse, receivedAt: Date) throws(ProviderError) -> SubmitOutcome

    /// Reads the answer to `poll(taskID:service:)`.
    func decodePoll(_ response: WireResponse, taskID: String, receivedAt: Date) throws(ProviderError) -> TaskSnapshot

    /// Reads a webhook body (after any signature check).
    func decodeWebhook(_ body: Data, receivedAt: Date) throws(ProviderError) -> WebhookNotice

    /// Reads one stream frame (GrsAI only; the others refuse every frame).
    func decodeStreamFrame(_ frame: Data, receivedAt: Date) throws(ProviderError) -> TaskSnapshot
}

extension ProviderDialect {
    /// Dialects without streams refuse every frame.
    public func decodeStreamFrame(_ frame: Data, receivedAt: Date) throws(ProviderError) -> TaskSnapshot {
        throw .malformed("\(kind.rawValue) does not stream task frames")
    }
}

/// The dialect for a provider kind.
public func dialect(for kind: ProviderKind) -> any ProviderDialect {
    switch kind {
    case .grsai: GrsAIDialect()
    case .acedata: AceDataDialect()
    case .openai: OpenAIDialect()
    }
}
