import Foundation
import Testing
import TroupeCatalog
import TroupeDomain
@testable import TroupeStudio

/// A vault on shared storage (`--vault DIR`), written by several machines at once.
@Suite struct SharedVaultTests {
    @Test func studiosImportingTheSameFileIntoOneVaultAtOnceAllSucceedAndKeepOneWholeFile() async throws {
        let root = FileManager.default.temporaryDirectory.path + "/troupe-shared-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let vault = root + "/vault"
        let source = root + "/clip.mp4"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let bytes = Data((0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try bytes.write(to: URL(fileURLWithPath: source))
        // Four homes (four machines' local state), one vault.
        let studios = try (0..<4).map { try Studio(home: TroupeHome(directory: root + "/home\($0)", vault: vault)) }
        let assets = try await withThrowingTaskGroup(of: Asset.self) { group in
            for studio in studios {
                for _ in 0..<3 { group.addTask { try studio.importFile(source, mediaType: "video/mp4") } }
            }
            var all: [Asset] = []
            for try await asset in group { all.append(asset) }
            return all
        }
        #expect(assets.count == 12 && Set(assets.map(\.sha256)).count == 1)
        let path = Vault.path(forSHA256: assets[0].sha256, in: vault, mediaType: "video/mp4")
        let kept = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(path.hasPrefix(vault) && kept == bytes)
        let folder = (path as NSString).deletingLastPathComponent
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".part-") }
        #expect(left.isEmpty, "no partial file is left: \(left)")
        #expect(!FileManager.default.fileExists(atPath: root + "/home0/vault"), "the home's own vault is not used")
    }
}
