import Foundation
import GRDB
import TroupeDomain

extension Catalog {
    /// Spending by day and provider: charges, refunds and the net, each in the provider's
    /// currency and rounded to its minor unit.
    public func costs() throws -> [CostLine] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(task.createdAt, 1, 10) AS day, task.providerName, provider.kind,
                       count(*) AS calls,
                       total(task.cost) AS charged,
                       total(CASE WHEN task.refunded THEN task.cost ELSE 0 END) AS refunded
                  FROM task JOIN provider ON provider.name = task.providerName
                 WHERE task.state != 'prepared' OR task.attempts > 0
                 GROUP BY day, task.providerName
                 ORDER BY day, task.providerName
                """).map { row in
                let kind = ProviderKind(rawValue: row["kind"]) ?? .grsai
                return CostLine(day: row["day"], provider: row["providerName"], currency: kind.currency, calls: row["calls"],
                                charged: row["charged"], refunded: row["refunded"])
            }
        }
    }
}
