import Foundation
import Testing

/// `make test` (which CI runs) ends with the browser suite, and `make web-test` runs it alone.
@Suite struct BrowserSuiteWiringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let suite = "Tests/web/check_pages.py"

    /// The commands `make -n TARGET` would run, one a line.
    static func planned(_ target: String) throws -> [String] {
        let result = try CLIRunner().run(["-n", "-C", root, target], executable: "/usr/bin/make")
        #expect(result.status == 0, "make -n \(target): \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func makeTestRunsTheBrowserSuiteAfterTheSwiftSuites() throws {
        let lines = try Self.planned("test")
        let suite = try #require(lines.lastIndex { $0.contains(Self.suite) }, "make test does not run \(Self.suite):\n\(lines.joined(separator: "\n"))")
        let swiftTests = lines.indices.filter { lines[$0].contains("swift test") || lines[$0].contains(" test --skip-build") }
        #expect(swiftTests.count >= 2 && swiftTests.allSatisfy { $0 < suite }, "the browser suite runs after the Swift suites")
        #expect(lines[suite].contains("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1") && lines[suite].contains(".venv/bin/python"))
        #expect(lines.contains { $0.contains("install-deps chromium") }, "make test installs chromium when missing")
        let ci = try String(contentsOfFile: Self.root + "/.ci/run", encoding: .utf8)
        #expect(ci.contains("make test"), "CI runs make test")
    }

    @Test func makeWebTestRunsItAlone() throws {
        let lines = try Self.planned("web-test")
        #expect(lines.contains { $0.contains(Self.suite) && $0.contains(".build/debug/troupe") })
        #expect(!lines.contains { $0.contains("swift test") })
        #expect(FileManager.default.isExecutableFile(atPath: Self.root + "/" + Self.suite))
        let makefile = try String(contentsOfFile: Self.root + "/Makefile", encoding: .utf8)
        #expect(makefile.contains("pip install -q playwright==$(PLAYWRIGHT)") && makefile.contains("PLAYWRIGHT := 1."), "Playwright is pinned")
    }
}
