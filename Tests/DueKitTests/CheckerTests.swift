import Foundation
import Testing
@testable import DueKit

private let asOf = Day(year: 2026, month: 11, day: 20)!

private func check(_ text: String) -> [Diagnostic] {
    Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: asOf)
}

private let head = """
    settings
      currency GBP
    client acme Acme Widgets Ltd
    client beta Beta Bakeries
    2026-03-02 invoice acme 2026-001
      total 1,200.00
    2026-03-03 invoice beta 2026-002
      total 500.00

    """

@Suite struct CheckerTests {
    /// The resolver finds; rules judge. Loading records what it met as facts and reports none of
    /// it; the check words each fact once, where it stands.
    @Test func theResolverRecordsFactsAndTheRulesWordThem() {
        let text = """
            client acme Acme
              currency GBP
            client acme Acme again
            client bare Bare Ltd
            2026-03-02 invoice acme A-1
              item Work 1 x 10.00
              total 11.00
            2026-03-03 invoice acme A-1
              total 1.005
            2026-03-04 invoice acme A-2
              currency EUR
              tax 20%
              total 5.00
            2026-03-05 payment bare 10

            """
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        #expect(load.diagnostics.isEmpty)
        #expect(load.ledger.facts.count == 7)
        let found = Checker.check(load, asOf: asOf)
        let lines = found.map { d in text.utf8.prefix(Int(d.range.start)).filter { $0 == 0x0A }.count + 1 }
        // (Nothing of 'bare' is judged open or not: its money has no currency, E308.)
        #expect(found.map(\.code) == ["E201", "E303", "E202", "E301", "E304", "W303", "E308"])
        #expect(lines == [3, 7, 8, 9, 11, 12, 14])
    }

    /// An entry whose date is not one is still read: its details' errors come in the same run,
    /// and what names it is not told it does not exist, nor a plan that its unread instalment
    /// does not add up.
    @Test func anEntryWithABadDateIsStillCheckedAndCausesNoFalseErrors() {
        let d = check(head + """
            2026-02-30 invoice acme A-1
              itme x
              total 100,50
            2026-04-01 payment acme 100.00
              apply A-1
            2026-04-02 plan acme 200.00
              for 2026-001
              2026-04-31 100.00
              2026-05-31 100.00

            """)
        #expect(d.map(\.code) == ["E104", "E108", "E107", "E104"], "\(d.map { "\($0.code) \($0.message)" })")
        // The amounts and the numbers of the entry itself are not read into the ledger.
        #expect(!d.contains { $0.code == "E204" || $0.code == "E407" })
    }

    /// An amount's diagnostic points at the amount, not at the keyword before it; a currency's
    /// at the code; an unknown currency is not called XXX.
    /// A no-break space pasted where a space belongs is named in the hint of whatever error it
    /// causes; a decimal comma is answered with the amount written with a point.
    @Test func hintsNameAPastedNoBreakSpaceAndADecimalComma() {
        let d = check(head + "2026-03-05\u{A0}payment acme 100.00\n2026-03-06 payment acme 100.00\n  apply\u{A0}2026-001\n2026-03-07 payment acme 1\u{A0}000.00\n2026-03-08 invoice acme A-9\n  total 100,50\n")
        #expect(d.map(\.code) == ["E103", "E108", "E107", "E107"], "\(d.map(\.message))")
        #expect(d.prefix(3).allSatisfy { $0.hint?.hasPrefix("it holds U+00A0 NO-BREAK SPACE") == true })
        #expect(d.last?.hint == "a point marks the decimals: write 100.50")
    }

