import TroupeDomain

extension Catalog {
    /// Saved templates, by name.
    public func templates() throws -> [Template] {
        try writer.read { db in try db.all(Template.self, orderedBy: "name") }
    }

    /// The template called `name`.
    public func template(named name: String) throws -> Template {
        try writer.read { db in
            if let template = try db.find(Template.self, key: name) { return template }
            let known = try db.values(String.self, "SELECT name FROM template")
            let near = Suggestions.nearest(to: name, in: Set(known))
            throw CatalogError("no template '\(name)'" + (near.isEmpty ? ": `troupe template list` shows them" : ": did you mean \(near.joined(separator: ", "))?"))
        }
    }

    /// Saves a template, replacing one of the same name when `replace` is set.
    @discardableResult
    public func saveTemplate(name: String, body: String, replace: Bool = false) throws -> Template {
        _ = try Handle(name)
        return try writer.write { db in
            if var existing = try db.find(Template.self, key: name) {
                guard replace else { throw CatalogError("template '\(name)' already exists: use --replace to overwrite it") }
                existing.body = body
                existing.updatedAt = Timestamp.now()
                try db.update(existing)
                return existing
            }
            var template = Template(name: name, body: body)
            try db.insert(&template, orSay: "template '\(name)' already exists: use --replace to overwrite it")
            return template
        }
    }

    /// Removes a template.
    public func removeTemplate(named name: String) throws {
        try writer.write { db in
            guard try db.delete(Template.self, key: name) else {
                throw CatalogError("no template '\(name)': `troupe template list` shows them")
            }
        }
    }

    /// Rewrites every saved template whose body `rewrite` changes (it returns nil for one it
    /// leaves alone); returns their names.
    static func rewriteTemplates(_ db: any SQLConnection, _ rewrite: (String) -> String?) throws -> [String] {
        var renamed: [String] = []
        for var template in try db.all(Template.self, orderedBy: "name") {
            guard let body = rewrite(template.body), body != template.body else { continue }
            template.body = body
            template.updatedAt = Timestamp.now()
            try db.update(template)
            renamed.append(template.name)
        }
        return renamed
    }
}

/// What `character rename` did.
public struct CharacterRename: Sendable {
    public var character: CharacterEntry
    /// The saved templates whose mentions were rewritten, by name.
    public var templates: [String]
}
