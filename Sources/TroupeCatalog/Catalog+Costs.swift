import Foundation
import TroupeDomain

extension Catalog {
    /// Spending by day, provider and currency: charges, refunds and the net, each in the currency
    /// its calls were journaled in (a provider's models may price in different ones) and rounded
    /// to its minor unit. Amounts in different currencies are never added.
    public func costs() throws -> [CostLine] {
        try writer.read { db in
            try db.rows("""
                SELECT substr(task.createdAt, 1, 10) AS day, task.providerName,
                       coalesce(task.currency, CASE provider.kind WHEN 'grsai' THEN 'CNY' ELSE 'USD' END) AS costCurrency,
                       count(*) AS calls,
                       coalesce(sum(task.cost), 0.0) AS charged,
                       coalesce(sum(CASE WHEN task.refunded = 1 THEN task.cost ELSE 0 END), 0.0) AS refunded
                  FROM task JOIN provider ON provider.name = task.providerName
                 WHERE task.state != 'prepared' OR task.attempts > 0
                 GROUP BY day, task.providerName, costCurrency
                 ORDER BY day, task.providerName, costCurrency
                """).map { row in
                CostLine(day: row["day"], provider: row["providerName"], currency: row["costCurrency"], calls: row["calls"],
                         charged: row["charged"], refunded: row["refunded"])
            }
        }
    }
}
