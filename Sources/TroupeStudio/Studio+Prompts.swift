import Foundation
import TroupeCatalog
import TroupeDomain
import TroupePrompt
import TroupeProviders

/// Where a prompt comes from: text on the command line or a saved template.
public enum PromptSource: Sendable, Equatable {
    case text(String)
    case template(name: String)
}

/// A compiled prompt and what it was compiled from.
public struct RenderedPrompt: Sendable {
    public var compiled: CompiledPrompt
    /// The prompt as written (the template body when it came from one).
    public var source: String
    /// The prompt as written with its variables filled in (mentions as written): what a video
    /// made from a template shows as its prompt.
    public var filled: String
    /// The model it was compiled for (nil when the provider has none to compile for).
    public var model: String? = nil

    /// `--json` of `prompt render`: the compiled prompt's keys and `model`.
    public var report: RenderReport { RenderReport(compiled: compiled, model: model) }
}

extension Studio {
    /// What the compiler needs to know about `provider`: its dialect, which other providers'
    /// character ids it accepts and, when known, the model (its character forms and limit).
    public func promptTarget(for provider: Provider, model: ModelSpec? = nil) throws -> PromptTarget {
        var shares: Set<String> = []
        if provider.kind == .grsai, let host = URL(string: provider.baseURL)?.host, GrsAIDialect.hosts.contains(host) {
            for other in try catalog.providers() where other.kind == .grsai {
                if let otherHost = URL(string: other.baseURL)?.host, GrsAIDialect.hosts.contains(otherHost) { shares.insert(other.name) }
            }
        }
        return PromptTarget(provider: provider.name, dialect: provider.kind, sharesCharacterIDsWith: shares, model: model)
    }

    /// Every catalogued character as the compiler sees it.
    public func characterTable() throws -> CharacterTable {
        let kinds = Dictionary(uniqueKeysWithValues: try catalog.providers().map { ($0.name, $0.kind) })
        return CharacterTable(try catalog.characters().map { entry in
            let providerName = entry.providerName ?? ""
            let clip: PromptClip? = if let url = entry.sourceURL, let range = entry.clip {
                PromptClip(url: url, start: range.start, end: range.end)
            } else {
                nil
            }
            return PromptCharacter(handle: entry.handle.rawValue, provider: providerName,
                                   dialect: kinds[providerName] ?? .grsai,
                                   characterID: entry.characterId?.rawValue, clip: clip, status: entry.status,
                                   image: try promptImage(of: entry), hasSourceClip: Self.hasSourceClip(entry))
        })
    }

    /// Compiles a prompt for a provider, spending nothing. `variables` are `name=value` strings;
    /// `characters` and `target` reuse what is already loaded (a batch compiles many prompts
    /// against the same ones); without `target`, the prompt is compiled for `model`, else for the
    /// model named `modelName` on the provider, else for the provider's default model.
    public func render(_ source: PromptSource, variables: [String], providerName: String?,
                       characters: CharacterTable? = nil, target: PromptTarget? = nil, model: ModelSpec? = nil,
                       modelName: VideoModel? = nil) throws -> RenderedPrompt {
        let target = try target ?? {
            let provider = try provider(named: providerName)
            return try promptTarget(for: provider, model: model ?? modelSpec(named: modelName, for: provider))
        }()
        let text = try self.text(of: source)
        let values = try VariableAssignments.parse(variables)
        let compiled = try PromptCompiler.compile(text, for: target, lookup: try characters ?? characterTable(), variables: values)
        let filled = values.isEmpty ? text : PromptTemplate(parsing: text, knownHandles: Set(compiled.referenced)).filled(with: values)
        return RenderedPrompt(compiled: compiled, source: text, filled: filled, model: target.model?.name.rawValue)
    }

    /// The text of a prompt: itself, or the saved template's body.
    public func text(of source: PromptSource) throws -> String {
        switch source {
        case .text(let text): text
        case .template(let name): try catalog.template(named: name).body
        }
    }

    /// Saves a named template after checking its syntax.
    @discardableResult
    public func saveTemplate(name: String, body: String, replace: Bool) throws -> SavedTemplate {
        let saved = try SavedTemplate(name: name, body: body)
        try catalog.saveTemplate(name: name, body: body, replace: replace)
        return saved
    }

    /// The saved templates with the variables each uses.
    public func templates() throws -> [SavedTemplate] {
        try catalog.templates().compactMap { try? SavedTemplate(name: $0.name, body: $0.body) }
    }

    /// One saved template.
    public func template(named name: String) throws -> SavedTemplate {
        let stored = try catalog.template(named: name)
        return try SavedTemplate(name: stored.name, body: stored.body)
    }
}

extension Studio {
    /// Gives a character a new handle and rewrites the saved templates that mention the old one,
    /// in the same transaction, so that no template is left naming a handle that is gone.
    public func renameCharacter(_ old: Handle, to new: Handle) throws -> CharacterRename {
        try catalog.rename(old, to: new) { body, knownHandles in
            PromptTemplate.renamingMentions(of: old.rawValue, to: new.rawValue, in: body, knownHandles: knownHandles)
        }
    }
}