    /// W415 says what the surplus paid, not what it cleared with a discount, and counts a
    /// discount given back as payment as what the named invoice took.
    @Test func aSurplusThatPaysDiscountedInvoicesIsToldInMoney() {
        let text = """
            settings
              currency GBP
            client c C
              terms 2/10 net 30
            2026-01-01 invoice c A
              total 100.00
            2026-01-02 invoice c B
              total 100.00
            2026-01-03 invoice c Z
              total 1000.00
            2026-01-05 payment c 245.00
              apply A

            """
        let d = Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 1, day: 10)!)
        let w = d.first { $0.code == "W415" }
        #expect(w?.message == "the payment of 245.00 GBP is 145.00 more than invoice A had open (100.00)")
        #expect(w?.hint == "the 145.00 paid invoices B (98.00) and Z (47.00); if the amount is mistyped, correct it, or write the amount on `apply`")
    }

    /// An amountless `apply` line that is itself an error (another client's invoice, one in
    /// another currency, one issued later) is the mistake: W415 does not add what the money
    /// left over did, as if the line were right.
    @Test func anApplyLineInErrorGetsNoSurplusWarning() {
        func codes(_ payment: String, _ apply: String) -> [String] {
            check(head + """
                2026-03-04 invoice beta 2026-003
                  currency EUR
                  total 1.00
                2026-03-05 \(payment)
                  apply \(apply)

                """).map(\.code)
        }
        // Beta's payment is 100.00 more than Acme's 2026-001 had open: that follows from E205.
        #expect(codes("payment beta 1,300.00", "2026-001") == ["E205"])
        #expect(codes("payment beta 5.00 GBP", "2026-003") == ["E307"])
        let later = check(head + """
            2026-03-05 payment beta 505.00
              apply 2026-002
            2026-03-06 payment acme 5.00
              apply 2026-004
            2026-03-07 invoice acme 2026-004
              total 1.00

            """)
        #expect(later.map(\.code) == ["W415", "E403"], "\(later.map(\.message))")
        #expect(later.first?.message == "the payment of 505.00 GBP is 5.00 more than invoice 2026-002 had open (500.00)")
    }

    @Test func amountDiagnosticsPointAtTheAmount() {
        let text = head + """
            2026-04-01 invoice acme A-1
              total 1.200
            2026-04-02 invoice acme A-2
              item Work 1 x 5.00
              total 5.00 EUR
            2026-04-03 writeoff acme 2026-001 5000.00

            """
        let bytes = Array(text.utf8)
        func word(_ code: String) -> String? {
            check(text).first { $0.code == code }.map { String(decoding: bytes[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self) }
        }
        #expect(word("E301") == "1.200")
        #expect(word("E304") == "EUR")
        #expect(word("E406") == "5000.00")
        let noCurrency = Checker.check(LedgerLoader.load(bytes: Array("client beta Beta\n2026-03-04 invoice beta B-1\n  total 1.200\n".utf8), path: "t.due"), asOf: asOf)
        #expect(noCurrency.first { $0.code == "E301" }?.message == "1.200 has more decimals than its currency allows (2): is it 1.20, or 1,200.00 written with a dot between the thousands?")
    }

    /// A write-off of more than its invoice has open (E406) is not counted at all, rather than
    /// taken as writing off what was open: a balance assertion judges the balance without it,
    /// and one that fails names it among its notes.
    @Test func aWriteOffRefusedForMoreThanIsOpenIsNotCounted() {
        let text = head + """
            2026-04-01 payment acme 1,000.00
              apply 2026-001
            2026-04-02 writeoff acme 2026-001 500.00
            2026-04-03 balance acme 2026-001 200.00
            2026-04-03 balance acme 0.00

            """
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        let d = Checker.check(load, asOf: asOf)
        let e406 = d.first { $0.code == "E406" }
        #expect(e406?.message == "the write-off of 500.00 is more than invoice 2026-001 has open on 2026-04-02 (200.00): it is not counted")
        #expect(e406?.hint == "write the amount still open (200.00), or none to write off all of it; or check the invoice number")
        // The invoice still has its 200.00 open: its assertion holds; the client's fails, saying why.
        let e405 = d.filter { $0.code == "E405" }
        #expect(e405.count == 1)
        #expect(e405.first?.message == "'acme' owes 200.00 GBP at the end of 2026-04-03, not 0.00 as asserted (difference 200.00)")
        #expect(e405.first?.notes.first?.message == "not counted: the write-off of 500.00 on 2026-04-02 of invoice 2026-001, more than it had open (E406)")
        let sheet = BalanceEngine.balances(load.ledger, asOf: asOf)
        #expect(sheet.writtenOff == [0])
        #expect(sheet.invoices[load.ledger.invoiceIndex["2026-001"]!].open == 20_000)
        // An assertion before the write-off, or about another invoice, does not name it.
        let before = check(head + "2026-04-01 balance acme 1.00\n2026-04-02 writeoff acme 2026-001 5000.00\n")
        #expect(before.first { $0.code == "E405" }?.notes.contains { $0.message.hasPrefix("not counted") } == false)
    }

    @Test func duplicateInvoiceAcrossIncludedFilesPointsAtBothFiles() throws {
        let dir = try temporaryDirectory()
        try "client acme Acme\n  currency GBP\n2025-11-03 invoice acme 2025-007\n  total 10\n".write(toFile: dir + "/old.due", atomically: true, encoding: .utf8)
        try "include old.due\n2026-01-12 invoice acme 2025-007\n  total 20\n".write(toFile: dir + "/main.due", atomically: true, encoding: .utf8)
        let load = try LedgerLoader.load(path: dir + "/main.due")
        let d = Checker.check(load, asOf: asOf)
        #expect(d.map(\.code) == ["E202"])
        #expect(load.ledger.files[Int(d[0].range.file)].path.hasSuffix("main.due"))
        #expect(load.ledger.files[Int(d[0].notes[0].range.file)].path.hasSuffix("old.due"))
    }

    /// An `apply` without an amount on a payment larger than the invoice had open: the surplus
    /// settles later invoices or becomes credit, and W415 says how much and where it went.
    @Test func amountlessApplyOnALargerPaymentWarnsWithTheSurplus() {
        let more = head + """
            2026-03-10 invoice acme 2026-003
              total 300.00
            2026-04-01 payment acme 1,700.00
              apply 2026-001

            """
        let d = check(more)
        #expect(d.map(\.code) == ["W415"])
        #expect(d[0].message == "the payment of 1,700.00 GBP is 500.00 more than invoice 2026-001 had open (1,200.00)")
        #expect(d[0].hint?.hasPrefix("the 500.00 paid invoice 2026-003 (300.00); 200.00 became credit on account for 'acme'") == true, "\(d[0].hint ?? "")")
        // The same money applied with its amount, or exactly what was open, is not warned about.
        #expect(check(head + "2026-04-01 payment acme 1,200.00\n  apply 2026-001\n").isEmpty)
        #expect(check(head + "2026-04-01 payment acme 1,700.00\n  apply 2026-001 1,200.00\n").isEmpty)
    }

    @Test func unknownClientSuggestsTheNearestId() {
        let d = check(head + "2026-04-01 note acmy call\n")
        #expect(d.map(\.code) == ["E203"])
        #expect(d[0].hint == "did you mean 'acme'?")
    }

    @Test func unknownInvoiceSuggestsANumberOfThatClient() {
        let d = check(head + "2026-04-01 letter acme reminder\n  invoices 2026-01\n")
        #expect(d.map(\.code) == ["E204"])
        #expect(d[0].hint == "did you mean '2026-001'?")
    }

    @Test func everyKindOfEntryIsCheckedForAnotherClientsInvoice() {
        let d = check(head + """
            2026-04-01 writeoff beta 2026-001 10.00
            2026-04-02 note beta email
              dispute 2026-001 Wrong
            2026-04-03 letter beta reminder
              invoices 2026-001
            2026-04-04 balance beta 2026-001 0.00

            """)
        #expect(d.filter { $0.code == "E205" }.count == 4)
    }

    @Test func letterNamingAnInvoiceNotYetIssuedIsAnError() {
        let d = check(head + "2026-02-01 letter acme courtesy\n  invoices 2026-001\n")
        #expect(d.map(\.code) == ["E403"])
    }

    @Test func paymentInTheInvoicesCurrencyIsFine() {
        let d = check(head + "2026-03-20 payment acme 1,200.00 GBP\n  apply 2026-001\n")
        #expect(d.isEmpty)
    }

    @Test func planShowsBothSumsWhenInstalmentsDoNotAddUp() {
        let d = check(head + "2026-04-01 plan acme 1,200.00\n  for 2026-001\n  2026-05-01 600.00\n  2026-06-01 500.00\n")
        #expect(d.map(\.code) == ["E407"])
        #expect(d[0].message.contains("1,100.00") && d[0].message.contains("1,200.00"))
    }

    @Test func instalmentsOnTheSameDayAreOutOfOrder() {
        let d = check(head + "2026-04-01 plan acme 1,200.00\n  2026-05-01 600.00\n  2026-05-01 600.00\n")
        #expect(d.map(\.code) == ["E408"])
    }

    @Test func resolvingADisputeOpenedEarlierIsFine() {
        let d = check(head + """
            2026-04-10 note acme call
              resolved 2026-001 Sorted
            2026-04-01 note acme email
              dispute 2026-001 Not approved

            """)
        #expect(d.isEmpty, "notes are taken in date order, not file order")
    }

    @Test func resolvingTwiceIsAnErrorWithANoteToTheFirst() {
        let d = check(head + """
            2026-04-01 note acme email
              dispute 2026-001 Not approved
            2026-04-10 note acme call
              resolved 2026-001 Sorted
            2026-04-11 note acme call
              resolved 2026-001 Sorted again

            """)
        #expect(d.map(\.code) == ["E410"])
        #expect(d[0].notes.count == 1)
    }

    @Test func promiseForTheDayOfTheNoteIsFine() {
        #expect(check(head + "2026-04-01 note acme call\n  promise 2026-04-01\n").isEmpty)
    }

    @Test func letterCrossingAPaymentOnTheSameDayIsFine() {
        let d = check(head + "2026-04-06 payment acme 1,200.00\n  apply 2026-001\n2026-04-06 letter acme reminder\n  invoices 2026-001\n")
        #expect(d.isEmpty)
    }

    @Test func thanksLetterForAPaidInvoiceIsFine() {
        let d = check(head + "2026-04-06 payment acme 1,200.00\n  apply 2026-001\n2026-04-09 letter acme thanks\n  invoices 2026-001\n")
        #expect(d.isEmpty)
    }

    /// The ladder follows an invoice under any form of its number, a number no invoice has,
    /// and a client's letters that name no invoice, each on its own.
    @Test func ladderIsFollowedForUnknownNumbersAndLettersNamingNone() {
        let d = check(head + """
            2026-05-01 invoice acme caf\u{E9}-1
              total 100.00
            2026-05-02 letter acme final
              invoices X-9 cafe\u{301}-1
            2026-05-03 letter acme demand
            2026-06-10 letter acme reminder
              invoices X-9
            2026-06-11 letter acme reminder
              invoices caf\u{E9}-1
            2026-06-12 letter acme final
            2026-06-13 letter acme reminder
              invoices 2026-001

            """)
        let ladder = d.filter { $0.code == "W414" }.map(\.message)
        #expect(ladder == [
            "a reminder letter after the final letter of 2026-05-02 for invoice X-9",
            "a reminder letter after the final letter of 2026-05-02 for invoice caf\u{E9}-1",
            "a final letter after the demand letter of 2026-05-03 to 'acme'",
        ], "\(d.map(\.message))")
        #expect(d.filter { $0.code == "E204" }.count == 2)
    }

    /// A stated GBP sum off the UK band is warned about on an invoice open and past due (W310):
    /// the invoice's own sum at the invoice, a client's once at the client, naming its first
    /// invoice; a sum on the band, or on a paid invoice, is not. `compensation statutory` in a
    /// currency without a statutory sum is W311, on a client or an invoice.
    @Test func compensationOffTheBandAndStatutoryWithoutASumAreWarnedAbout() {
        let d = check("""
            settings
              currency GBP

            client acme Acme Ltd
              compensation 50.00
            client beta Beta Ltd
            client yen Yen KK
              currency JPY
              compensation statutory
            client usd Dollar Inc
              currency USD

            2026-01-05 invoice acme A-1
              total 500.00
            2026-01-06 invoice acme A-2
              total 2,000.00
            2026-01-07 invoice beta B-1
              total 500.00
              compensation 70.00
            2026-01-08 invoice beta B-2
              total 5,000.00
              compensation 70.00
            2026-01-09 invoice beta B-3
              total 500.00
              compensation 10.00
            2026-01-10 payment beta 500.00
              apply B-3
            2026-01-11 invoice yen Y-1
              total 100000
            2026-01-12 invoice usd U-1
              total 100.00
              compensation statutory

            """)
        #expect(d.map(\.code) == ["W310", "W311", "W310", "W311"], "\(d.map(\.message))")
        #expect(d[0].message == "compensation of 50.00 GBP on invoice A-1 (total 500.00) differs from the UK statutory sum for that size of debt, 40.00 GBP")
        #expect(d[0].notes.map(\.message) == ["invoice A-1 takes its client's compensation"])
        #expect(d[2].message.contains("70.00 GBP on invoice B-1") && d[2].notes.isEmpty)
        #expect(d[1].message.contains("for 'yen'") && d[3].message.contains("on invoice U-1, in USD"))
    }

    @Test func ladderIsFollowedPerInvoice() {
        // A final notice for one invoice does not stop a first reminder for another.
        let d = check(head + """
            2026-05-01 invoice acme 2026-003
              total 100.00
            2026-05-02 letter acme final
              invoices 2026-001
            2026-06-10 letter acme reminder
              invoices 2026-003
            2026-06-20 letter acme follow-up
              invoices 2026-001

            """)
        #expect(d.map(\.code) == ["W414"])
        #expect(d[0].message.contains("follow-up letter after the final letter"))
    }

    /// The ladder follows each of thousands of invoices on its own, and every one that steps
    /// down is reported once, however many others the letters name before and after.
    @Test func ladderIsFollowedForThousandsOfInvoices() {
        var text = head
        for k in 0..<3_000 { text += "2026-05-01 invoice acme L-\(k)\n  total 100.00\n" }
        // Every invoice gets a final notice; every third then a reminder, which steps down.
        for k in 0..<3_000 { text += "2026-05-02 letter acme final\n  invoices L-\(k)\n" }
        for k in stride(from: 0, to: 3_000, by: 3) { text += "2026-06-02 letter acme reminder\n  invoices L-\(k)\n" }
        // A demand for the others climbs, and a follow-up after it steps down again.
        for k in 0..<3_000 where k % 3 != 0 { text += "2026-06-03 letter acme demand\n  invoices L-\(k)\n" }
        text += "2026-06-04 letter acme follow-up\n  invoices L-1 L-2999\n"
        let ladder = check(text).filter { $0.code == "W414" }
        #expect(ladder.count == 1_000 + 1)
        #expect(ladder.filter { $0.message.contains("reminder letter after the final letter") }.count == 1_000)
        #expect(ladder.last?.message.contains("follow-up letter after the demand letter") == true)
    }

    @Test func manyUnknownReferencesStayCheap() {
        // Hints are searched for a bounded number of unknown ids; the rest are still reported.
        var text = head
        for k in 0..<2_000 { text += "2026-04-01 letter acme reminder\n  invoices X\(k)\n" }
        let d = check(text)
        #expect(d.filter { $0.code == "E204" }.count == 2_000)
    }

    @Test func idTableFindsTheFirstOfARepeatedIdAndNothingForAnUnknownOne() {
        let t = IDTable(["a", "2026-001", "b", "2026-001", ""])
        #expect(t.index("2026-001") == 1)
        #expect(t.index("b") == 2)
        #expect(t.index("") == 4)
        #expect(t.index("2026-01") == nil)
    }

    /// A failed balance assertion's notes point at the entries behind each movement: a payment
    /// applied to no invoice at the payment, not at the invoice it paid.
    @Test func aFailedAssertionPointsAtAnUnappliedPayment() {
        let text = "settings\n  currency GBP\nclient a Alpha\n2026-01-01 invoice a A-1\n  total 100.00\n2026-01-05 payment a 30.00\n2026-01-31 balance a A-1 0\n"
        let d = check(text)
        #expect(d.map(\.code) == ["E405"])
        let bytes = Array(text.utf8)
        let lines = d.first?.notes.map { n in String(decoding: bytes[Int(n.range.start)..<Int(n.range.end)], as: UTF8.self) } ?? []
        #expect(lines == ["2026-01-01 invoice a A-1", "2026-01-05 payment a 30.00"])
    }

    /// Small words of messages: a write-off in an assertion's notes, a detail that is not a
    /// setting, a total with no tax to add.
    @Test func messagesSayWrittenOffASettingAndAPlainSum() {
        let d = check("settings\n  currency GBP\n  colour blue\nclient a Alpha\n2026-01-01 invoice a A-1\n  total 100.00\n2026-01-05 writeoff a A-1 40.00\n2026-01-31 balance a A-1 0\n2026-02-01 invoice a A-2\n  item Work 1 x 50.00\n  total 60.00\n")
        #expect(d.first { $0.code == "E108" }?.message == "'colour' is not a setting")
        #expect(d.first { $0.code == "E405" }?.notes.map(\.message).contains { $0.hasPrefix("2026-01-05 written off 40.00") } == true)
        #expect(d.first { $0.code == "E303" }?.hint == "items come to 50.00 GBP; correct the total or the items")
    }

    /// A client who asks for letters by post needs an address; one who states no channel, or
    /// takes email, is not warned about for having none.
    @Test func aClientTakingLettersByPostWithNoAddressIsWarnedAbout() {
        let text = """
            settings
              currency GBP
            client byPost Post Ltd
              channel post
            client addressed Addressed Ltd
              channel post
              address 1 High Street
            client byEmail Email Ltd
              channel email
              email ap@email.example
            client unstated Unstated Ltd

            """
        let d = check(text)
        #expect(d.map(\.code) == ["W418"])
        #expect(d.first?.message == "'byPost' takes letters by post, but it has no `address`")
        let bytes = Array(text.utf8)
        #expect(d.first.map { String(decoding: bytes[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self) } == "byPost")
    }

    /// A sender with no `email` makes every letter one for post, and `due sent` records each so:
    /// warned once, at the sender, when clients would take email. Before: no word at all.
    @Test func aSenderWithNoEmailIsWarnedAboutOnceWhenClientsTakeEmail() {
        let text = """
            settings
              currency GBP
            sender Test Studio Ltd
              contact Sam Lee
            client one One Ltd
              email ap@one.example
            client two Two Ltd
              email ap@two.example
              channel email
            client paper Paper Ltd
              email ap@paper.example
              channel post
              address 1 High Street

            """
        let d = check(text)
        #expect(d.map(\.code) == ["W433"])
        #expect(d.first?.message == "clients have email addresses but the sender has none: letters are drafted for post only")
        #expect(d.first?.hint == "add `email` to the sender")
        let bytes = Array(text.utf8)
        #expect(d.first.map { String(decoding: bytes[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self).hasPrefix("sender Test Studio Ltd") } == true)
        // With a sender email, or only clients who take post, nothing is said.
        #expect(check(text.replacingOccurrences(of: "  contact Sam Lee\n", with: "  contact Sam Lee\n  email sam@test.example\n")).isEmpty)
        let postOnly = "settings\n  currency GBP\nsender Test Studio Ltd\nclient paper Paper Ltd\n  email ap@paper.example\n  channel post\n  address 1 High Street\n"
        #expect(check(postOnly).isEmpty)
    }

    /// `1.200` GBP is as likely 1,200 with a dot between the thousands as 1.20: refused, the
    /// hint giving both, as any amount with more decimals than its currency has.
    @Test func zerosPastTheCurrencysDecimalsAreRefused() {
        let d = check(head + "2026-11-20 payment acme 1.200\n2026-11-20 payment acme 1.2000\n2026-11-20 payment beta 12.50\n")
        #expect(d.map(\.code) == ["E301", "E301"])
        #expect(d.first?.message == "1.200 has more decimals than GBP allows (2): is it 1.20, or 1,200.00 written with a dot between the thousands?")
        #expect(d.last?.hint == "write 1.20")
    }

    /// A unit price may have more decimals than its currency, but `1.500` reads as much as
    /// 1,500 as 1.50: warned of, whether the items are kept (the editor) or only added up
    /// (`due check`), and priced as written. A price that needs its third decimal, one of
    /// less than 1, and one in a currency of three decimals are not.
    @Test func aUnitPriceThatMayBeThousandsIsWarnedOf() throws {
        let text = head + """
            client kw Kuwait Trading
              currency KWD
            2026-03-04 invoice acme P-1
              item Design days 4 x 1.500
              item Fuel 10 x 1.205
              item Stamps 8 x 0.500
            2026-03-05 invoice kw P-2
              item Design days 2 x 1.500
            2026-03-06 invoice acme P-3
              item Licence 12.000 GBP

            """
        for keeping in [true, false] {
            let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due", keepingItems: keeping)
            let d = Checker.check(load, asOf: asOf)
            #expect(d.map(\.code) == ["W313", "W313"], "keeping items: \(keeping)")
            #expect(d.first?.message == "unit price 1.500 has three decimals: is it 1.50, or 1,500.00 written with a dot between the thousands?")
            #expect(d.last?.hint == "write 12.00, or 12,000.00: thousands are grouped with commas, and a dot starts the decimals")
            #expect(d.first.map { String(decoding: Array(text.utf8)[Int($0.range.start)..<Int($0.range.end)], as: UTF8.self) } == "1.500")
            let p1 = try #require(load.ledger.invoices.first { $0.number == "P-1" })
            let expected: Int64 = 4 * 150 + 1205 + 400
            #expect(p1.total == expected)
        }
    }

    /// A compensation written in another currency than its invoice's (or its client's) is an
    /// error, not a sum taken in the invoice's currency; a detail that takes one value says
    /// what follows it is unexpected, rather than reading past it.
    @Test func compensationInAnotherCurrencyAndWordsAfterAValueAreReported() {
        let d = check("""
            settings
              currency GBP
            client acme Acme
              compensation 40.00 USD
            client beta Beta
              interest 8% a year
            2026-01-10 invoice acme A-1
              total 100.00
              compensation 5,000 JPY
            2026-01-11 invoice acme A-2
              total 100.00 GBP
              compensation 40.00 GBP
              due 2026-02-01 maybe
              currency GBP EUR

            """)
        #expect(d.map(\.code).sorted() == ["E106", "E106", "E106", "E304", "E304"])
        #expect(d.contains { $0.message == "the compensation is in USD but client 'acme' pays in GBP" })
        #expect(d.contains { $0.message == "the compensation is in JPY but the invoice is in GBP" })
        #expect(d.contains { $0.message == "unexpected 'a year' after `interest 8%`" && $0.hint?.hasPrefix("write the whole yearly rate as one figure") == true })
        #expect(d.contains { $0.message == "unexpected 'maybe' after `due 2026-02-01`" })
        #expect(!d.contains { $0.code == "W310" })
    }

    /// A setting counted in days reads no week or month as that many days, and takes nothing
    /// but `days` after its number; a credit-note number is one word; a rate not read is
    /// reported once, not again for the words after it.
    @Test func settingsAndNumbersTakeNothingAfterTheirValue() {
        let d = check("""
            settings
              currency GBP
              reminder-after 1 week
              demand-after 60 days
              reply-days 10 working days
              cadence 7 14 21
              courtesy 5 days
              final-after 3 x
              aging issue date
            client acme Acme
              interest 8 %
            2026-01-01 invoice acme A-1
              total 10.00
            2026-01-02 credit acme 10.00
              number CN 1

            """)
        #expect(d.filter { $0.code == "E106" }.map(\.message) == [
            "unexpected 'week' after `reminder-after 1`",
            "unexpected 'working days' after `reply-days 10`",
            "unexpected '21' after `cadence 7 14`",
            "unexpected 'x' after `final-after 3`",
            "unexpected 'date' after `aging issue`",
            "unexpected '1' after `number CN`",
        ])
        #expect(d.filter { $0.code == "E114" }.count == 1)
    }

    /// A client's compensation in another currency is claimed on none of its invoices.
    @Test func aClientsCompensationInAnotherCurrencyIsNotClaimed() throws {
        let load = LedgerLoader.load(bytes: Array("""
            settings
              currency GBP
            client acme Acme
              currency EUR
              compensation 40.00 GBP
            client beta Beta
              compensation 40.00 GBP
            2026-01-10 invoice acme A-1
              total 100.00
            2026-01-10 invoice beta B-1
              total 100.00

            """.utf8), path: "t.due")
        let sheet = BalanceEngine.balances(load.ledger, asOf: asOf)
        let a = try LateClaim(invoices: [0], ledger: load.ledger, sheet: sheet)
        let b = try LateClaim(invoices: [1], ledger: load.ledger, sheet: sheet)
        #expect(a.isEmpty)
        #expect(b.lines.map(\.compensation) == [40_00])
    }

    /// A client's compensation written without a currency is in the currency an amount takes:
    /// the file's, for a client with none; the one its invoices are all in, with neither; and,
    /// for a client billed in two currencies with neither, in none: claimed on none of its
    /// invoices, and warned of (W314), where it was claimed once in each.
    @Test func aClientsCompensationWithoutACurrencyIsInTheCurrencyAnAmountTakes() throws {
        let clients = """
            client acme Acme
              compensation 40.00
            2026-01-10 invoice acme A-1
              total 100.00
              currency GBP
            2026-01-10 invoice acme A-2
              total 100.00
              currency EUR

            """
        let filed = LedgerLoader.load(bytes: Array(("settings\n  currency GBP\n" + clients).utf8), path: "t.due")
        let filedSheet = BalanceEngine.balances(filed.ledger, asOf: asOf)
        #expect(try LateClaim(invoices: [0], ledger: filed.ledger, sheet: filedSheet).lines.map(\.compensation) == [40_00])
        #expect(try LateClaim(invoices: [1], ledger: filed.ledger, sheet: filedSheet).isEmpty)
        #expect(!check("settings\n  currency GBP\n" + clients).contains { $0.code == "W314" })

        let unplaced = LedgerLoader.load(bytes: Array(clients.utf8), path: "t.due")
        let unplacedSheet = BalanceEngine.balances(unplaced.ledger, asOf: asOf)
        #expect(try LateClaim(invoices: [0, 1], ledger: unplaced.ledger, sheet: unplacedSheet).isEmpty)
        let d = check(clients).filter { $0.code == "W314" }
        #expect(d.map(\.message) == ["the compensation 40.00 of client 'acme' names no currency, and its invoices are in EUR and GBP: it is claimed on none of them"])
        #expect(d.first.map { String(decoding: clients.utf8.dropFirst(Int($0.range.start)).prefix(Int($0.range.end - $0.range.start)), as: UTF8.self) } == "compensation 40.00")

        let sole = LedgerLoader.load(bytes: Array(clients.replacingOccurrences(of: "currency EUR", with: "currency GBP").utf8), path: "t.due")
        let soleSheet = BalanceEngine.balances(sole.ledger, asOf: asOf)
        #expect(try LateClaim(invoices: [0, 1], ledger: sole.ledger, sheet: soleSheet).lines.map(\.compensation) == [40_00, 40_00])
    }

    /// `1.234` is offered as 1,234 too, not only rounded to 1.23; `0.125` and `1,200.005` are
    /// no thousands. A client's compensation of `1.200` is refused as an invoice's is.
    @Test func threeDecimalsAfterOneToThreeFiguresAreOfferedAsThousands() {
        let d = check(head + "2026-11-20 payment acme 1.234\n2026-11-20 payment acme 0.125\n2026-11-20 payment acme 1,200.005\nclient gamma Gamma\n  compensation 1.200\n")
        #expect(d.map(\.code) == ["E301", "E301", "E301", "E301"])
        #expect(d[0].message == "1.234 has more decimals than GBP allows (2): is it 1,234.00 written with a dot between the thousands?")
        #expect(d[0].hint == "write 1,234.00, or round it to 2 decimals: thousands are grouped with commas, and a dot starts the decimals")
        #expect(d[1].hint == "round it to 2 decimals" && d[2].hint == "round it to 2 decimals")
        #expect(d[3].message == "1.200 has more decimals than GBP allows (2): is it 1.20, or 1,200.00 written with a dot between the thousands?")
    }

    /// An item is priced from its last figures: a description holding `N x P` of its own, or
    /// ending in `x` after a number, is warned of with what the item was read as; `Phase 2`
    /// and `3 x 4 walls` are descriptions.
    @Test func anItemWhoseDescriptionHoldsAQuantityAndPriceIsWarnedOf() {
        let d = check(head + """
            2026-01-01 invoice acme I-1
              item Design 2 x 250.00 x 3
              item Design 2 x 250.00 GBP 500.00
              item Phase 2 500.00
              item 3 x 4 walls 2 x 100.00

            """)
        #expect(d.map(\.code) == ["W123", "W123"])
        #expect(d.first?.message == "this item is read as 250.00 x 3 of 'Design 2 x': its description holds a quantity and price of its own")
    }

    /// W310 bands by the debt that was late, as a demand does: 40.00 on 1,200.00 of which
    /// 300.00 was paid in time is the band; 70.00 on it is not.
    @Test func w310BandsByTheDebtThatWasLate() {
        let d = check("settings\n  currency GBP\nclient acme Acme\n2026-01-01 invoice acme A\n  total 1,200.00\n  compensation 40.00\n2026-01-20 payment acme 300.00\n  apply A\n2026-01-01 invoice acme B\n  total 1,200.00\n  compensation 70.00\n2026-01-20 payment acme 300.00\n  apply B\n2026-01-01 invoice acme C\n  total 1,200.00\n  compensation 40.00\n")
        #expect(d.map(\.message) == [
            "compensation of 70.00 GBP on invoice B (1,200.00, of which 900.00 was owed and unpaid on its due date) differs from the UK statutory sum for that size of debt, 40.00 GBP",
            "compensation of 40.00 GBP on invoice C (total 1,200.00) differs from the UK statutory sum for that size of debt, 70.00 GBP",
        ])
    }

    /// W415 names what the amountless line's invoice had open, not that and the amount written
    /// on another line of the same payment.
    @Test func aSurplusBesideALineWithAnAmountNamesEachApart() {
        let d = check(head + "2026-03-20 payment beta 1,000.00\n  apply 2026-002\n" + "2026-03-21 invoice acme 2026-003\n  total 600.00\n2026-03-22 payment acme 1,000.00\n  apply 2026-001 100.00\n  apply 2026-003\n")
        let w = d.filter { $0.code == "W415" }.map(\.message)
        #expect(w == [
            "the payment of 1,000.00 GBP is 500.00 more than invoice 2026-002 had open (500.00)",
            "the payment of 1,000.00 GBP is 300.00 more than its `apply` lines took: 100.00 written on them, and the 600.00 invoice 2026-003 had open",
        ])
    }

    /// A loss written off an invoice is paid back by money named to it, but it was not open:
    /// W415 says the two apart. By hand: 1,200.00, 400.00 written off, 1,400.00 paid by name:
    /// 800.00 open, 400.00 paid back, 200.00 over.
    @Test func aSurplusAfterALossPaidBackSaysTheLossApart() {
        let d = check(head + "2026-03-20 writeoff acme 2026-001 400.00\n  reason gone quiet\n2026-04-01 payment acme 1,400.00\n  apply 2026-001\n")
        #expect(d.filter { $0.code == "W415" }.map(\.message) == [
            "the payment of 1,400.00 GBP is 200.00 more than invoice 2026-001 had open and written off as a loss (800.00 open and 400.00 written off)",
        ])
    }

    /// What the surplus of an amountless `apply` pays is listed with a loss it takes back on
    /// another invoice: 2026-001 written off in full as a loss; 1,000.00 named to 2026-003
    /// (600.00 open) leaves 400.00, which pays 2026-004's 300.00 (rule 4) and then 100.00 of
    /// 2026-001's loss back (rule 5), nothing on account.
    @Test func aSurplusThatTakesBackALossListsIt() {
        let text = head + """
            2026-03-20 writeoff acme 2026-001
              reason gone quiet
            2026-03-21 invoice acme 2026-003
              total 600.00
            2026-03-22 invoice acme 2026-004
              total 300.00
            2026-04-01 payment acme 1,000.00
              apply 2026-003

            """
        let d = check(text).filter { $0.code == "W415" }
        #expect(d.map(\.message) == ["the payment of 1,000.00 GBP is 400.00 more than invoice 2026-003 had open (600.00)"])
        #expect(d.first?.hint == "the 400.00 paid invoices 2026-004 (300.00) and 2026-001 (100.00); if the amount is mistyped, correct it, or write the amount on `apply`")
        let sheet = BalanceEngine.balances(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due").ledger, asOf: asOf)
        #expect(sheet.invoices[0].lost == 110_000 && sheet.invoices[0].paid == 10_000)
        #expect(sheet.creditOnAccount.isEmpty)
        // The same after 50.00 paid to 2026-003 first, which let go of 2026-001 in passing: the
        // list is in the order the money went, as before.
        let earlier = check(text.replacingOccurrences(of: "2026-04-01 payment", with: "2026-03-25 payment acme 50.00\n2026-04-01 payment")).filter { $0.code == "W415" }
        #expect(earlier.map(\.message) == ["the payment of 1,000.00 GBP is 450.00 more than invoice 2026-003 had open (550.00)"])
        #expect(earlier.first?.hint == "the 450.00 paid invoices 2026-004 (300.00) and 2026-001 (150.00); if the amount is mistyped, correct it, or write the amount on `apply`")
    }

    /// An entry indented by mistake reads as a detail of the entry above: the hint says to
    /// take the indentation away, not which details an invoice takes.
    @Test func anIndentedEntryIsToldToLoseItsIndentation() {
        let d = check(head + "  2026-03-20 payment acme 100.00\n")
        #expect(d.map(\.code) == ["E108"])
        #expect(d.first?.hint == "this looks like a new entry: write its date at the start of the line, without indentation")
    }

    /// Where a currency goes, digits are the rest of an amount written with a space between
    /// its thousands (the hint gives the amount they make, `1 200,00` with its decimal comma
    /// too, when its groups are of three), and a code in small letters is that code: each hint
    /// says so.
    @Test func aCurrencyThatIsNotOneSaysWhatItLooksLike() {
        let d = check(head + "2026-03-20 payment acme 1 000.00\n2026-03-20 payment acme 1 200,00\n2026-03-20 payment acme 1 20.00\n2026-03-21 payment acme 10.00 gbp\n2026-03-22 payment acme 10.00 QQ\n")
        #expect(d.map(\.code) == ["E115", "E115", "E115", "E115", "E115"])
        #expect(d.map { $0.hint ?? "" } == [
            "an amount is one word, its thousands grouped with commas: write 1,000.00",
            "an amount is one word, its thousands grouped with commas: write 1,200.00",
            "an amount is one word: group thousands with commas (1,000.00), not spaces",
            "currency codes are written in capitals: GBP",
            "use the three capital letters of ISO 4217, e.g. GBP, EUR, USD",
        ])
    }
}

