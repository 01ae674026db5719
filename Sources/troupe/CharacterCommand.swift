import ArgumentParser
import TroupeCatalog
import TroupeDomain

struct CharacterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "character",
        abstract: "Catalogue characters: register, list, show, give an image, rename, remove.",
        discussion: """
            Example:
              troupe character upload ./cat.mp4 --clip 0,3 --name hero
              troupe character extract s_68f1a2 --clip 1,3 --name owl
              troupe character add hero --id cartoon_cat_001
              troupe character add villain --id grumpy.owl --from s_68f1a2 --clip 1,3
              troupe character image hero ./hero.png
              troupe character list
              troupe character rename hero captain
              troupe character tag hero +lead
              troupe character list --tag lead --status ready
            """,
        subcommands: [List.self, Show.self, Upload.self, Extract.self, Add.self, Image.self, Rename.self, Remove.self, TagCommand.self, Note.self],
        defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a character made elsewhere, by its provider id (or a clip-only one by URL).",
            discussion: """
                With --from, the character was extracted from that video (registered too when it \
                is not catalogued yet). With --url instead of --id, the character is clip-only: \
                the clip travels with every request that mentions it. With --image alone, the \
                character is a reference image (a PNG, JPEG or WebP file, or an http(s) URL): it \
                belongs to no provider and travels to models that take characters as images \
                (`troupe model list` shows their character forms).

                Example:
                  troupe character add hero --id cartoon_cat_001
                  troupe character add villain --id grumpy.owl --from s_68f1a2 --clip 1,3
                  troupe character add dancer --url https://cdn.example.com/dance.mp4 --clip 0,3
                  troupe character add pilot --image ./pilot.png
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The handle to mention it by, as @handle.", transform: Handle.parse) var handle: Handle
        @Option(help: ArgumentHelp("The provider's character id.", valueName: "character-id")) var id: String?
        @Option(help: ArgumentHelp("The pid of the video it was extracted from (a unique start of a catalogued one will do).", valueName: "pid")) var from: String?
        @Option(help: ArgumentHelp("The clip range START,END in seconds (GrsAI: at most 3 s).", valueName: "start,end"), transform: ClipRange.parse) var clip: ClipRange?
        @Option(help: "A clip URL, for a clip-only character.") var url: String?
        @Option(help: ArgumentHelp("A reference image (file or http(s) URL), for a character known by its image alone.", valueName: "path|url")) var image: String?
        @Option(help: "Free-form notes.") var notes: String?
        @Option(help: ArgumentHelp("Comma-separated tags.", valueName: "tags")) var tags: String?

        func validate() throws {
            if image != nil {
                if id != nil || url != nil || from != nil || clip != nil {
                    throw ValidationError("--image registers a character by its image alone: leave out --id, --url, --from and --clip (`troupe character image HANDLE FILE|URL` adds an image to any character)")
                }
                return
            }
            if (id == nil) == (url == nil) { throw ValidationError("give either --id CHARACTER_ID, --url CLIP_URL or --image FILE|URL") }
            if url != nil && clip == nil { throw ValidationError("a clip-only character needs --clip START,END") }
            if url != nil && from != nil { throw ValidationError("--from goes with --id, not --url") }
            for text in tags?.split(separator: ",") ?? [] {
                do { _ = try Tag(text.trimmingCharacters(in: .whitespaces)) } catch { throw ValidationError(error.message) }
            }
        }

        func run() throws {
            if let image { return try addByImage(image) }
            let catalog = try global.openCatalog()
            let provider = try global.chosenProvider(catalog).name
            var character: CharacterEntry
            if let url, let clip {
                character = try catalog.registerClipCharacter(handle: handle, url: url, clip: clip, providerName: provider)
            } else {
                let id = try CharacterID(self.id ?? "")
                let pid = try from.map { text in try catalog.resolvePidOrNew(text) }
                character = try catalog.registerCharacter(handle: handle, id: id, providerName: provider, from: pid, clip: clip)
            }
            if notes != nil || tags != nil {
                character = try catalog.annotateCharacter(handle, notes: notes, tags: tags.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } })
            }
            if global.json { return try Output.json(catalog.report(for: character)) }
            print("registered @\(handle) (\(character.characterId?.rawValue ?? "clip-only") on \(provider))")
        }

        /// `--image`: a character known by its reference image alone.
        private func addByImage(_ image: String) throws {
            let studio = try global.openStudio()
            var character = try studio.addImageCharacter(handle, image: image).character
            if notes != nil || tags != nil {
                character = try studio.catalog.annotateCharacter(handle, notes: notes, tags: tags.map { $0.split(separator: ",").map(String.init) })
            }
            let report = try studio.catalog.report(for: character, vaultPath: studio.home.vaultPath)
            if global.json { return try Output.json(report) }
            print("registered @\(handle) (a reference image, for models that take characters as images)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List catalogued characters.",
            discussion: "Example:\n  troupe character list --json\n  troupe character list --tag lead --status ready")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only characters with this tag.", valueName: "tag"), transform: { try Tag($0) }) var tag: Tag?
        @Option(help: ArgumentHelp("Only characters in this status: \(CharacterStatus.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "status"), transform: List.parseStatus)
        var status: CharacterStatus?

        static func parseStatus(_ text: String) throws -> CharacterStatus {
            guard let status = CharacterStatus(rawValue: text.lowercased()) else {
                throw ValidationError("invalid status '\(text)': use one of \(CharacterStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }

        func run() throws {
            let catalog = try global.openCatalog()
            let reports = try catalog.reports(for: catalog.characters(tag: tag, status: status), vaultPath: global.troupeHome.vaultPath)
            if global.json { return try Output.json(reports) }
            if reports.isEmpty {
                return Output.note(tag != nil || status != nil ? "no characters match" : "no characters yet: `troupe character add HANDLE --id ID` registers one")
            }
            Output.table(["HANDLE", "CHARACTER ID", "PROVIDER", "STATUS", "IMAGE", "SOURCE"], reports.map {
                ["@" + $0.handle, $0.characterId ?? ($0.source.kind == "clip" ? "(clip)" : "-"), $0.provider ?? "-", $0.status, $0.image?.source ?? "-", Self.describe($0.source)]
            })
        }

        static func describe(_ source: CharacterReport.Source) -> String {
            var text = source.kind
            if let pid = source.pid { text += " from \(pid)" }
            if let url = source.url { text += " \(url)" }
            if let clip = source.clip, clip.count == 2 { text += " [\(PlainNumber.text(clip[0]))–\(PlainNumber.text(clip[1])) s]" }
            return text
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one character.",
            discussion: "Example:\n  troupe character show hero --json")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The character's handle.", transform: Handle.parse) var handle: Handle

        func run() throws {
            let catalog = try global.openCatalog()
            let report = try catalog.report(for: catalog.character(handle: handle), vaultPath: global.troupeHome.vaultPath)
            if global.json { return try Output.json(report) }
            let fields: [(String, String?)] = [
                ("handle", "@" + report.handle), ("id", report.characterId ?? (report.source.clip != nil ? "(clip-only)" : report.image != nil ? "(none: reference image only)" : "-")), ("provider", report.provider),
                ("status", report.status), ("source", List.describe(report.source)), ("image", report.image.map(Image.describe)),
                ("notes", report.notes.isEmpty ? nil : report.notes), ("tags", report.tags.isEmpty ? nil : report.tags.joined(separator: ", ")),
                ("created", report.createdAt),
            ]
            for (name, value) in fields {
                if let value { print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + Output.escaped(value)) }
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a character a new handle; saved templates that mention it follow.",
            discussion: "Example:\n  troupe character rename hero captain")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The current handle.", transform: Handle.parse) var old: Handle
        @Argument(help: "The new handle.", transform: Handle.parse) var new: Handle

        func run() throws {
            let studio = try global.openStudio()
            let renamed = try studio.renameCharacter(old, to: new)
            if global.json { return try Output.json(studio.catalog.report(for: renamed.character, vaultPath: studio.home.vaultPath)) }
            print("renamed @\(old) to @\(new)" + (renamed.templates.isEmpty ? "" : "; templates now mentioning @\(new): \(renamed.templates.joined(separator: ", "))"))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a character; one that videos feature is retired instead, keeping their lineage.",
            discussion: "Example:\n  troupe character remove hero")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The character's handle.", transform: Handle.parse) var handle: Handle

        func run() throws {
            let removal = try global.openCatalog().removeCharacter(handle)
            switch removal {
            case .deleted:
                if global.json { return try Output.json(["handle": handle.rawValue, "result": "deleted"]) }
                print("removed @\(handle)")
            case .retired(let videos):
                if global.json { return try Output.json(["handle": handle.rawValue, "result": "retired"]) }
                print("retired @\(handle): \(videos) catalogued video(s) feature it, so its lineage is kept")
            }
        }
    }
}
