import ArgumentParser
import TroupeDomain
import TroupeStudio

/// Options shared by `video generate` and `video remix`.
struct GenerationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A saved template to use instead of PROMPT.", valueName: "name")) var template: String?
    @Option(help: "Model, as the provider names it (default: the provider's default model; `troupe model list` shows them).", transform: VideoModel.parse) var model: VideoModel?
    @Option(help: "Aspect ratio (W:H, e.g. 9:16), as the model takes them: `troupe model show NAME`.", transform: AspectRatio.parse) var aspect: AspectRatio?
    @Option(parsing: .unconditional, help: "Duration in seconds, as the model takes them: `troupe model show NAME`.", transform: CommaList.duration) var duration: Int?
    @Option(help: "Size (small, large, 720p …), as the model takes them: `troupe model show NAME`.", transform: VideoSize.parse) var size: VideoSize?
    @Option(name: .customLong("image"),
            help: ArgumentHelp("A reference image: a PNG, JPEG or WebP file or an http(s) URL (repeatable, up to the model's limit; sent before the characters' images).",
                               valueName: "path|url")) var images: [String] = []
    @Option(name: .customLong("first-frame"), help: ArgumentHelp("The video's first frame, for models that take one: a PNG, JPEG or WebP file or an http(s) URL.", valueName: "path|url")) var firstFrame: String?
    @Option(name: .customLong("last-frame"), help: ArgumentHelp("The video's last frame (with --first-frame), for models that take one.", valueName: "path|url")) var lastFrame: String?
    @Option(name: .customLong("var"), help: ArgumentHelp("A variable, name=value (repeatable).", valueName: "name=value")) var variables: [String] = []
    @Option(help: "How the result comes back: poll (default), stream (GrsAI, live progress) or webhook (`troupe webhook serve` must run).", transform: DeliveryMode.parse) var delivery: DeliveryMode = .poll
    @Flag(name: .customLong("no-wait"), help: "Return once the provider has the task; `troupe task resume` finishes it.") var noWait = false
    @Flag(name: .customLong("dry-run"), help: "Show the compiled request and its price; send nothing.") var dryRun = false

    func options(prompt: String?, remixOf: String?, provider: String?) throws -> GenerateOptions {
        guard (prompt == nil) != (template == nil) else { throw ValidationError("give a PROMPT or --template NAME (one of them)") }
        var options = GenerateOptions(prompt: template.map { .template(name: $0) } ?? .text(prompt ?? ""))
        options.variables = variables
        options.providerName = provider
        options.model = model
        options.aspect = aspect
        options.duration = duration
        options.size = size
        options.images = images
        options.firstFrame = firstFrame
        options.lastFrame = lastFrame
        options.remixOf = remixOf
        options.delivery = delivery
        options.wait = !noWait
        options.dryRun = dryRun
        return options
    }
}

/// How often a command that waits asks the provider where its tasks stand.
struct PollingOptions: ParsableArguments {
    @Option(name: .customLong("poll-interval"),
            help: ArgumentHelp("Seconds before the first poll; each wait then grows by half, up to 15 s (or this, if longer).", valueName: "seconds"))
    var pollInterval: Double = 3

    func validate() throws {
        guard pollInterval.isFinite, pollInterval >= 0, pollInterval <= 3600 else {
            throw ValidationError("--poll-interval must be between 0 and 3600 seconds")
        }
    }
}
