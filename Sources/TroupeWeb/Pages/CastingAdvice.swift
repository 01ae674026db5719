import TroupeCatalog
import TroupeDomain

extension Pages {
    /// The forms a character has: a provider's id, a clip, a reference image.
    static func forms(of character: CharacterEntry) -> Set<CharacterForm> {
        var forms: Set<CharacterForm> = []
        if character.characterId != nil { forms.insert(.id) }
        if character.clipStart != nil || character.sourceURL != nil || character.sourceAssetSha256 != nil { forms.insert(.clip) }
        if character.imageAssetSha256 != nil || character.imageURL != nil { forms.insert(.image) }
        return forms
    }

    /// A `troupe video generate` line that casts the character on a model that takes one of its
    /// forms: the default provider and model when they do, else `--provider`/`--model` naming one
    /// that does; `nil` when no model of any provider can cast it.
    static func castingCommand(_ catalog: Catalog, _ character: CharacterEntry, prompt: String) -> String? {
        let forms = forms(of: character)
        let quoted = "\"" + prompt.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var providers = (try? catalog.providers()) ?? []
        let fallback = try? catalog.defaultProvider()
        if let fallback, let index = providers.firstIndex(where: { $0.name == fallback.name }) {
            providers.insert(providers.remove(at: index), at: 0)
        }
        for (position, provider) in providers.enumerated() {
            let models = (try? catalog.models(provider: provider.name)) ?? []
            let fitting = models.filter { !forms.isDisjoint(with: $0.characterForms) }
            guard let model = fitting.first(where: \.isDefault) ?? fitting.first else { continue }
            if position == 0 && fallback?.name == provider.name && model.isDefault { return "troupe video generate \(quoted)" }
            return "troupe video generate --provider \(provider.name) --model \(model.name.rawValue) \(quoted)"
        }
        return nil
    }
}
