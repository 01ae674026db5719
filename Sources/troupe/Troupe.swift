import ArgumentParser
import Foundation

@main
struct Troupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "troupe",
        abstract: "Keep a cast in order: a catalogue of generated videos (Sora, Veo, Seedance …), characters and their lineage.",
        discussion: """
            Data lives in --home DIR, else $TROUPE_HOME, else $XDG_DATA_HOME/troupe, else \
            ~/.local/share/troupe. A team's catalogue lives in PostgreSQL: --database URL (or \
            $TROUPE_DATABASE_URL), with the vault on shared storage: --vault DIR (or $TROUPE_VAULT). \
            API keys are read from environment variables, never stored.

            Example:
              troupe character add hero --id cartoon_cat_001
              troupe video add s_68f1a2 --prompt "a cat on a skateboard"
              troupe lineage s_68f1a2

            \(ExitStatus.table)
            """,
        version: "0.1.0",
        subcommands: [
            PathCommand.self, ProviderCommand.self, ModelCommand.self, VideoCommand.self, CharacterCommand.self,
            LineageCommand.self, PromptCommand.self, TemplateCommand.self, TaskCommand.self, CostsCommand.self,
            BatchCommand.self, AssetCommand.self, SimCommand.self, DemoCommand.self, WebhookCommand.self, WebCommand.self,
            DbCommand.self,
        ]
    )

    /// Global options may come before the subcommand too (`troupe --home DIR video list`).
    static func main() async {
        do {
            var command = try parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ExitStatus.exit(for: error)
        }
    }
}
