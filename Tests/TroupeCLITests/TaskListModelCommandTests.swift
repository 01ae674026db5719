import Foundation
import Testing

/// `task list --json` names each task's model, as `task show --json` and `/api/tasks` do.
@Suite struct TaskListModelCommandTests {
    @Test func taskListNamesTheModelOfEachTasksVideo() async throws {
        try await HostileProvider.serving(.submit400Text) { provider in
            let cli = CLIRunner()
            let added = try await cli.runAside("provider", "add", "p9", "--kind", "grsai", "--base-url", provider.baseURL, "--key-env", "P9_KEY")
            #expect(added.status == 0, "\(added.stderr)")
            let failed = try await cli.runAside(["video", "generate", "a cat", "--provider", "p9", "--poll-interval", "0", "--json"],
                                                environment: ["P9_KEY": "sk-test"])
            #expect(failed.status == 3, "\(failed.stderr)")
            let list = try cli.jsonArray("task", "list")
            #expect(list.count == 1)
            #expect(list.first?["model"] as? String == "sora-2", "\(list)")
            #expect(try cli.jsonObject("task", "show", "1")["model"] as? String == "sora-2")
        }
    }
}