/// W422 names the day the invoice was settled as it stood at the write-off, not a later day
/// a loss paid back moved it to.
@Suite struct WriteOffOfNothingTests {
    @Test func theSettledDayIsTheOneBeforeTheWriteOff() {
        let d = check("""
            settings
              currency GBP
            client acme Acme Widgets Ltd
            2026-01-02 invoice acme A-1
              total 100.00
            2026-03-01 writeoff acme A-1
              reason gone quiet
            2026-03-10 writeoff acme A-1
              reason again
            2026-04-01 payment acme 100.00
              apply A-1

            """).filter { $0.kind.code == "W422" }
        #expect(d.map(\.message) == ["invoice A-1 has nothing open on 2026-03-10 (settled on 2026-03-01): this write-off writes off nothing"])
    }
}

@Suite struct OverAllocationTests {
    /// An `apply` without an amount above a line with one takes what its invoice has open: the
    /// message does not say the amounts add up to more than the payment when they do not, and
    /// names the line that took the money.
    @Test func anAmountlessApplyAboveIsNamedAsWhatTookTheMoney() {
        let d = check(head + "2026-03-10 payment acme 1,200.00\n  apply 2026-001\n  apply 2026-001 50.00\n")
        let e = d.filter { $0.code == "E402" }
        #expect(e.count == 1)
        #expect(e.first?.message == "the lines above leave 0.00 of the payment of 1,200.00 GBP for this one")
        #expect(e.first?.hint?.hasPrefix("`apply 2026-001` has no amount, so it took all its invoice had open") == true)
        // Amounts alone that add up to more: said as it is.
        let plain = check(head + "2026-03-10 payment acme 100.00\n  apply 2026-001 80.00\n  apply 2026-001 50.00\n").filter { $0.code == "E402" }
        #expect(plain.first?.message == "the amounts applied add up to more than the payment of 100.00 GBP")
        #expect(plain.first?.hint == "only 20.00 was left for this line")
    }

