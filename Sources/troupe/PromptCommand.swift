import ArgumentParser
import Foundation
import TroupeDomain
import TroupePrompt
import TroupeStudio

struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Compile prompts: resolve @mentions and {{variables}} for a provider.",
        discussion: """
            Example:
              troupe prompt render "@hero argues with @villain in {{place}}" --var place=Paris
              troupe prompt render --template duel --var place=Paris --provider acedata --json
              troupe prompt render "@hero races @pilot" --model veo3.1-fast
            """,
        subcommands: [Render.self])

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the compiled prompt and its side fields, spending nothing.",
            discussion: """
                The prompt is compiled for a model (--model, else the provider's default): its \
                character forms decide how each @handle travels (a character id, a clip, or a \
                reference image with the character's name in the text). Every problem is listed \
                at once: unknown handles (with the closest known ones), characters not ready or \
                with no form the model takes, too many characters, missing variables, an empty \
                prompt.

                Example:
                  troupe prompt render "@hero argues with @villain" --provider grsai
                  troupe prompt render --template duel --var place=Paris --json
                  troupe prompt render "@hero races @pilot" --model veo3.1-fast --provider grsai
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The prompt text (or use --template).") var prompt: String?
        @Option(help: ArgumentHelp("A saved template to render instead of PROMPT.", valueName: "name")) var template: String?
        @Option(name: .customLong("var"), help: ArgumentHelp("A variable, name=value (repeatable).", valueName: "name=value")) var variables: [String] = []
        @Option(help: ArgumentHelp("The model to compile for (default: the provider's default; `troupe model list`).", valueName: "name"),
                transform: VideoModel.parse) var model: VideoModel?

        func validate() throws {
            if (prompt == nil) == (template == nil) { throw ValidationError("give a PROMPT or --template NAME (one of them)") }
        }

        func run() throws {
            let studio = try global.openStudio()
            let source: PromptSource = template.map { .template(name: $0) } ?? .text(prompt ?? "")
            let rendered = try reportingPromptErrors { try studio.render(source, variables: variables, providerName: global.provider, modelName: model) }
            if global.json { return try Output.json(rendered.report) }
            print(Output.escaped(rendered.compiled.prompt))
            let side = rendered.compiled
            var notes: [String] = ["provider: \(side.provider)"]
            if let model = rendered.model { notes.append("model: \(model)") }
            if !side.referenced.isEmpty { notes.append("features: " + side.referenced.map { "@" + $0 }.joined(separator: ", ")) }
            if let characters = side.characters, !characters.isEmpty {
                notes.append("characters: " + characters.map { $0.id ?? "\($0.url ?? "") [\($0.timestamps ?? "")]" }.joined(separator: ", "))
            }
            if let images = side.referenceImages, !images.isEmpty {
                notes.append("reference images: " + images.map { "@\($0.handle) \(Self.describe($0.image))" }.joined(separator: ", "))
            }
            if let url = side.characterURL {
                notes.append("character_url: \(url) [\(side.characterStart.map { "\($0)" } ?? "?")–\(side.characterEnd.map { "\($0)" } ?? "?")]")
            }
            for note in notes { Output.note(note) }
        }

        static func describe(_ image: PromptImage) -> String {
            switch image {
            case .url(let url): url
            case .file(let path): path
            }
        }
    }
}

/// Prints a prompt error with carets under each problem (stderr), then exits 1.
func reportingPromptErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PromptError {
        Output.note("Error: " + error.formatted())
        throw ExitCode.failure
    }
}

func reportingPromptErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PromptError {
        Output.note("Error: " + error.formatted())
        throw ExitCode.failure
    }
}
