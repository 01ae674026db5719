import ArgumentParser
import TroupeCatalog
import TroupeDomain

extension VideoCommand {
    struct TagCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Add or remove a video's tags (without changes: show them).",
            discussion: """
                +name (or name) adds a tag, -name removes it. Tags are 1–40 letters, digits, \
                '-', '_' or '.', kept in lower case. `troupe video list --tag name` finds them.

                Example:
                  troupe video tag s_68f1a2 +keeper +night -draft
                  troupe video tag s_68f1 --json
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid, a unique start of it, or video#ID.") var pid: String
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Tags to add (+name) or remove (-name).", valueName: "+tag|-tag"))
        var changes: [String] = []

        func run() throws {
            let changes = try TagChanges(self.changes)
            let catalog = try global.openCatalog()
            let video = try catalog.resolveVideo(pid)
            let tags = changes.isEmpty ? try catalog.tags(videoId: video.id!)
                : try catalog.retagVideo(id: video.id!, adding: changes.adding, removing: changes.removing)
            if global.json { return try Output.json(catalog.report(for: catalog.video(id: video.id!) ?? video, vaultPath: global.troupeHome.vaultPath)) }
            print("\(video.nodeName): " + (tags.isEmpty ? "no tags" : tags.map(\.rawValue).joined(separator: ", ")))
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a video's notes (empty text clears them); `video list --search` searches them.",
            discussion: """
                Example:
                  troupe video note s_68f1a2 "best take; the owl blinks at 0:03"
                  troupe video note s_68f1a2 ""
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid, a unique start of it, or video#ID.") var pid: String
        @Argument(help: "The notes (\"\" clears them).") var text: String

        func run() throws {
            let catalog = try global.openCatalog()
            let video = try catalog.setNotes(videoId: catalog.resolveVideo(pid).id!, text)
            if global.json { return try Output.json(catalog.report(for: video, vaultPath: global.troupeHome.vaultPath)) }
            print(text.isEmpty ? "cleared the notes of \(video.nodeName)" : "noted \(video.nodeName)")
        }
    }
}
