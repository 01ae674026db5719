import ArgumentParser
import TroupeCatalog
import TroupeDomain

struct CostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costs",
        abstract: "What the journaled calls cost, by day, provider and currency (refunds subtracted).",
        discussion: """
            Each call is costed in its model's currency, recorded when it is journaled (the presets: \
            GrsAI CNY, AceData and OpenAI-style USD; a model added with another currency keeps its \
            own), so a provider has one line per currency it was charged in, each rounded to the \
            currency's minor unit; the table ends with one total per currency \
            (amounts in different currencies are never added). --json lists the lines, each with \
            its `currency`.

            Example:
              troupe costs --json
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lines = try global.openCatalog().costs()
        if global.json { return try Output.json(lines) }
        if lines.isEmpty { return Output.note("no paid calls yet") }
        let rows = lines.map {
            [$0.day, $0.provider, String($0.calls), $0.currency,
             Currency.text($0.charged, $0.currency), Currency.text($0.refunded, $0.currency), Currency.text($0.net, $0.currency)]
        }
        let totals = CostLine.totals(lines).map {
            ["total", "", String($0.calls), $0.currency,
             Currency.text($0.charged, $0.currency), Currency.text($0.refunded, $0.currency), Currency.text($0.net, $0.currency)]
        }
        Output.table(["DAY", "PROVIDER", "CALLS", "CURRENCY", "CHARGED", "REFUNDED", "NET"], rows + totals)
    }
}
