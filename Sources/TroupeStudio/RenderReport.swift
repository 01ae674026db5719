import TroupeCatalog
import TroupePrompt

/// A rendered prompt as `prompt render --json` shows it: the compiled prompt's keys and the model.
public struct RenderReport: Sendable, Encodable {
    public var compiled: CompiledPrompt
    /// The model the prompt was compiled for (null when none).
    @NullEncoded public var model: String?

    enum CodingKeys: String, CodingKey { case model }

    public func encode(to encoder: any Encoder) throws {
        try compiled.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_model, forKey: .model)
    }
}
