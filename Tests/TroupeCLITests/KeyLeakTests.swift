import Foundation
import Testing

/// The key never leaves the process: a provider that echoes the `Authorization` header (and the
/// bare key) back, in 4xx and 5xx answers, JSON and plain text, on submit and on poll.
@Suite struct KeyLeakTests {
    /// Not `sk-…` and not after `Bearer` when echoed bare: only the transport, which knows the
    /// key, can take it out.
    static let key = "grs-live-5e4d3c2b1a09f8e7d6c5"
    static let environment = ["HOSTILE_KEY": key]

    /// Every file under the home (the catalogue with its WAL, the vault), as bytes.
    static func everyFile(under directory: String) throws -> [(path: String, bytes: Data)] {
        var files: [(String, Data)] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append((path, try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        }
        return files
    }

    @Test(arguments: HostileProvider.Mode.allCases)
    func anEchoedKeyReachesNoRowNoOutputAndNoError(mode: HostileProvider.Mode) async throws {
        let cli = CLIRunner()
        var results: [(command: String, result: CLIRunner.Result)] = []
        try await HostileProvider.serving(mode) { provider in
            let added = try await cli.runAside("provider", "add", "hostile", "--kind", "grsai", "--base-url", provider.baseURL, "--key-env", "HOSTILE_KEY")
            #expect(added.status == 0, "\(added.stderr)")

            func run(_ arguments: String...) async throws {
                results.append((arguments.joined(separator: " "), try await cli.runAside(arguments, environment: Self.environment)))
            }
            try await run("video", "generate", "a cat on a skateboard", "--provider", "hostile", "--poll-interval", "0", "--verbose")
            try await run("video", "generate", "a dog on a skateboard", "--provider", "hostile", "--poll-interval", "0", "--json")
            try await run("video", "generate", "a bird on a skateboard", "--provider", "hostile", "--poll-interval", "0", "--delivery", "stream")
            try await run("task", "resume")
            try await run("task", "resume", "--json")
            try await run("task", "list")
            try await run("task", "list", "--json")
            try await run("task", "show", "1")
            try await run("task", "show", "1", "--json")
            try await run("task", "show", "2", "--json")
            try await run("task", "show", "3", "--json")
            try await run("video", "list")
            try await run("video", "list", "--json")
        }

        if mode != .pollThenFail {
            #expect(results[0].result.status != 0, "a refused call is not a success: \(results[0].result)")
        }
        for (command, result) in results {
            #expect(!result.stdout.contains(Self.key), "`troupe \(command)` printed the key on stdout: \(result.stdout)")
            #expect(!result.stderr.contains(Self.key), "`troupe \(command)` printed the key on stderr: \(result.stderr)")
        }
        // The provider's words arrived, without the key: the test is not vacuous.
        // Task 3 went by stream delivery, whose refusals the stream path reads itself.
        for (index, id) in mode == .pollThenFail ? [(8, 1)] : [(8, 1), (10, 3)] {
            let task = try #require(try JSONSerialization.jsonObject(with: Data(results[index].result.stdout.utf8)) as? [String: Any])
            let error = try #require(task["error"] as? String, "task \(id) keeps the provider's error: \(task)")
            #expect(error.contains("<redacted>"), "task \(id): the error shows where the key was taken out: \(error)")
        }

        let files = try Self.everyFile(under: cli.home)
        #expect(files.contains { $0.path.hasSuffix("catalog.sqlite") })
        for file in files {
            #expect(file.bytes.range(of: Data(Self.key.utf8)) == nil, "the key was written to \(file.path)")
        }
    }
}
