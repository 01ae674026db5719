import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension VideoCommand {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a video: compile, journal, send, wait, download into the vault.",
            discussion: """
                Every paid call is journaled before it is sent; an interrupted run is finished by \
                `troupe task resume`. --dry-run shows the request and its price without sending.

                Example:
                  troupe video generate "@hero argues with @villain in {{place}}" --var place=Paris
                  troupe video generate --template duel --var place=Rome --duration 15 --dry-run
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The prompt (or use --template).") var prompt: String?
        @OptionGroup var generation: GenerationOptions
        @OptionGroup var polling: PollingOptions

        func run() async throws {
            let options = try generation.options(prompt: prompt, remixOf: nil, provider: global.provider)
            try await runGeneration(options, global: global, polling: polling)
        }
    }

    struct Remix: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remix a catalogued video; the lineage records the parent.",
            discussion: """
                Example:
                  troupe video remix s_68f1a2 "same scene, at night"
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The pid to remix, or a unique start of it (catalogued: `troupe video add PID` registers one).") var pid: String
        @Argument(help: "The prompt (or use --template).") var prompt: String?
        @OptionGroup var generation: GenerationOptions
        @OptionGroup var polling: PollingOptions

        func run() async throws {
            let parent = try global.openCatalog().resolvePid(pid)
            let options = try generation.options(prompt: prompt, remixOf: parent.rawValue, provider: global.provider)
            try await runGeneration(options, global: global, polling: polling)
        }
    }

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make sure a video's file is in the vault (downloads again while its URL is valid).",
            discussion: "Example:\n  troupe video fetch s_68f1a2")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The video's pid, or a unique start of it.") var pid: String

        func run() async throws {
            let studio = try global.openStudio()
            let video = try await studio.fetch(pid: try studio.catalog.resolvePid(pid), events: ProgressPrinter(verbose: global.verbose).events)
            let report = try studio.catalog.report(for: video, vaultPath: studio.home.vaultPath)
            if global.json { return try Output.json(report) }
            print(report.asset?.path ?? "")
        }
    }
}

func runGeneration(_ options: GenerateOptions, global: GlobalOptions, polling: PollingOptions) async throws {
    let studio = try global.openStudio(polling)
    let outcome: WorkOutcome
    do {
        outcome = try await reportingPromptErrors { () async throws -> WorkOutcome in
            try await studio.generate(options, events: ProgressPrinter(verbose: global.verbose).events)
        }
    } catch let error as PaidCallError where global.json {
        // A paid call that ended badly still has its journal row: --json prints it as on success.
        if let video = try? studio.catalog.journalEntry(taskId: error.taskId).video {
            try Output.json(studio.catalog.report(for: video, vaultPath: studio.home.vaultPath))
        }
        throw error
    }
    // Webhook delivery returns once the provider has the task, as --no-wait does: the receiver finishes it.
    try printOutcome(outcome, studio: studio, global: global, waited: options.wait && options.delivery != .webhook)
}

/// Prints what a paid command ended with, then ends it by where its call stands (see
/// `ExitStatus.finish`): `waited` is false when `--no-wait` asked to return once the provider
/// has the task.
func printOutcome(_ outcome: WorkOutcome, studio: Studio, global: GlobalOptions, waited: Bool = true) throws {
    switch outcome {
    case .dryRun(let report):
        if global.json { return try Output.json(report) }
        print("would send to \(report.provider) (\(report.kind)" + (report.model.map { ", model \($0)" } ?? "")
              + "), price \(Currency.text(report.price, report.currency)) \(report.currency):")
        print(Output.escapedLines(report.request))
    case .done(let entry):
        if let video = entry.video {
            let report = try studio.catalog.report(for: video, vaultPath: studio.home.vaultPath)
            if global.json {
                try Output.json(report)
                return try ExitStatus.finish(entry, waited: waited)
            }
            print("\(video.nodeName)  \(report.status)" + (report.asset.map { "  \($0.path)" } ?? ""))
            if let reason = report.failureReason { print(Output.escaped("failure: \(reason) \(report.error ?? "")")) }
        } else if let character = entry.character {
            let report = try studio.catalog.report(for: character)
            if global.json {
                try Output.json(report)
                return try ExitStatus.finish(entry, waited: waited)
            }
            print("@\(report.handle)  \(report.status)  \(report.characterId ?? "")")
        }
        try ExitStatus.finish(entry, waited: waited)
    }
}