    /// Amounts written that add up to more than the payment are E402 though the invoice had
    /// less open than the first asked for: what that line asked beyond it was not there for
    /// the next. The W401 surpluses then add up to the credit on account (160.00 + 500.00).
    @Test func amountsBeyondThePaymentAreCaughtAfterAPartPayment() {
        let d = check(head + """
            2026-03-05 payment acme 100.00
              apply 2026-001
            2026-03-10 payment acme 2,000.00
              apply 2026-001 1,500.00
              apply 2026-001 600.00

            """)
        let e = d.filter { $0.code == "E402" }
        #expect(e.count == 1)
        #expect(e.first?.hint == "only 500.00 was left for this line")
        #expect(d.filter { $0.code == "W401" }.map(\.message) == [
            "invoice 2026-001 is paid 400.00 more than it had open (1,100.00)",
            "invoice 2026-001 is paid 500.00 more than it had open (0.00)",
        ])
    }
}

@Suite struct HeaderRecoveryTests {
    /// A note's `mail` may mean an email or a letter by post, as a client's `channel mail` may
    /// (W426, read as post there): the hint names both and does not take it for email.
    @Test func aNoteByMailIsNotTakenForEmail() {
        let d = check(head + """
            2026-03-10 note acme mail
              said Will pay Friday

            """)
        #expect(d.filter { $0.code == "E118" }.map { "\($0.message) | \($0.hint ?? "")" } == ["'mail' is not a channel | `mail` may mean an email or a letter by post: write `email` or `letter`"])
    }

