import ArgumentParser
import Foundation
import Testing
@testable import troupe

@Suite struct HelpTests {
    /// Every command and subcommand with its path of names, found by walking the configurations.
    func commands() -> [(path: [String], type: any ParsableCommand.Type)] {
        var found: [(path: [String], type: any ParsableCommand.Type)] = []
        var queue: [(path: [String], type: any ParsableCommand.Type)] = [([], Troupe.self)]
        while let command = queue.first {
            queue.removeFirst()
            found.append(command)
            queue += command.type.configuration.subcommands.map { (command.path + [$0._commandName], $0) }
        }
        return found
    }

    @Test func everyCommandHasAnAbstractAndAnExample() throws {
        let commands = commands()
        let paths = commands.map(\.path)
        #expect(paths.contains(["lineage"]) && paths.contains(["character", "rename"]) && paths.contains(["provider", "add"]))
        for (path, type) in commands {
            // The parser's own help, in this process, as `troupe PATH --help` prints it on 80 columns.
            let help = Troupe.helpMessage(for: type, columns: 80)
            #expect(help.contains("OVERVIEW:"), "\(path) has no abstract")
            #expect(help.contains("Example"), "\(path) has no example in its help")
            // The usage line is the one the parser never wraps.
            let wide = help.split(separator: "\n").map(String.init).filter { $0.count > 80 && !$0.hasPrefix("USAGE:") }
            #expect(wide.isEmpty, "\(path) has help lines over 80 columns: \(wide)")
        }
    }

    @Test func aNounAloneLists() throws {
        let cli = CLIRunner()
        #expect(try cli.run("provider").stdout.contains("grsai-cn"))
        #expect(try cli.run("character").status == 0)
    }
}
