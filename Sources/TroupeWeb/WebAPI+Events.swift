import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import TroupeCatalog

extension WebAPI {
    /// How many of the newest tasks `/api/events` watches.
    static let watchedTasks = 200
    /// A comment line is sent after this many quiet looks, so that a gone client is noticed.
    static let keepAliveLooks = 30

    /// `GET /api/events`: Server-Sent Events, an `event: task` with the `TaskReport` JSON whenever
    /// a task appears or changes (the journal is looked at every `eventsInterval` while the
    /// client stays connected).
    func events() -> Response {
        let catalog = self.catalog
        let interval = app.eventsInterval
        let limit = app.eventLimit
        let subscribed = app.onSubscribed
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
            var seen = Dictionary(uniqueKeysWithValues: try catalog.taskReports(limit: Self.watchedTasks).map { ($0.id, $0) })
            subscribed()
            var sent = 0
            var quiet = 0
            let encoder = WebAnswer.encoder()
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                try await Task.sleep(for: interval)
                let now = try catalog.taskReports(limit: Self.watchedTasks)
                var changed: [TaskReport] = []
                for report in now.reversed() where seen[report.id] != report {
                    seen[report.id] = report
                    changed.append(report)
                }
                if changed.isEmpty {
                    quiet += 1
                    if quiet >= Self.keepAliveLooks {
                        quiet = 0
                        try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    }
                    continue
                }
                quiet = 0
                for report in changed {
                    let json = String(decoding: try encoder.encode(report), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "event: task\nid: \(report.id)\ndata: \(json)\n\n"))
                    sent += 1
                    if let limit, sent >= limit {
                        try await writer.finish(nil)
                        return
                    }
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }
}
