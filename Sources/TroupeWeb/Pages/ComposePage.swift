import TroupeCatalog
import TroupeStudio

extension Pages {
    /// `GET /compose`: a prompt editor that compiles as you type (through `POST /api/compile`),
    /// marks unknown or unready `@handles` with suggestions, lists missing `{{variables}}`, shows
    /// the compiled request and its price, and asks before Generate sends. `?prompt=`,
    /// `?provider=` and `?model=` fill it in.
    public static func compose(_ studio: Studio, _ context: PageContext) throws -> String {
        let catalog = studio.catalog
        let providers = try catalog.providers()
        let chosen = try context.value("provider").flatMap { name in providers.first { $0.name == name } } ?? catalog.defaultProvider()
        let models = (try? catalog.models(provider: chosen.name)) ?? []
        let wantedModel = context.value("model")
        let providerOptions = HTML.join(providers.map { provider -> HTML in
            let label = "\(provider.name) (\(provider.kind.rawValue))"
            return provider.name == chosen.name
                ? "<option value=\"\(provider.name)\" selected>\(label)</option>" : "<option value=\"\(provider.name)\">\(label)</option>"
        })
        let modelOptions = HTML.join(models.map { spec -> HTML in
            let name = spec.name.rawValue
            let label = name + (spec.isDefault ? " (default)" : "")
            let selected = wantedModel.map { $0 == name } ?? spec.isDefault
            let forms = spec.characterForms.map(\.rawValue).joined(separator: " ")
            return selected ? "<option value=\"\(name)\" data-forms=\"\(forms)\" selected>\(label)</option>" : "<option value=\"\(name)\" data-forms=\"\(forms)\">\(label)</option>"
        })
        let characters = try catalog.characters()
        let chipButtons = characters.map { character -> HTML in
            let forms = Pages.forms(of: character).map(\.rawValue).sorted().joined(separator: " ")
            return "<button type=\"button\" class=\"chip s-\(character.status.rawValue)\" data-insert=\"@\(character.handle.rawValue) \" data-forms=\"\(forms)\" data-forms-text=\"\(character.formsText)\">@\(character.handle.rawValue)</button>"
        }
        let chips: HTML = characters.isEmpty
            ? "<p class=\"muted\">No characters yet: <code>troupe character upload ./clip.mp4 --clip 0,3 --name hero</code></p>"
            : "<p class=\"cast-chips\">\(HTML.join(chipButtons, separator: " "))</p>"
        let body: HTML = """
            <div class="pagehead"><h1>Compose</h1><p class="lede">Write <code>@handle</code> to cast a character and <code>{{name}}</code> for a value to fill in. It compiles as you type; nothing is sent until you confirm the price.</p></div>
            <div class="split compose">
            <section class="panel">
            <div class="row"><label>Provider <select id="provider" name="provider">\(providerOptions)</select></label>
            <label>Model <select id="model" name="model">\(modelOptions)</select></label></div>
            <label class="wide">Prompt <textarea id="prompt" name="prompt" rows="7" spellcheck="true" placeholder="@hero skateboards through a market at dusk" autofocus>\(context.value("prompt"))</textarea></label>
            \(chips)
            <div id="vars" class="vars"></div>
            <ul id="problems" class="problems" aria-live="polite"></ul>
            <div class="buttons"><button id="generate" type="button" class="primary" disabled>Generate…</button> <span class="muted">Price: <span id="price">—</span></span></div>
            <p id="compose-status" class="action-status" role="status"></p>
            </section>
            <section class="panel"><h2>The request as it would be sent</h2><pre id="request" class="request">Write a prompt to see it.</pre></section>
            </div>
            """
        return Layout.document(title: "Compose", page: "compose", context: context, body: body, confirmDialog: true)
    }
}