    /// A header that cannot be read in full (an unknown channel or stage, an amount or a
    /// currency written another way) does not hide the problems of its details: one run
    /// reports them all, and each hint says what to type.
    @Test func aBadHeaderStillHasItsDetailsChecked() {
        let d = check(head + """
            2026-03-10 note acme phone
              promise 2026-03-05
              dispute 2026-009 wrong
            2026-03-11 payment acme 100.00 £
              apply 2026-001 all
            2026-03-12 letter acme remindr
              invoices 2026-001
            2026-03-13 payment acme £100
            2026-03-14 payment acme 1.200,50

            """)
        let found = d.map { "\($0.code) \($0.hint ?? "")" }
        #expect(found.contains("E118 write `call`"))
        #expect(d.contains { $0.code == "E411" })
        #expect(d.contains { $0.code == "E204" })
        #expect(found.contains("E115 write the currency's code, not its sign: GBP"))
        #expect(found.contains("E107 an `apply` without an amount pays all the invoice has open: leave `all` out"))
        #expect(found.contains("E118 did you mean 'reminder'?"))
        #expect(found.contains("E107 write the amount without the sign, and its currency code after it if it is not the ledger's: 100 GBP"))
        #expect(found.contains("E107 commas group the thousands and a point marks the decimals: write 1,200.50"))
        // Left out, the payments pay nothing: no warning follows from them.
        #expect(!d.contains { $0.code == "W404" || $0.code == "W401" })
    }
}

