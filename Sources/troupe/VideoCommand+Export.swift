import ArgumentParser
import Foundation
import TroupeCatalog
import TroupeStudio

extension VideoCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy videos' files out of the vault with readable names, plus a manifest.",
            discussion: """
                Files are named <date>_<pid>_<prompt-slug>.mp4 (video-ID for a video without a \
                pid). manifest.json and manifest.csv list every matching video: file, pid, prompt, \
                model, provider, characters, parent and sha256. A video with no file in the vault \
                is listed with an empty file and named on stderr. Files are copied, never moved, \
                and each copy's SHA-256 is checked. The filters are those of `video list`, \
                `--provider` included.

                DIR must be new or empty; --force writes into a directory holding other files \
                (files of the same names are replaced, the rest are left alone).

                Example:
                  troupe video export ./keepers --tag keeper
                  troupe video export ./hero --character @hero --status succeeded --since 2026-11-01
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The directory to copy into.") var directory: String
        @OptionGroup(title: "Filters") var filters: VideoFilters
        @Flag(help: "Write into a directory that already holds files.") var force = false

        func run() throws {
            let studio = try global.openStudio()
            let path = (directory as NSString).expandingTildeInPath
            let result = try studio.export(filters.query(provider: global.provider), to: path, force: force)
            for missing in result.missing {
                Output.note("\(missing.name): \(missing.reason); listed in the manifest without a file")
            }
            if global.json { return try Output.json(result.manifest.entries) }
            print("exported \(result.copied) of \(result.manifest.entries.count) video(s) to \(path) (manifest.json, manifest.csv)")
        }
    }
}
