/// Bar, stacked-bar and line charts as SVG text, for the HTML report and the SVG files beside
/// the Markdown one. Plain markup only: colours come from CSS classes (`b0`…, `s0`…), so the
/// page's light, dark and print styles apply, and coordinates are rounded to a tenth so the same
/// figures always give the same bytes. Every bar is a `<rect class="bar …">` and nothing else
/// is, so a bar can be told from the axes and the legend.
public enum SVGChart {
    public static let width = 640
    public static let height = 260
    static let left = 72.0, right = 16.0, top = 34.0, bottom = 46.0

    /// One coloured part of a chart: a bar colour or a line.
    public struct Series: Sendable {
        public var name: String
        /// CSS class giving its colour.
        public var style: String
        public var values: [Int64?]

        public init(name: String, style: String, values: [Int64?]) {
            self.name = name
            self.style = style
            self.values = values
        }
    }

    /// How the values of a chart read: money of a currency, or days kept in tenths.
    public enum Unit: Sendable {
        case money(Currency)
        case tenthsOfDays

        func tick(_ v: Int64) -> String {
            switch self {
            case .money(let c):
                // Round ticks drop their decimals: "5,000", not "5,000.00".
                let p = Int64(MoneyFormat.pow10(c.precision))
                return v % p == 0 ? MoneyFormat.format(v / p, precision: 0) : MoneyFormat.format(v, precision: c.precision)
            case .tenthsOfDays: return v % 10 == 0 ? "\(v / 10)" : Tenths(Int(v)).description
            }
        }

        func value(_ v: Int64) -> String {
            switch self {
            case .money(let c): MoneyFormat.format(v, precision: c.precision) + " " + c.code
            case .tenthsOfDays: Tenths(Int(v)).description + " days"
            }
        }
    }

    /// Bars side by side, one per label, each its own colour class.
    public static func bars(title: String, labels: [String], values: [Int64], styles: [String], unit: Unit, standalone: Bool = false) -> String {
        let top = niceMax(values.max() ?? 0)
        var out = open(title: title, standalone: standalone)
        out += axes(top: top, unit: unit, labels: labels)
        let slot = plotWidth / Double(max(1, labels.count))
        for (k, v) in values.enumerated() where v > 0 {
            let h = plotHeight * Double(v) / Double(top)
            let x = left + slot * Double(k) + slot * 0.2
            out += rect(x: x, y: SVGChart.top + plotHeight - h, w: slot * 0.6, h: h, style: styles[k % styles.count], tip: "\(labels[k]): \(unit.value(v))")
        }
        return out + "</svg>\n"
    }

    /// One bar per label, made of the series stacked bottom-up; negative parts are left out of
    /// the drawing (the table beside shows them).
    public static func stacked(title: String, labels: [String], series: [Series], unit: Unit, standalone: Bool = false) -> String {
        let sums = labels.indices.map { k in series.reduce(Int64(0)) { $0 + max(0, $1.values[k] ?? 0) } }
        let top = niceMax(sums.max() ?? 0)
        var out = open(title: title, standalone: standalone)
        out += axes(top: top, unit: unit, labels: labels)
        let slot = plotWidth / Double(max(1, labels.count))
        for k in labels.indices {
            var base = 0.0
            for s in series {
                guard let v = s.values[k], v > 0 else { continue }
                let h = plotHeight * Double(v) / Double(top)
                out += rect(x: left + slot * Double(k) + slot * 0.15, y: SVGChart.top + plotHeight - base - h, w: slot * 0.7, h: h, style: s.style, tip: "\(labels[k]) \(s.name): \(unit.value(v))")
                base += h
            }
        }
        return out + legend(series) + "</svg>\n"
    }

    /// A line per series through the points it has (a missing value breaks nothing: the line
    /// joins the points around it), with a dot on each.
    public static func lines(title: String, labels: [String], series: [Series], unit: Unit, standalone: Bool = false) -> String {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let top = niceMax(all.max() ?? 0)
        var out = open(title: title, standalone: standalone)
        out += axes(top: top, unit: unit, labels: labels)
        let slot = plotWidth / Double(max(1, labels.count))
        for s in series {
            var points: [(Double, Double, Int64, Int)] = []
            for (k, v) in s.values.enumerated() {
                guard let v else { continue }
                let y = SVGChart.top + plotHeight - plotHeight * Double(max(0, v)) / Double(top)
                points.append((left + slot * (Double(k) + 0.5), y, v, k))
            }
            if points.count > 1 {
                out += "<polyline class=\"line \(s.style)\" points=\"" + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>\n"
            }
            for p in points {
                out += "<circle class=\"dot \(s.style)\" cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"3\"><title>\(HTMLText.escape("\(labels[p.3]) \(s.name): \(unit.value(p.2))"))</title></circle>\n"
            }
        }
        return out + legend(series) + "</svg>\n"
    }

