import Foundation
import Testing
@testable import DueKit

/// A credit note's number is its own (E206, grammar.md §3.7): letters name credit notes by it,
/// and the exports give it as the transaction's code, as they give an invoice's number.
@Suite struct CreditNoteNumberTests {
    private func check(_ text: String) -> [Diagnostic] {
        Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
    }

    private func words(_ r: SourceRange, in text: String) -> String {
        String(decoding: Array(text.utf8)[Int(r.start)..<Int(r.end)], as: UTF8.self)
    }

    private let head = """
        settings
          currency GBP
        client a A
        2026-01-01 invoice a I
          total 100.00

        """

    @Test func aCreditNoteNumberUsedTwiceIsReportedWithTheFirst() throws {
        let text = head + """
            2026-01-02 credit a 10.00
              number CN-1
              apply I
            2026-01-03 credit a 10.00
              number   CN-1   ; again
              apply I 10.00

            """
        let d = check(text)
        #expect(d.map(\.code) == ["E206"])
        let e = try #require(d.first)
        #expect(e.message == "credit note number 'CN-1' is used twice")
        #expect(e.hint == "each credit note needs its own number: letters and exports name it by that number")
        #expect(words(e.range, in: text) == "CN-1")
        #expect(text.utf8.prefix(Int(e.range.start)).filter { $0 == 0x0A }.count + 1 == 10)
        let note = try #require(e.notes.first)
        #expect(note.message == "first used here")
        #expect(text.utf8.prefix(Int(note.range.start)).filter { $0 == 0x0A }.count + 1 == 7)
    }

    @Test func aCreditNoteNumberedAsAnInvoiceIsReported() throws {
        let text = head + """
            2026-01-04 credit a 10.00
              number I

            """
        let d = check(text)
        #expect(d.map(\.code) == ["E206"])
        #expect(d.first?.message == "credit note number 'I' is the number of invoice I")
        #expect(d.first?.notes.map(\.message) == ["invoice I is here"])
    }

    /// Credit notes without a number, or with numbers of their own, are fine.
    @Test func distinctOrMissingNumbersAreFine() {
        #expect(check(head + """
            2026-01-02 credit a 10.00
              number CN-1
            2026-01-03 credit a 10.00
              number CN-2
            2026-01-04 credit a 10.00
            2026-01-05 credit a 10.00

            """).isEmpty)
    }
}
