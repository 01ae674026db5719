import Foundation
import TroupeCatalog
import TroupeDomain
import TroupeProviders

extension Studio {
    /// The model a generation on `provider` uses: the one named, else the provider kind's default.
    ///
    /// Every caller resolves its model here (generation, batch plan, reconcile, polling), from the
    /// catalogue's model table: the provider's own row, then its kind's.
    public func modelSpec(named name: VideoModel?, for provider: Provider) throws -> ModelSpec {
        try catalog.resolveModel(name, for: provider)
    }

    /// The service path a task is polled on (AceData's `/{service}/tasks`): the one its journaled
    /// request was sent to, else its video's model's; `nil` for the other dialects.
    func pollService(of entry: JournalEntry, provider: Provider) -> String? {
        guard provider.kind == .acedata else { return nil }
        let path = WireRequest(preview: entry.task.request)?.path.split(separator: "/") ?? []
        if path.count == 2, path[1] == "videos" { return String(path[0]) }
        guard let video = entry.video else { return nil }
        return (try? modelSpec(named: video.model.flatMap { VideoModel(rawValue: $0) }, for: provider))?.service
    }
}
