import ArgumentParser
import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension CharacterCommand {
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a character from a clip: a local MP4 (sent as Base64, streamed) or a URL.",
            discussion: """
                For a local MP4 the clip must lie inside the file's duration. GrsAI accepts clips \
                of at most 3 s, cartoon or non-human only.

                Example:
                  troupe character upload ./cat.mp4 --clip 0,3 --name hero
                  troupe character upload https://cdn.example.com/cat.mp4 --clip 1,3 --name hero --dry-run
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A local clip file or an http(s) URL.") var source: String
        @Option(help: ArgumentHelp("The clip range START,END in seconds.", valueName: "start,end"), transform: ClipRange.parse) var clip: ClipRange
        @Option(help: ArgumentHelp("The handle to mention it by.", valueName: "handle"), transform: Handle.parse) var name: Handle
        @Flag(name: .customLong("no-wait"), help: "Return once the provider has the task.") var noWait = false
        @Flag(name: .customLong("dry-run"), help: "Show the request and its price; send nothing.") var dryRun = false
        @OptionGroup var polling: PollingOptions

        func run() async throws {
            var options = CharacterOptions(source: .clip(source), clip: clip, handle: name)
            options.providerName = global.provider
            options.wait = !noWait
            options.dryRun = dryRun
            let studio = try global.openStudio(polling)
            try printOutcome(try await studio.createCharacter(options, events: ProgressPrinter(verbose: global.verbose).events), studio: studio, global: global,
                             waited: !noWait)
        }
    }

    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract a character from a generated video; the lineage records the source.",
            discussion: """
                Example:
                  troupe character extract s_68f1a2 --clip 1,3 --name owl
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The pid of a catalogued, generated video, or a unique start of it.") var pid: String
        @Option(help: ArgumentHelp("The clip range START,END in seconds.", valueName: "start,end"), transform: ClipRange.parse) var clip: ClipRange
        @Option(help: ArgumentHelp("The handle to mention it by.", valueName: "handle"), transform: Handle.parse) var name: Handle
        @Flag(name: .customLong("no-wait"), help: "Return once the provider has the task.") var noWait = false
        @Flag(name: .customLong("dry-run"), help: "Show the request and its price; send nothing.") var dryRun = false
        @OptionGroup var polling: PollingOptions

        func run() async throws {
            let source = try global.openCatalog().resolvePid(pid)
            var options = CharacterOptions(source: .video(source), clip: clip, handle: name)
            options.providerName = global.provider
            options.wait = !noWait
            options.dryRun = dryRun
            let studio = try global.openStudio(polling)
            try printOutcome(try await studio.createCharacter(options, events: ProgressPrinter(verbose: global.verbose).events), studio: studio, global: global,
                             waited: !noWait)
        }
    }
}
