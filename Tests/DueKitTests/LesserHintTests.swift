import Foundation
import Testing
@testable import DueKit

/// Slips whose finding now says what was meant, and findings that only followed from another.
@Suite struct LesserHintTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
    }

    @Test func bucketsJoinedByCommasAreGivenWithSpaces() {
        let d = check("settings\n  currency GBP\n  buckets 30,60,90\n")
        #expect(d.map(\.code) == ["E120"])
        #expect(d.first?.hint == "separate the bounds with spaces, not commas: `buckets 30 60 90`")
    }

    @Test func aQuantityAndPriceWrittenAsOneWordAreGivenApart() {
        let d = check("settings\n  currency GBP\nclient a A\n2026-01-01 invoice a I\n  item Dev 2x50.00\n  item Ops 3@1,200.00\n")
        #expect(d.map(\.code) == ["E107", "E107"])
        #expect(d.map(\.hint) == ["write the quantity, `x` and the price as three words: `2 x 50.00`", "write the quantity, `@` and the price as three words: `3 @ 1,200.00`"])
    }

    @Test func aCurrencysNameIsAnsweredWithItsCode() {
        let d = check("client a A\n  currency EURO\nclient b B\n  currency pounds\n")
        #expect(d.map(\.code) == ["E115", "E115"])
        #expect(d.first?.hint == "did you mean EUR? A currency is its three-letter ISO 4217 code")
        #expect(d.last?.hint == "did you mean GBP? A currency is its three-letter ISO 4217 code")
    }

    /// A file of old Mac line endings is one line: E006 says so, and the first word, which
    /// holds the carriage return, is not also called a misspelt keyword.
    @Test func aLoneCarriageReturnIsReportedAlone() {
        let d = check("settings\r  currency  GBP\r\rclient acme Acme\r")
        #expect(d.map(\.code) == ["E006"])
    }
}
