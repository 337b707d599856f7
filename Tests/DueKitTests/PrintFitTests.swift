import Foundation
import Testing
@testable import DueKit

/// A printed letter keeps its closing with the paragraph before it, and a reminder that just
/// overruns its page is set a little smaller to fit it.
@Suite struct PrintFitTests {
    /// A reminder in two currencies: its table, with two totals per currency, and the
    /// paragraphs about what is not yet due ran the last paragraph and the signature onto a
    /// second sheet.
    static let twoCurrencies = """
        settings
          currency  GBP
          holidays  england

        sender Fenwick Design Ltd
          contact  Ruth Fenwick
          email    accounts@fenwick.example
          phone    +44 1904 555 010
          address  3 Mill Lane
          address  York YO1 7HH
          bank     Sort code 20-00-00, account 12345678
          bank     EUR IBAN GB29 NWBK 6016 1331 9268 19, BIC NWBKGB2L

        client vanto Vanto Logistics BV
          contact       Pieter de Vries
          greeting      Pieter
          email         ap@vanto.example
          address       Keizersgracht 1
          address       1015 CS Amsterdam
          terms         net 30
          methods       bank transfer

        2026-01-05 invoice vanto V-101
          for    Warehouse signage, UK site
          currency GBP
          total  2,400.00

        2026-01-12 invoice vanto V-102
          for    Rotterdam depot wayfinding
          currency EUR
          total  3,150.00

        2026-02-02 invoice vanto V-103
          for    Fleet livery mock-ups
          currency GBP
          total  860.00

        """

    func reminder() throws -> (html: String, md: String) {
        let dir = try temporaryDirectory()
        let ledger = dir + "/two.due"
        try Self.twoCurrencies.write(toFile: ledger, atomically: true, encoding: .utf8)
        let r = try DueRun.run(["letters", "--as-of", "2026-02-08", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        let base = dir + "/two.letters/2026-02-08-vanto-reminder"
        return (base + ".html", try String(contentsOfFile: base + ".md", encoding: .utf8))
    }

    @Test func aLabelRunsAcrossTheEmptyCellsToItsFigure() throws {
        let (html, _) = try reminder()
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<tr><td colspan=\"5\"><strong>Total open in GBP</strong></td><td class=\"num\"><strong>3,260.00 GBP</strong></td>"))
        // The descriptions, not the labels' column, take the width that is left.
        #expect(page.contains("<td class=\"wide\">Warehouse signage, UK site</td>"))
    }

    @Test func aReminderJustOverItsPageIsSetSnugAndPrintsOnOne() throws {
        let (html, md) = try reminder()
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<body class=\"snug\">"))
        #expect(page.contains(".close { break-inside: avoid; page-break-inside: avoid; break-before: avoid;"))
        let layout = LetterLayout(LetterMarkdown(md), senderName: "Fenwick Design Ltd", clientName: "Vanto Logistics BV")
        let height = PrintLetter.estimatedHeight(layout.body)
        #expect(height > PrintLetter.pageRoom && height * PrintLetter.snugRatio <= PrintLetter.pageRoom, "\(height) mm")
        guard let chromium = externalTool("chromium"), let pdftotext = externalTool("pdftotext") else { return }
        let pdf = html + ".pdf"
        let r = try runTool(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://" + html])
        #expect(r.status == 0)
        let text = try runTool(pdftotext, ["-layout", pdf, "-"]).out
        #expect(text.contains("Kind regards,") && text.contains("Total open in EUR"))
        // pdftotext ends every page with a form feed.
        #expect(text.filter { $0 == "\u{0C}" }.count == 1, "\(text)")
    }

    @Test func shortAndLongLettersKeepTheirType() {
        func paragraph(_ words: Int) -> LetterMarkdown.Block {
            .paragraph([LetterMarkdown.Line(inlines: [.text(Array(repeating: "word", count: words).joined(separator: " "))], hardBreak: false)])
        }
        let short = [paragraph(20), paragraph(40), paragraph(3)]
        #expect(!PrintLetter.fitsSnug(short))
        let row: [[LetterMarkdown.Inline]] = [[.text("A-1")], [.text("1 March 2026")], [.text("Design")], [.text("100.00 GBP")]]
        let table = LetterMarkdown.Block.table(alignments: [.none, .none, .none, .right], header: row, rows: Array(repeating: row, count: 60))
        // Sixty invoices run on to a second page in the usual type, however small it were set.
        #expect(PrintLetter.estimatedHeight([table]) > PrintLetter.pageRoom / PrintLetter.snugRatio)
        #expect(!PrintLetter.fitsSnug([paragraph(30), table, paragraph(30)]))
    }
}
