import Foundation
import Testing
import TroupeCatalog
import TroupeSimulator
@testable import TroupeStudio

@Suite struct SecretTests {
    static let key = "sk-troupe-test-9f8e7d6c5b4a"

    /// Every byte under the home, catalogue, WAL and vault files included.
    func everyFile(under directory: String) throws -> [(String, Data)] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var files: [(String, Data)] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append((path, try Data(contentsOf: URL(fileURLWithPath: path))))
            }
        }
        return files
    }

    @Test func theKeyNeverReachesTheCatalogueTheVaultOrAnError() async throws {
        let harness = try await StudioHarness.start(SimulatorConfiguration(latency: 0.1, seed: 9, key: Self.key))
        let catalog = harness.studio.catalog
        try catalog.addProvider(name: "keyed", kind: .grsai, baseURL: harness.server.baseURL, keyEnv: "TROUPE_TEST_KEY")
        let environment = ["TROUPE_TEST_KEY": Self.key]
        var options = GenerateOptions(prompt: .text("a cat"))
        options.providerName = "keyed"
        let done = try #require(try await harness.studio.generate(options, environment: environment).entry)
        #expect(done.task.state == .succeeded)

        // A wrong key is refused by the provider; the error names neither key.
        var errors: [String] = []
        do {
            _ = try await harness.studio.generate(options, environment: ["TROUPE_TEST_KEY": "sk-wrong-key-0000"])
        } catch {
            errors.append("\(error)")
            errors.append(String(reflecting: error))
        }
        #expect(errors.count == 2)
        for text in errors {
            #expect(!text.contains(Self.key) && !text.contains("sk-wrong-key-0000"), "an error shows a key: \(text)")
        }
        let needles = [Data(Self.key.utf8), Data("sk-wrong-key-0000".utf8)]
        let files = try everyFile(under: harness.directory)
        #expect(files.contains { $0.0.hasSuffix("catalog.sqlite") })
        for (path, bytes) in files {
            for needle in needles {
                #expect(bytes.range(of: needle) == nil, "a key was written to \(path)")
            }
        }
        for task in try catalog.tasks() {
            #expect(!task.request.contains(Self.key) && !(task.errorText ?? "").contains(Self.key))
        }
        await harness.stop()
    }
}
