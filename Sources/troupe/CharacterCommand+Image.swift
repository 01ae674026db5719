import ArgumentParser
import TroupeCatalog
import TroupeDomain
import TroupeStudio

extension CharacterCommand {
    struct Image: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a character a reference image, for models that take characters as images (Veo, Seedance).",
            discussion: """
                A file must be a PNG, JPEG or WebP; it is copied into the vault, so nothing is lost \
                when the original goes away. A URL must be http(s). A new image replaces the earlier \
                one. --from-clip takes the first frame of the character's source clip through ffmpeg \
                (optional: install it with `apt-get install ffmpeg`).

                Example:
                  troupe character image hero ./hero.png
                  troupe character image hero https://cdn.example.com/hero.webp
                  troupe character image hero --from-clip
                  troupe character image hero --clear
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The character's handle.", transform: Handle.parse) var handle: Handle
        @Argument(help: ArgumentHelp("A PNG, JPEG or WebP file, or an http(s) URL.", valueName: "file-or-url")) var image: String?
        @Flag(name: .customLong("from-clip"), help: "Take the first frame of the character's source clip (needs ffmpeg).") var fromClip = false
        @Flag(help: "Remove the character's image.") var clear = false

        func validate() throws {
            if [image != nil, fromClip, clear].filter({ $0 }).count != 1 {
                throw ValidationError("give one of: an image FILE or URL, --from-clip, or --clear")
            }
        }

        func run() throws {
            let studio = try global.openStudio()
            let change: CharacterImageChange
            if clear {
                change = try studio.clearCharacterImage(handle)
            } else if fromClip {
                change = try studio.setCharacterImageFromClip(handle)
            } else {
                change = try studio.setCharacterImage(handle, from: image ?? "")
            }
            let report = try studio.catalog.report(for: change.character, vaultPath: studio.home.vaultPath)
            if global.json { return try Output.json(report) }
            let before = change.previous.map(\.summary)
            if let now = report.image {
                print("@\(handle)'s image is now \(Output.escaped(Self.describe(now)))" + (before.map { " (replacing \(Output.escaped($0)))" } ?? ""))
            } else {
                print(before.map { "removed @\(handle)'s image (\(Output.escaped($0)))" } ?? "@\(handle) had no image")
            }
        }

        /// `file /…/vault/ab/ab….png`, `url https://…`, `clip-frame /…/vault/…png`.
        static func describe(_ image: CharacterReport.Image) -> String {
            "\(image.source) \(image.path ?? image.url ?? image.sha256 ?? "")"
        }
    }
}
