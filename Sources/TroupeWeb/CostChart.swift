import Foundation
import TroupeCatalog
import TroupeDomain

/// The costs page's bar chart as inline SVG: one panel per currency (each with its own scale,
/// since amounts in different currencies are never added), a bar per day stacked by provider.
enum CostChart {
    static let width = 960.0
    static let panelHeight = 200.0
    static let left = 64.0
    static let right = 16.0
    static let top = 28.0
    static let bottom = 28.0

    /// `<svg id="cost-chart">` for these lines; the net (charged less refunded) of each is drawn.
    static func svg(_ lines: [CostLine]) -> HTML {
        let currencies = Array(Set(lines.map(\.currency))).sorted()
        let providers = Array(Set(lines.map(\.provider))).sorted()
        let height = Double(currencies.count) * panelHeight + 36
        var parts: [HTML] = []
        for (index, currency) in currencies.enumerated() {
            parts.append(panel(lines.filter { $0.currency == currency }, currency: currency, providers: providers,
                               y: Double(index) * panelHeight))
        }
        // The legend: one swatch per provider.
        var x = left
        let legendY = height - 22
        for (index, provider) in providers.enumerated() {
            parts.append("<rect class=\"bar p\(index % 8)\" x=\"\(x)\" y=\"\(legendY)\" width=\"12\" height=\"12\" rx=\"2\"></rect><text class=\"legend\" x=\"\(x + 18)\" y=\"\(legendY + 11)\">\(provider)</text>")
            x += 30 + Double(provider.count) * 7.5
        }
        return """
            <svg id="cost-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" role="img" aria-label="Net spending by day, one panel per currency">\(parts)</svg>
            """
    }

    static func value(_ amount: Decimal) -> Double { NSDecimalNumber(decimal: amount).doubleValue }

    /// One currency's panel: axis, scale and a stacked bar per day.
    static func panel(_ lines: [CostLine], currency: String, providers: [String], y: Double) -> HTML {
        let days = Array(Set(lines.map(\.day))).sorted()
        var perDay: [String: Double] = [:]
        for line in lines { perDay[line.day, default: 0] += max(value(line.net), 0) }
        let top = perDay.values.max() ?? 0
        let scaleMax = niceCeiling(top)
        let plotWidth = width - left - right
        let plotHeight = panelHeight - Self.top - bottom
        let baseY = y + Self.top + plotHeight
        let slot = plotWidth / Double(max(days.count, 1))
        let barWidth = min(max(slot * 0.7, 2), 48)
        var parts: [HTML] = []
        parts.append("<text class=\"currency\" x=\"0\" y=\"\(y + 16)\">\(currency)</text>")
        // Gridlines at 0, half and the top of the scale.
        for fraction in [0.0, 0.5, 1.0] {
            let lineY = baseY - fraction * plotHeight
            let label = Currency.text(Decimal(scaleMax * fraction), currency)
            parts.append("<line class=\"grid\" x1=\"\(left)\" y1=\"\(lineY)\" x2=\"\(width - right)\" y2=\"\(lineY)\"></line><text class=\"axis\" x=\"\(left - 6)\" y=\"\(lineY + 4)\" text-anchor=\"end\">\(label)</text>")
        }
        let labelEvery = max(1, Int((Double(days.count) * 56 / plotWidth).rounded(.up)))
        for (index, day) in days.enumerated() {
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            var stackTop = baseY
            for (providerIndex, provider) in providers.enumerated() {
                guard let line = lines.first(where: { $0.day == day && $0.provider == provider }) else { continue }
                let amount = max(value(line.net), 0)
                let barHeight = scaleMax > 0 ? amount / scaleMax * plotHeight : 0
                stackTop -= barHeight
                let tip = "\(day) · \(provider) · \(Pages.money(line.net, currency)) net, \(line.calls) call\(line.calls == 1 ? "" : "s")"
                parts.append("<rect class=\"bar p\(providerIndex % 8)\" x=\"\(x)\" y=\"\(stackTop)\" width=\"\(barWidth)\" height=\"\(max(barHeight, amount > 0 ? 1 : 0))\"><title>\(tip)</title></rect>")
            }
            if index % labelEvery == 0 {
                parts.append("<text class=\"axis\" x=\"\(x + barWidth / 2)\" y=\"\(baseY + 16)\" text-anchor=\"middle\">\(String(day.suffix(5)))</text>")
            }
        }
        return "<g class=\"panel\" data-currency=\"\(currency)\">\(parts)</g>"
    }

    /// A round number at or above `value` for the top of a scale (1, 2, 2.5 or 5 times a power of ten).
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * power >= value { return step * power }
        return 10 * power
    }
}
