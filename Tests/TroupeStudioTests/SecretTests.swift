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
        let verbose = ExchangeLog()
        let done = try #require(try await harness.studio.generate(options, environment: environment) { event in
            if case .exchange(let request, _) = event { verbose.add(request) }
        }.entry)
        #expect(done.task.state == .succeeded)
        // What --verbose prints: every request, its Authorization redacted.
        #expect(verbose.values.count >= 2)
        #expect(verbose.values.allSatisfy { $0.contains("Authorization: <redacted>") && !$0.contains(Self.key) })

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

final class ExchangeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ value: String) { lock.lock(); list.append(value); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

@Suite struct KeyFileTests {
    @Test func aKeyFileMustBeReadableByItsOwnerOnly() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/troupe-keyfile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/grsai.key"
        try Data("sk-from-a-file-123\n".utf8).write(to: URL(fileURLWithPath: path))
        let provider = Provider(name: "grsai", kind: .grsai, baseURL: "https://grsaiapi.com", keyEnv: "GRSAI_API_KEY")

        chmod(path, 0o644)
        #expect(throws: StudioError("the key file \(path) has mode 644: other users may read it; run `chmod 600 \(path)`")) {
            try Transport.key(for: provider, environment: ["GRSAI_API_KEY_FILE": path])
        }
        chmod(path, 0o600)
        #expect(try Transport.key(for: provider, environment: ["GRSAI_API_KEY_FILE": path]) == "sk-from-a-file-123")
        // The variable itself wins over the file.
        #expect(try Transport.key(for: provider, environment: ["GRSAI_API_KEY": "sk-env", "GRSAI_API_KEY_FILE": path]) == "sk-env")
        #expect(throws: StudioError.self) { try Transport.key(for: provider, environment: ["GRSAI_API_KEY_FILE": directory]) }
        do {
            _ = try Transport.key(for: provider, environment: [:])
        } catch {
            #expect("\(error)".contains("GRSAI_API_KEY_FILE"))
        }
    }
}