@Suite struct KnockOnTests {
    /// A payment or an assertion naming a client no `client` entry defines is told so (E203),
    /// and not also that nothing of that client is open (W404) or that it owes another sum
    /// (E405): both follow from the one mistake, and send the reader after another.
    @Test func anUndefinedClientIsOneMistakeNotABalanceFinding() {
        let d = check(head + "2026-10-09 payment Acme 5.00\n2026-10-09 balance Acme 5.00\n2026-10-10 payment beta 5.00\n2026-10-11 balance beta 9.00\n")
        #expect(d.map(\.code).sorted() == ["E203", "E203", "E405"], "\(d.map(\.message))")
        #expect(d.filter { $0.code == "E203" }.map(\.hint) == ["did you mean 'acme'?", "did you mean 'acme'?"])
        // A defined client's balance is still checked.
        #expect(d.first { $0.code == "E405" }?.message.hasPrefix("'beta' owes 495.00 GBP") == true)
    }

    /// An invoice whose item, total or tax cannot be read is left out, as one whose date cannot
    /// be: what applies money to it is not told it paid more than the invoice had open (W401,
    /// W415), its total not that it differs from the items read (E303), and its client, whose
    /// balance is not known, not that nothing of it is open (W404) or that it owes another sum
    /// (E405).
    @Test func anInvoiceWhoseFiguresCannotBeReadIsOneMistake() {
        let d = check(head + """
            client gamma Gamma Ltd
            2026-10-01 invoice acme 2026-010
              item Work   1 x 1,2000.00
              item Other  1 x 100.00
              total 12,100.00
            2026-10-02 invoice acme 2026-011
              total 1,44.00
            2026-10-03 invoice acme 2026-012
              item Work 1 x 100.00
              tax 20
            2026-10-04 invoice gamma 2026-013
              item Work one x 100.00
            2026-10-10 payment acme 12,100.00
              apply 2026-010
            2026-10-10 payment acme 144.00
              apply 2026-011 144.00
            2026-10-10 payment acme 120.00
              apply 2026-012
            2026-10-11 payment gamma 100.00
            2026-10-12 balance gamma 0.00

            """)
        #expect(d.map(\.code).sorted() == ["E107", "E107", "E114", "E117"], "\(d.map(\.message))")
    }
}

