import Foundation
import Testing

@Suite struct HelpTests {
    /// Every command and subcommand, found by walking `--help` output.
    func commandPaths(_ cli: CLIRunner) throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.first {
            queue.removeFirst()
            found.append(path)
            let help = try cli.run(path + ["--help"]).stdout
            guard let range = help.range(of: "SUBCOMMANDS:") else { continue }
            for line in help[range.upperBound...].split(separator: "\n") {
                // A subcommand line is indented by exactly two spaces; wrapped abstracts by more.
                guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  See ") else { continue }
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                guard !name.isEmpty, name != "help", name.first!.isLetter, path.count < 3 else { continue }
                if name.hasSuffix(",") || name.hasSuffix(".") || found.contains(path + [name]) { continue }
                queue.append(path + [name])
            }
        }
        return found
    }

    @Test func everyCommandHasAnAbstractAndAnExample() throws {
        let cli = CLIRunner()
        let paths = try commandPaths(cli)
        #expect(paths.contains(["lineage"]) && paths.contains(["character", "rename"]) && paths.contains(["provider", "add"]))
        for path in paths {
            let help = try cli.run(path + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("OVERVIEW:"), "\(path) has no abstract")
            #expect(help.stdout.contains("Example"), "\(path) has no example in its help")
        }
    }

    @Test func aNounAloneLists() throws {
        let cli = CLIRunner()
        #expect(try cli.run("provider").stdout.contains("grsai-cn"))
        #expect(try cli.run("character").status == 0)
    }
}
