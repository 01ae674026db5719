import ArgumentParser
import TroupeCatalog
import TroupeDomain

extension CharacterCommand {
    struct TagCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Add or remove a character's tags (without changes: show them).",
            discussion: """
                +name (or name) adds a tag, -name removes it. Tags are 1–40 letters, digits, \
                '-', '_' or '.', kept in lower case. `troupe character list --tag name` finds them.

                Example:
                  troupe character tag hero +lead +cat -draft
                  troupe character tag hero --json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The character's handle.", transform: Handle.parse) var handle: Handle
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Tags to add (+name) or remove (-name).", valueName: "+tag|-tag"))
        var changes: [String] = []

        func run() throws {
            let changes = try TagChanges(self.changes)
            let catalog = try global.openCatalog()
            let character = changes.isEmpty ? try catalog.character(handle: handle)
                : try catalog.retagCharacter(handle, adding: changes.adding, removing: changes.removing)
            if global.json { return try Output.json(catalog.report(for: character)) }
            let tags = character.tagList
            print("@\(handle): " + (tags.isEmpty ? "no tags" : tags.joined(separator: ", ")))
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a character's notes (empty text clears them).",
            discussion: """
                Example:
                  troupe character note hero "the orange one; best in daylight"
                  troupe character note hero ""
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The character's handle.", transform: Handle.parse) var handle: Handle
        @Argument(help: "The notes (\"\" clears them).") var text: String

        func run() throws {
            let catalog = try global.openCatalog()
            let character = try catalog.setNotes(handle: handle, text)
            if global.json { return try Output.json(catalog.report(for: character)) }
            print(text.isEmpty ? "cleared the notes of @\(handle)" : "noted @\(handle)")
        }
    }
}
