import TroupeCatalog
import TroupeStudio

extension Pages {
    /// `GET /costs`: spending by day, provider and currency, a chart per currency, and a total
    /// per currency (amounts in different currencies are never added together).
    public static func costs(_ studio: Studio, _ context: PageContext) throws -> String {
        let lines = try studio.catalog.costs()
        let body: HTML
        if lines.isEmpty {
            body = """
                <h1>Costs</h1>
                \(emptyState("Nothing spent yet", "Each paid call's charge is counted here by day, provider and currency once it is sent.", commands: ["troupe costs"]))
                """
        } else {
            let totals = CostLine.totals(lines).map { total -> HTML in
                """
                <div class="total"><span class="amount">\(money(total.net, total.currency))</span><span class="muted">net, \(total.calls) call\(total.calls == 1 ? "" : "s")\(total.refunded > 0 ? ", \(money(total.refunded, total.currency)) refunded" : "")</span></div>
                """
            }
            let rows = lines.reversed().map { line -> HTML in
                """
                <tr><td>\(line.day)</td><td>\(line.provider)</td><td>\(line.currency)</td><td class="num">\(line.calls)</td><td class="num">\(money(line.charged, line.currency))</td><td class="num">\(money(line.refunded, line.currency))</td><td class="num strong">\(money(line.net, line.currency))</td></tr>
                """
            }
            body = """
                <div class="pagehead"><h1>Costs</h1><p class="lede">What the providers charged, net of refunds, in each provider’s own currency.</p></div>
                <div class="totals">\(totals)</div>
                <section class="panel chart">\(CostChart.svg(lines))</section>
                <div class="table-scroll"><table class="table costs"><thead><tr><th>Day</th><th>Provider</th><th>Currency</th><th class="num">Calls</th><th class="num">Charged</th><th class="num">Refunded</th><th class="num">Net</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """
        }
        return Layout.document(title: "Costs", page: "costs", context: context, body: body)
    }

    /// The page for a request that names nothing the catalogue holds.
    public static func notFound(_ message: String, _ context: PageContext) -> String {
        let body: HTML = """
            <section class="empty"><h1>Not found</h1><p>\(message)</p><p><a class="button" href="/">Cast</a> <a class="button quiet" href="/videos">Videos</a></p></section>
            """
        return Layout.document(title: "Not found", page: "notfound", section: "", context: context, body: body)
    }
}
