import Foundation

extension Catalog {
    /// The setting where `troupe webhook serve` records the base URL providers reach it at.
    static let webhookBaseURLSetting = "webhookBaseURL"

    /// The journal row a provider knows as `remoteId` (unique per provider), or nil.
    public func task(remoteId: String, providerName: String) throws -> TaskEntry? {
        try writer.read { db in
            try db.one(TaskEntry.self, "SELECT * FROM task WHERE providerName = ? AND remoteId = ?",
                                   [providerName, remoteId])
        }
    }

    /// The base URL (`http://127.0.0.1:8788` or the `--public-url`) of the running webhook
    /// receiver, without its secret path; nil when none is running.
    public func webhookBaseURL() throws -> String? {
        try setting(Self.webhookBaseURLSetting)
    }

    /// Records (or, with nil, forgets) the base URL of the running webhook receiver.
    public func setWebhookBaseURL(_ url: String?) throws {
        try writer.write { db in
            if let url {
                try setSetting(Self.webhookBaseURLSetting, url, db)
            } else {
                try db.execute("DELETE FROM setting WHERE name = ?", [Self.webhookBaseURLSetting])
            }
        }
    }
}
