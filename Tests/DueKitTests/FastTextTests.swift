import Testing
@testable import DueKit

/// The fast formatters in reports promise the same bytes as `MoneyFormat` and `Day`.
@Suite struct FastTextTests {
    @Test func moneyMatchesMoneyFormatOnEdgeValues() {
        let values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 999, 1_000, 12_345, -12_345, 100_000, 999_999, 1_000_000, 123_456_789, -987_654_321, Int64.max, Int64.min, Int64.min + 1]
        for v in values {
            for p in 0...3 {
                for g in [true, false] {
                    #expect(FastText.money(v, precision: p, grouping: g) == MoneyFormat.format(v, precision: p, grouping: g), "\(v) p\(p) g\(g)")
                }
            }
        }
    }

    @Test func dayMatchesDayDescription() {
        for ordinal: Int32 in [-719_162, -1, 0, 1, 20_000, 20_512, 2_932_896] {
            let d = Day(ordinal: ordinal)
            #expect(FastText.day(d) == d.description)
        }
    }
}
