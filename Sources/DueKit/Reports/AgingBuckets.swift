/// The columns of an aging report: Current, then one bucket per upper bound, then "over" the
/// last bound. `[30, 60, 90]` gives Current, 1–30, 31–60, 61–90 and over 90.
public struct AgingBuckets: Sendable, Hashable {
    /// Increasing upper bounds in days.
    public let bounds: [Int]

    public init?(bounds: [Int]) {
        guard !bounds.isEmpty, bounds.allSatisfy({ $0 > 0 }), zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.bounds = bounds
    }

    public static let standard = AgingBuckets(bounds: [30, 60, 90])!

    /// Parses `15,30,60` (commas or spaces).
    public static func parse(_ text: String) -> AgingBuckets? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " })
        var values: [Int] = []
        for p in parts {
            guard let v = Int(p) else { return nil }
            values.append(v)
        }
        return AgingBuckets(bounds: values)
    }

    public var count: Int { bounds.count + 2 }

    /// Index of the bucket for an age in days: 0 (Current) for zero or less.
    public func index(days: Int) -> Int {
        if days <= 0 { return 0 }
        for (k, b) in bounds.enumerated() where days <= b { return k + 1 }
        return bounds.count + 1
    }

    /// Labels for people: `Current`, `1–30`, …, `over 90`.
    public var labels: [String] { names(current: "Current", dash: "–", over: "over ") }

    /// ASCII keys for CSV headers and JSON: `current`, `1-30`, …, `over-90`.
    public var keys: [String] { names(current: "current", dash: "-", over: "over-") }

    private func names(current: String, dash: String, over: String) -> [String] {
        var out = [current]
        var low = 1
        for b in bounds {
            out.append("\(low)\(dash)\(b)")
            low = b + 1
        }
        out.append("\(over)\(bounds.last!)")
        return out
    }
}
