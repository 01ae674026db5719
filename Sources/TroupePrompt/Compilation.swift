import TroupeDomain
/// The state of one compile: mentions and variables collected, characters resolved, text rendered.
struct Compilation {
    /// Where a handle was first mentioned.
    struct Use {
        var range: Range<Int>
        var variable: String?
    }

    let template: PromptTemplate
    let target: PromptTarget
    let known: Set<String>
    let variables: [String: String]
    var problems: [PromptProblem]
    var order: [String] = []
    var uses: [String: Use] = [:]
    var valueTemplates: [String: PromptTemplate] = [:]
    var forms: [String: String] = [:]
    var referenced: [String] = []
    var sideCharacters: [CompiledCharacter] = []
    var aceDataClip: PromptClip?
    var referenceImages: [CompiledReferenceImage] = []

    init(template: PromptTemplate, target: PromptTarget, known: Set<String>, variables: [String: String]) {
        self.template = template
        self.target = target
        self.known = known
        self.variables = variables
        self.problems = template.problems
    }

    mutating func run(_ lookup: some CharacterLookup) throws(PromptError) -> CompiledPrompt {
        collectUses()
        resolve(lookup)
        let prompt = render()
        if prompt.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            let count = template.source.utf8.count
            problems.append(
                PromptProblem(
                    kind: .emptyPrompt,
                    message: count == 0 ? "the prompt is empty" : "the prompt is empty once rendered",
                    range: 0..<count))
        }
        if !problems.isEmpty { throw PromptError(source: template.source, problems: problems) }
        var compiled = CompiledPrompt(prompt: prompt, provider: target.provider, referenced: referenced)
        if !sideCharacters.isEmpty { compiled.characters = sideCharacters }
        if let clip = aceDataClip {
            compiled.characterURL = clip.url
            compiled.characterStart = clip.start
            compiled.characterEnd = clip.end
        }
        if !referenceImages.isEmpty { compiled.referenceImages = referenceImages }
        return compiled
    }

    private mutating func note(_ handle: String, _ range: Range<Int>, variable: String?) {
        if uses[handle] == nil {
            uses[handle] = Use(range: range, variable: variable)
            order.append(handle)
        }
    }

    /// Records mentions (also inside variable values) and missing variables.
    private mutating func collectUses() {
        var missing: Set<String> = []
        for node in template.nodes {
            switch node {
            case .mention(let handle, let range):
                note(handle, range, variable: nil)
            case .variable(let name, let range):
                guard let value = variables[name] else {
                    if missing.insert(name).inserted {
                        problems.append(
                            PromptProblem(
                                kind: .missingVariable,
                                message: "missing variable {{\(name)}}: pass --var \(name)=VALUE",
                                range: range, subject: name))
                    }
                    continue
                }
                guard value.utf8.contains(PromptParser.at) else { continue }
                let parsed =
                    valueTemplates[name]
                    ?? PromptTemplate(parsing: value, knownHandles: known, allowVariables: false)
                valueTemplates[name] = parsed
                for case .mention(let handle, _) in parsed.nodes {
                    note(handle, range, variable: name)
                }
            case .text, .escapedAt:
                continue
            }
        }
    }

    /// Looks up every distinct handle and decides how the dialect writes it.
    private mutating func resolve(_ lookup: some CharacterLookup) {
        var found: [(handle: String, range: Range<Int>)] = []
        let characterForms = order.isEmpty ? [] : target.characterForms
        for handle in order {
            let use = uses[handle]!
            let origin = use.variable.map { " (from {{\($0)}})" } ?? ""
            guard let character = lookup.character(handle: handle) else {
                let nearest = Suggestions.nearest(to: handle, in: known)
                var message = "unknown character @\(handle)\(origin)"
                if !nearest.isEmpty {
                    message += " (did you mean " + nearest.map { "@\($0)" }.joined(separator: " or ") + "?)"
                }
                problems.append(
                    PromptProblem(
                        kind: .unknownCharacter, message: message, range: use.range,
                        subject: handle, suggestions: nearest))
                continue
            }
            found.append((handle, use.range))
            referenced.append(handle)
            if character.status != .ready {
                let why =
                    switch character.status {
                    case .pending: "is still pending: wait until it is ready"
                    case .failed: "failed to be created: make it again"
                    case .retired: "is retired"
                    case .ready: ""
                    }
                problems.append(
                    PromptProblem(
                        kind: .characterNotReady, message: "character @\(handle)\(origin) \(why)",
                        range: use.range, subject: handle))
                continue
            }
            if let form = form(for: character, in: characterForms) {
                forms[handle] = form
            } else {
                problems.append(
                    PromptProblem(
                        kind: .foreignCharacter, message: foreignMessage(character, characterForms) + origin,
                        range: use.range, subject: handle))
            }
        }
        if let limit = target.maxCharacters, found.count > limit {
            let plural = limit == 1 ? "character" : "characters"
            let list = found.map { "@\($0.handle)" }.joined(separator: ", ")
            problems.append(
                PromptProblem(
                    kind: .tooManyCharacters,
                    message:
                        "\(target.label) takes at most \(limit) \(plural), "
                        + "this prompt uses \(found.count): \(list)",
                    range: found[limit].range))
        }
    }

    /// The text that replaces a ready character's mention in the first of `characterForms` it
    /// has, recording side fields; `nil` if it cannot travel.
    private mutating func form(for character: PromptCharacter, in characterForms: [CharacterForm]) -> String? {
        for form in characterForms {
            switch form {
            case .id:
                if let text = idForm(character) { return text }
            case .clip:
                if let text = clipForm(character) { return text }
            case .image:
                guard let image = character.image else { continue }
                referenceImages.append(CompiledReferenceImage(handle: character.handle, image: image))
                return character.displayName
            }
        }
        return nil
    }

    /// The character as its provider character id, in the dialect's way.
    private mutating func idForm(_ character: PromptCharacter) -> String? {
        guard let id = character.characterID, target.acceptsCharacterIDs(from: character.provider) else { return nil }
        switch target.dialect {
        case .grsai:
            return "@" + id
        case .openai:
            sideCharacters.append(.id(id))
            return character.displayName
        case .acedata:
            return nil
        }
    }

    /// The character as a clip sent with the request, in the dialect's way.
    private mutating func clipForm(_ character: PromptCharacter) -> String? {
        guard let clip = character.clip else { return nil }
        switch target.dialect {
        case .grsai:
            sideCharacters.append(.clip(clip))
            return "@character\(sideCharacters.count)"
        case .acedata:
            if aceDataClip == nil { aceDataClip = clip }
            return character.displayName
        case .openai:
            return nil
        }
    }

    private func foreignMessage(_ character: PromptCharacter, _ characterForms: [CharacterForm]) -> String {
        // An image-only character belongs to no provider: say what it has instead.
        if target.model != nil && (characterForms.isEmpty || characterForms.contains(.image)) || character.provider.isEmpty {
            return modelMessage(character, characterForms)
        }
        let here = "\(target.dialect.displayName) provider \(target.provider)"
        let there = "provider \(character.provider)"
        switch target.dialect {
        case .grsai:
            return "character @\(character.handle) belongs to \(there) and has no clip, so it cannot travel to \(here)"
        case .openai:
            return "character @\(character.handle) belongs to \(there), but \(here) needs a character id made on it"
        case .acedata:
            return "character @\(character.handle) has no clip, and \(here) takes characters only as clips"
        }
    }

    /// Why a character cannot travel to a model that takes no characters or takes them as images,
    /// and how to give it an image.
    private func modelMessage(_ character: PromptCharacter, _ characterForms: [CharacterForm]) -> String {
        let here = target.label
        let handle = character.handle
        if characterForms.isEmpty { return "\(here) takes no characters: leave @\(handle) out of the prompt" }
        var has: [String] = []
        if character.characterID != nil {
            has.append(target.acceptsCharacterIDs(from: character.provider)
                ? "a Sora character id" : "a Sora character id made on \(character.provider)")
        }
        if character.clip != nil || character.hasSourceClip { has.append("a clip") }
        if character.image != nil { has.append("a reference image") }
        let what = has.isEmpty ? "nothing \(here) can use" : (has.count == 1 ? "only " : "") + has.joined(separator: " and ")
        let takes = characterForms.map { form in
            switch form {
            case .id: "character ids made on \(target.provider)"
            case .clip: "clips"
            case .image: "reference images"
            }
        }.joined(separator: " or ")
        var message = "character @\(handle) has \(what), and \(here) takes characters only as \(takes)"
        if characterForms.contains(.image) {
            message += ": give it one with `troupe character image \(handle) FILE|URL`"
            if character.hasSourceClip { message += " or `troupe character image \(handle) --from-clip`" }
        }
        return message
    }

    /// Writes the prompt: text byte for byte, mentions in the dialect's form, variables filled in.
    private func render() -> String {
        let source = template.source
        let nodes = template.nodes
        if nodes.isEmpty { return "" }
        if nodes.count == 1, case .text = nodes[0] { return source }
        var result = ""
        result.reserveCapacity(source.utf8.count + 64)
        for node in nodes {
            switch node {
            case .text(let range):
                result += source.slice(range)
            case .escapedAt:
                result += "@"
            case .mention(let handle, let range):
                if let form = forms[handle] { result += form } else { result += source.slice(range) }
            case .variable(let name, let range):
                if !valueTemplates.isEmpty, let parsed = valueTemplates[name] {
                    appendValue(parsed, to: &result)
                } else {
                    if let value = variables[name] { result += value } else { result += source.slice(range) }
                }
            }
        }
        return result
    }

    private func appendValue(_ value: PromptTemplate, to result: inout String) {
        let source = value.source
        for node in value.nodes {
            switch node {
            case .text(let range), .variable(_, let range):
                result += source.slice(range)
            case .escapedAt:
                result += "@"
            case .mention(let handle, let range):
                if let form = forms[handle] { result += form } else { result += source.slice(range) }
            }
        }
    }
}