extension CheckerTests {
    /// An invoice whose total or an item is written in another currency than the invoice's
    /// (E304) has figures that cannot be trusted: it is left out as one whose figures cannot be
    /// read, so the payment, credit note and write-off applied to it, the plan and letter that
    /// name it and its client's balance are judged by nothing it says. A client without such a
    /// mistake is still checked.
    @Test func anInvoiceWithFiguresInAnotherCurrencyIsOneMistake() {
        let d = check(head + """
            2026-10-01 invoice acme 2026-010
              total 100.00 GPB
            2026-10-02 invoice acme 2026-011
              item Work 1 x 144.00 EUR
            2026-10-10 payment acme 120.00
              apply 2026-010
            2026-10-10 payment acme 144.00 EUR
              apply 2026-011 144.00
            2026-10-11 credit acme 10.00
              number CN-1
              apply 2026-010
            2026-10-12 writeoff acme 2026-010 5.00
            2026-10-13 plan acme 100.00
              for 2026-010
              2026-11-13 100.00
            2026-10-14 letter acme reminder
              invoices 2026-010
            2026-10-15 balance acme 2026-010 0.00
            2026-10-15 balance acme 0.00
            2026-10-15 balance beta 9.00

            """)
        #expect(d.map(\.code) == ["E304", "E304", "E405"], "\(d.map { "\($0.code) \($0.message)" })")
        #expect(d.first?.message == "the total is in GPB but the invoice is in GBP")
    }
}

