import ArgumentParser
import TroupeStudio

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Save named prompt templates and use them wherever a prompt goes.",
        discussion: """
            Example:
              troupe template add duel "@hero argues with @villain in {{place}}"
              troupe prompt render --template duel --var place=Paris
              troupe template list
            """,
        subcommands: [List.self, Show.self, Add.self, Remove.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a template (its syntax is checked now).",
            discussion: "Example:\n  troupe template add duel \"@hero argues with @villain in {{place}}\"")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The template's name.") var name: String
        @Argument(help: "The template body: text with @mentions and {{variables}}.") var body: String
        @Flag(help: "Overwrite a template of the same name.") var replace = false

        func run() throws {
            let saved = try reportingPromptErrors { try global.openStudio().saveTemplate(name: name, body: body, replace: replace) }
            if global.json { return try Output.json(saved) }
            print("saved template \(name)" + (saved.variables.isEmpty ? "" : " (variables: \(saved.variables.joined(separator: ", ")))"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List saved templates.",
            discussion: "Example:\n  troupe template list --json")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let templates = try global.openStudio().templates()
            if global.json { return try Output.json(templates) }
            if templates.isEmpty { return Output.note("no templates yet: `troupe template add NAME BODY` saves one") }
            Output.table(["NAME", "VARIABLES", "BODY"], templates.map {
                [$0.name, $0.variables.joined(separator: ","), String($0.body.prefix(60))]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one template.",
            discussion: "Example:\n  troupe template show duel")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The template's name.") var name: String

        func run() throws {
            let template = try global.openStudio().template(named: name)
            if global.json { return try Output.json(template) }
            print(Output.escaped(template.body))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a template.",
            discussion: "Example:\n  troupe template remove duel")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The template's name.") var name: String

        func run() throws {
            try global.openStudio().catalog.removeTemplate(named: name)
            if global.json { return try Output.json(["removed": name]) }
            print("removed template \(name)")
        }
    }
}
