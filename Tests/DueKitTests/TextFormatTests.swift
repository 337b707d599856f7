import Testing
@testable import DueKit

/// The one money formatter and the one date formatter, against the plainest way to write each:
/// digits, a point, commas every three from the right.
@Suite struct TextFormatTests {
    /// Written the slow, obvious way, to hold the fast one to.
    static func reference(_ minor: Int64, precision: Int, grouping: Bool) -> String {
        let digits = String(minor.magnitude)
        let padded = String(repeating: "0", count: max(0, precision + 1 - digits.count)) + digits
        let whole = String(padded.dropLast(precision)), fraction = String(padded.suffix(precision))
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if grouping && i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (minor < 0 ? "-" : "") + grouped + (precision > 0 ? "." + fraction : "")
    }

    @Test func moneyOnEdgeValues() {
        let values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, 12_345, -12_345, 100_000, 999_999, 1_000_000, 123_456_789, -987_654_321, Int64.max, Int64.min, Int64.min + 1]
        for v in values {
            for p in [0, 1, 2, 3, 4, 18, 19, 22] {
                for g in [true, false] {
                    #expect(MoneyFormat.format(v, precision: p, grouping: g) == Self.reference(v, precision: p, grouping: g), "\(v) p\(p) g\(g)")
                }
            }
        }
        #expect(MoneyFormat.format(123_456_789, precision: 2) == "1,234,567.89")
        #expect(MoneyFormat.format(-5, precision: 2, grouping: false) == "-0.05")
        var text = ByteText()
        text.money(-123_456, precision: 2)
        text.byte(0x20)
        text.day(Day(ordinal: 0))
        #expect(text.string == "-1,234.56 1970-01-01")
    }

    /// A date written as bytes is its description, over the years four digits hold and past
    /// them on either side.
    @Test func daysWrittenAsBytesAreTheirDescription() {
        var ordinals: [Int32] = [-719_528, -719_529, -719_162, -1, 0, 1, 20_000, 2_932_896, 2_932_897, 3_000_000, -800_000]
        var rng = SplitMix(seed: 7)
        for _ in 0..<2_000 { ordinals.append(Int32(truncatingIfNeeded: Int(rng.next() % 3_700_000) - 750_000)) }
        for k in stride(from: Int32(19_000), to: 21_000, by: 1) { ordinals.append(k) }
        for ordinal in ordinals {
            var text = ByteText()
            text.byte(0x5B)
            text.day(Day(ordinal: ordinal))
            text.byte(0x5D)
            #expect(text.string == "[" + Day(ordinal: ordinal).description + "]", "\(ordinal)")
            // The long form a letter's table writes is the one `longDescription` gives.
            var long = ByteText()
            long.longDay(Day(ordinal: ordinal))
            #expect(long.string == Day(ordinal: ordinal).longDescription, "\(ordinal)")
        }
    }

    @Test func daysAreYearMonthDay() {
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day(ordinal: -719_162).description == "0001-01-01")
        #expect(Day(ordinal: 2_932_896).description == "9999-12-31")
        for ordinal: Int32 in [-1, 1, 20_000, 20_512] {
            let d = Day(ordinal: ordinal), c = d.components
            let expected = [String(c.year), String(c.month), String(c.day)].enumerated().map { k, s in
                String(repeating: "0", count: [4, 2, 2][k] - s.count) + s
            }.joined(separator: "-")
            #expect(d.description == expected)
        }
    }
}
