
extension Catalog {
    /// `tasks(open:limit:)` as reports, each with the model of the video it makes (one query).
    public func taskReports(open: Bool = false, limit: Int? = nil) throws -> [TaskReport] {
        let tasks = try self.tasks(open: open, limit: limit)
        let ids = tasks.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let models: [Int64: String] = try writer.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try db.rows("SELECT taskId, model FROM video WHERE model IS NOT NULL AND taskId IN (\(marks)) ORDER BY id",
                                        ids)
            var models: [Int64: String] = [:]
            for row in rows {
                let taskId: Int64 = row["taskId"]
                if models[taskId] == nil { models[taskId] = row["model"] }
            }
            return models
        }
        return tasks.map { TaskReport($0, model: $0.id.flatMap { models[$0] }) }
    }
}
