import Foundation
import Testing

@Suite struct ConcurrentWriterTests {
    @Test func fourProcessesWritingOneCatalogueNeverSeeALockedDatabase() async throws {
        let cli = CLIRunner()
        try cli.run("path")  // create and migrate the catalogue once
        let perWriter = 25
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var problems: [String] = []
                    for index in 0..<perWriter {
                        let pid = "s_" + String(writer * 1000 + index + 1, radix: 16)
                        let result = try cli.run("video", "add", pid, "--prompt", "writer \(writer) take \(index)")
                        if result.status != 0 { problems.append("\(pid): \(result.stderr)") }
                    }
                    return problems
                }
            }
            var all: [String] = []
            for try await problems in group { all += problems }
            return all
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let videos = try #require(try cli.json("video", "list") as? [[String: Any]])
        #expect(videos.count == 4 * perWriter)
    }
}