@Suite struct TypingHintTests {
    /// Mistakes a newcomer makes, each with a hint that says what to type.
    @Test func eachHintSaysWhatToType() {
        let d = check(head + "2026-3-4 invoice acme X-1\n  total 10.00\n  tax VAT 20\n2026-03-05 invoice acme X-2\n  total 10.00\n  tax VAT 20 %\n2026-03-06 invoice 2026-777 acme\n  total 10.00\n2026-03-07 payment acme\u{A0}100.00\n")
        let hints = d.map { "\($0.code) \($0.hint ?? "")" }
        #expect(hints.contains("E103 month and day take two digits each: write 2026-03-04"))
        #expect(hints.contains("E114 write it with its percent sign: 20%"))
        #expect(hints.contains("E114 write the % straight after the number, with no space"))
        #expect(hints.contains("E203 'acme' is a client: the client id comes first, then the invoice number (`invoice acme 2026-777`)"))
        #expect(hints.contains("E112 if it separates two words, type a plain space in its place; inside the client id, leave it out"))
    }
}

@Suite struct PlanOverlapTests {
    /// A plan that takes in every open invoice of an earlier plan replaces it: no warning. One
    /// that shares an invoice and leaves another of that plan out is warned of (W421).
    @Test func onlyAPlanThatSharesWithoutReplacingIsWarnedOf() {
        let plans = head + """
            2026-03-05 invoice acme 2026-003
              total 300.00
            2026-04-01 plan acme 1,500.00
              for 2026-001 2026-003
              2026-05-01 1,500.00

            """
        let replacing = check(plans + "2026-04-10 plan acme 1,500.00\n  for 2026-001 2026-003\n  2026-06-01 1,500.00\n")
        #expect(!replacing.contains { $0.code == "W421" })
        let sharing = check(plans + "2026-04-10 plan acme 1,200.00\n  for 2026-001\n  2026-06-01 1,200.00\n")
        #expect(sharing.filter { $0.code == "W421" }.map(\.message) == ["invoice 2026-001 is also in the plan of 2026-04-01, which this plan does not replace: that plan covers invoice 2026-003 as well"])
    }
}

/// A description ending in a unit of work and a bare count, before a price with no `x`, may be
/// a quantity whose `x` was left out (W123, grammar.md §3.5); writing the quantity silences it,
/// and a number after any other word (`Phase 2`, `Sprint 14`) names the work.
@Suite struct CountEndingDescriptionTests {
    @Test func aCountBeforeAPriceWithoutAnXIsAskedAbout() throws {
        let text = head + """
            2026-01-01 invoice acme I-1
              item  Consulting hours 10 150.00
              item  Translation pages 12 10.00 GBP
              item  Consulting hours 10 x 150.00
              item  Consulting hours 10 1 x 150.00
              item  Phase 1 500.00
              item  Phase 2 500.00
              item  Sprint 14 4,000.00
              item  Retainer November 2026 1,500.00
              item  Hours 007 50.00
              item  10 150.00

            """
        let d = check(text)
        #expect(d.map(\.code) == ["W123", "W123"])
        let first = try #require(d.first)
        #expect(first.message == "this item is one unit of 'Consulting hours 10' at 150.00: is it 10 x 150.00?")
        #expect(first.hint == "for 10 of them write `item Consulting hours 10 x 150.00`; for one, write `item Consulting hours 10 1 x 150.00`")
        #expect(String(decoding: Array(text.utf8)[Int(first.range.start)..<Int(first.range.end)], as: UTF8.self) == "10 150.00")
        #expect(d[1].message == "this item is one unit of 'Translation pages 12' at 10.00: is it 12 x 10.00?")
    }
}

/// `channel mail` may mean email or the post: letters go by post, and the check says so
/// (W426), where it was read as post without a word.
@Suite struct ChannelWordTests {
    private func check(_ channel: String) -> [Diagnostic] {
        let text = "settings\n  currency GBP\n\nclient acme Acme\n  email    ap@acme.example\n  address  1 Road\n  channel  \(channel)\n"
        return Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "t.due"), asOf: Day(year: 2026, month: 4, day: 1)!)
    }

    @Test func mailAloneIsWarnedOfWithTheWordsThatSayWhich() throws {
        let d = check("mail")
        #expect(d.map(\.code) == ["W426"])
        let w = try #require(d.first)
        #expect(w.message == "`channel mail` may mean email or post: 'acme' is sent letters by post")
        #expect(w.hint == "write `channel email` for letters by email, or `channel post` for letters by post")
        #expect(w.range.start == 89)
    }

    @Test func aChannelThatSaysWhichIsNotWarnedOf() {
        for channel in ["email", "e-mail", "E-Mail", "post", "letter", "snail mail", "email, mail", "Mail (post)", "phone"] {
            #expect(check(channel).isEmpty, "\(channel)")
        }
        #expect(check("Mail").map(\.code) == ["W426"])
    }
}
