import Foundation
import Testing
import TroupeCatalog
import TroupeProviders
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
        try await StudioHarness.with(SimulatorConfiguration(latency: 0.1, seed: 9, key: Self.key)) { harness in
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
        }
    }
}

/// Defence in depth: a credential the transport does not know (another key, a token) is taken
/// out of what the provider says before it is stored or shown.
@Suite struct StoredTextTests {
    static let foreign = "sk-someone-else-0123456789abcdef"

    @Test func aFailureTextIsStoredWithoutCredentials() async throws {
        try await StudioHarness.with { harness in
            let catalog = harness.studio.catalog
            func journal() async throws -> JournalEntry {
                try await catalog.journalGrouped(TaskEntry(providerName: "sim", kind: .generate, request: "{}"),
                                          producing: .video(Video(pid: nil, providerName: "sim", origin: .generated, status: .pending), features: []))
            }
            // A poll that says the task failed, its error echoing a header and a key.
            var polled = try await journal()
            polled.task.remoteId = "t1"
            polled.task.state = .running
            let snapshot = TaskSnapshot(remoteTaskID: "t1", status: .failed, failureReason: "error for Bearer 9f8e7d6c5b4a3f2e",
                                        errorText: "refused (Authorization: Bearer abc) with \(Self.foreign)")
            let failed = try await harness.studio.apply(snapshot, to: polled, events: { _ in })
            #expect(failed.task.errorText == "refused (Authorization: <redacted>) with <redacted>")
            #expect(failed.video?.failureReason?.rawValue == "error for Bearer <redacted>")

            // A refused submission whose answer echoes a key.
            let refused = try await journal()
            var thrown = ""
            do {
                _ = try harness.studio.settle(refused, error: "rejected by the provider: bad key \(Self.foreign)", unknown: false)
            } catch {
                thrown = "\(error)"
            }
            #expect(thrown.contains("bad key <redacted>") && !thrown.contains(Self.foreign), "\(thrown)")

            let stored = try [catalog.journalEntry(taskId: failed.task.id!), catalog.journalEntry(taskId: refused.task.id!)]
            for entry in stored {
                for text in [entry.task.errorText, entry.task.failureReason?.rawValue, entry.video?.errorText, entry.video?.failureReason?.rawValue] {
                    #expect(!(text ?? "").contains(Self.foreign) && !(text ?? "").contains("9f8e7d6c5b4a3f2e") && !(text ?? "").contains("abc)"),
                            "stored: \(text ?? "")")
                }
            }
            #expect(stored[1].task.errorText == "rejected by the provider: bad key <redacted>")
        }
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