    // MARK: - Parts

    static var plotWidth: Double { Double(width) - left - right }
    static var plotHeight: Double { Double(height) - top - bottom }

    /// The CSS a chart needs when it stands alone (an SVG file shown by a git host): the same
    /// colours as the page, dark text on light, light text on dark.
    public static let style = """
        text{font:11px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#24292f}
        .title{font-size:13px;font-weight:600}
        .grid{stroke:#d0d7de;stroke-width:1}
        .axis{stroke:#57606a;stroke-width:1}
        .line{fill:none;stroke-width:2}
        .b0{fill:#4c9f70}.b1{fill:#d9a520}.b2{fill:#e0782f}.b3{fill:#cf4336}.b4{fill:#8e2438}.b5{fill:#5b2a6e}
        .fw{fill:#3f7fd0}.fl{fill:#9bb7dd}.fr{fill:#c8553d}
        .s0{stroke:#3f7fd0;fill:#3f7fd0}.s1{stroke:#cf4336;fill:#cf4336}.s2{stroke:#4c9f70;fill:#4c9f70}.s3{stroke:#8250df;fill:#8250df}
        .line.s0,.line.s1,.line.s2,.line.s3{fill:none}
        @media (prefers-color-scheme: dark){text{fill:#e6edf3}.grid{stroke:#30363d}.axis{stroke:#8b949e}}
        """

    static func open(title: String, standalone: Bool) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        if standalone { out += "<style>\n\(style)\n</style>\n" }
        out += "<text class=\"title\" x=\"\(n(left))\" y=\"18\">\(HTMLText.escape(title))</text>\n"
        return out
    }

    static func axes(top: Int64, unit: Unit, labels: [String]) -> String {
        var out = ""
        for k in 0...4 {
            let v = top * Int64(k) / 4
            let y = SVGChart.top + plotHeight - plotHeight * Double(k) / 4
            out += "<line class=\"\(k == 0 ? "axis" : "grid")\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(Double(width) - right))\" y2=\"\(n(y))\"/>\n"
            out += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(unit.tick(v))</text>\n"
        }
        let slot = plotWidth / Double(max(1, labels.count))
        for (k, l) in labels.enumerated() {
            out += "<text x=\"\(n(left + slot * (Double(k) + 0.5)))\" y=\"\(n(SVGChart.top + plotHeight + 16))\" text-anchor=\"middle\">\(HTMLText.escape(l))</text>\n"
        }
        return out
    }

    static func legend(_ series: [Series]) -> String {
        var out = ""
        var x = left
        let y = Double(height) - 12
        for s in series {
            out += "<circle class=\"\(s.style)\" cx=\"\(n(x + 5))\" cy=\"\(n(y - 4))\" r=\"5\"/>\n"
            out += "<text x=\"\(n(x + 14))\" y=\"\(n(y))\">\(HTMLText.escape(s.name))</text>\n"
            x += 22 + 6.5 * Double(s.name.count)
        }
        return out
    }

    static func rect(x: Double, y: Double, w: Double, h: Double, style: String, tip: String) -> String {
        "<rect class=\"bar \(style)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\"><title>\(HTMLText.escape(tip))</title></rect>\n"
    }

    /// The smallest of 1, 2, 4, 6, 8 or 10 times a power of ten that holds `v`: ticks at
    /// quarters of it are round numbers.
    static func niceMax(_ v: Int64) -> Int64 {
        guard v > 0 else { return 4 }
        var p: Int64 = 1
        while p <= v / 10 { p *= 10 }
        for m: Int64 in [1, 2, 4, 6, 8, 10] where m * p >= v { return m * p }
        return 10 * p
    }

    /// A coordinate with at most one decimal, the same on every machine.
    static func n(_ x: Double) -> String {
        let q = Int((x * 10).rounded())
        let sign = q < 0 ? "-" : ""
        let a = q.magnitude
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }
}
