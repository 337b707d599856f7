import Testing
@testable import DueKit

/// Tables laid out in plain text pad each cell to the columns a terminal draws it in, not to
/// its count of characters: a client named in Chinese or with an emoji no longer pushes the
/// columns after it out of line.
@Suite struct TableDisplayWidthTests {
    static let ledger = """
        settings
          currency GBP

        client acme Acme Widgets Ltd

        client bolt 株式会社ボルト

        client rocket Rocket 🚀 Co

        client cafe Cafe\u{301} Cre\u{300}me

        2026-09-01 invoice acme A-1
          total 100.00

        2026-09-01 invoice bolt B-1
          total 2000.00

        2026-09-01 invoice rocket R-1
          total 30.00

        2026-09-01 invoice cafe C-1
          total 30.00

        """

    @Test func displayWidthCountsWideCharactersTwiceAndMarksNever() {
        #expect(DisplayWidth.of("Acme Widgets Ltd") == 16)
        #expect(DisplayWidth.of("株式会社ボルト") == 14)
        #expect(DisplayWidth.of("Rocket 🚀 Co") == 12)
        #expect(DisplayWidth.of("Cafe\u{301} Cre\u{300}me") == 10)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
        #expect(DisplayWidth.of("ＡＢ") == 4)
    }

    /// Before, the names were padded by scalars: `株式会社ボルト` (7) took 14 columns and put its
    /// figures seven to the right, `Rocket 🚀 Co` one, and the decomposed `Café Crème` two to
    /// the left.
    @Test func agingSummaryLinesUpNamesInChineseWithEmojiAndAccents() {
        let r = load(Self.ledger)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let report = AgingReport.build(r.ledger, asOf: Day(year: 2026, month: 11, day: 1)!)
        let text = AgingRenderer(report).text()
        let table = text.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.hasPrefix("Client ") }.prefix(8).joined(separator: "\n")
        #expect(table == """
            Client     Name              Current  1–30     31–60  61–90  over 90     Total  Disputed  Promised
            ---------  ----------------  -------  ----  --------  -----  -------  --------  --------  --------
            acme       Acme Widgets Ltd     0.00  0.00    100.00   0.00     0.00    100.00      0.00      0.00
            bolt       株式会社ボルト       0.00  0.00  2,000.00   0.00     0.00  2,000.00      0.00      0.00
            cafe       Cafe\u{301} Cre\u{300}me           0.00  0.00     30.00   0.00     0.00     30.00      0.00      0.00
            rocket     Rocket 🚀 Co         0.00  0.00     30.00   0.00     0.00     30.00      0.00      0.00
            ---------  ----------------  -------  ----  --------  -----  -------  --------  --------  --------
            Total GBP                       0.00  0.00  2,160.00   0.00     0.00  2,160.00      0.00      0.00
            """)
        // Every line of it is as wide on screen as the rule under the header.
        let lines = table.split(separator: "\n").map(String.init)
        let ends = lines.map { DisplayWidth.of($0) }
        #expect(Set(ends).count == 1, "\(ends)")
    }

    /// The agenda's lines pad the client id the same way: the action after `北京` stands where
    /// the one after `acme` does.
    @Test func agendaActionsLineUpAfterAWideClientID() {
        let r = load("""
            settings
              currency GBP

            client acme Acme Ltd

            client 北京 Beijing Trading

            2026-09-01 invoice acme A-1
              total 100.00

            2026-09-01 invoice 北京 B-1
              total 200.00

            """)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
        let day = Day(year: 2026, month: 11, day: 1)!
        let agenda = Agenda.build(ledger: r.ledger, sheet: BalanceEngine.balances(r.ledger, asOf: day), asOf: day)
        let text = AgendaRenderer.render(agenda, format: .text, ledgerName: "t.due")
        let firsts = text.split(separator: "\n").filter { $0.dropFirst(1).hasPrefix(". ") }.map(String.init)
        #expect(firsts.count == 2, "\(text)")
        // The action starts after the same number of columns on both lines.
        let starts = firsts.map { line -> Int in
            let action = line.range(of: "  ", options: [], range: line.index(line.startIndex, offsetBy: 3)..<line.endIndex)!
            let after = line[action.lowerBound...].prefix { $0 == " " }
            return DisplayWidth.of(String(line[..<action.lowerBound])) + after.count
        }
        #expect(starts[0] == starts[1], "\(firsts)")
    }

    /// A letter's plain-text table pads the same way.
    @Test func aLettersPlainTableLinesUpAWideDescription() {
        let md = LetterMarkdown("""
            | Invoice | For | Amount |
            | --- | --- | ---: |
            | A-1 | 设计 | 100.00 |
            | A-2 | Design | 50.00 |
            """)
        #expect(md.plainText() == """
            Invoice  For     Amount
            -------  ------  ------
            A-1      设计    100.00
            A-2      Design   50.00

            """)
    }
}
