import Testing
import Dispatch
@testable import DueKit

/// What the resolver links once for the stages after it: each `apply` line's invoice, and each
/// invoice's brief.
@Suite struct ResolverLinkTests {
    static let text = """
        settings
          currency GBP
        client acme Acme
        client zo\u{E9} Zoé
          currency EUR
        2026-01-02 invoice acme A-1
          total 100.00
        2026-01-02 invoice zo\u{E9} Z-1
          terms 2/10 net 30
          total 50.00
        2026-01-03 invoice ghost G-1
          total 10.00
        2026-01-04 invoice acme A-1
          total 1.00
        2026-01-05 payment acme 10.00
          apply A-1
          apply Z-1
          apply G-1
          apply NOPE
        2026-01-06 payment ghost 10.00
          apply G-1
        2026-01-07 payment zoe\u{301} 5.00 EUR
          apply Z-1

        """

    /// Every invoice's brief says what the invoice says; every `apply` line names the first
    /// invoice with its number, on one thread or several.
    @Test func briefsAndLinksAgreeWithTheInvoices() {
        let parsed = LedgerLoader.parse(bytes: Array(Self.text.utf8), path: "l.due", parallel: false)
        var one = parsed, many = parsed
        LedgerResolver.resolve(&one.ledger, parallelMinimum: .max)
        LedgerResolver.resolve(&many.ledger, parallelMinimum: 1)
        for l in [one.ledger, many.ledger] {
            #expect(l.briefs.count == l.invoices.count)
            for (i, inv) in l.invoices.enumerated() {
                #expect(l.briefs[i].currency == inv.currency && l.briefs[i].clientNumber == inv.clientNumber)
                #expect(l.briefs[i].offersDiscount == (inv.discountDeadline != nil))
            }
            #expect(l.allocations.map(\.target) == [0, 1, 2, nil, 2, 1])
        }
        #expect(one.ledger.briefs == many.ledger.briefs)
        #expect(one.ledger.allocations == many.ledger.allocations)
    }

    /// A ledger resolved again after its invoices moved links each line where a fresh
    /// resolution links it: stale links are not kept.
    @Test func resolvingAgainAfterAnEditLinksAsAFreshResolution() {
        var l = LedgerLoader.load(bytes: Array(Self.text.utf8), path: "l.due").ledger
        l.invoices.swapAt(0, 1)
        l.invoices[2].number = "G-2"
        var fresh = l
        for k in fresh.allocations.indices { fresh.allocations[k].target = nil }
        LedgerResolver.resolve(&l)
        LedgerResolver.resolve(&fresh)
        #expect(l.allocations == fresh.allocations)
        #expect(l.allocations.map(\.target) == [1, 0, nil, nil, nil, 0])
        #expect(l.briefs == fresh.briefs)
    }

    /// The reference check compares clients as the resolver found them: an id in another
    /// Unicode form is the same client (E203 says how it is written), an undefined client's
    /// invoice belongs to no defined client, and the same undefined id is the same client.
    @Test func invoicesOfOtherClientsAreFoundByTheResolversClients() {
        let d = Checker.check(LedgerLoader.load(bytes: Array(Self.text.utf8), path: "l.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
        let e205 = d.filter { $0.code == "E205" }.map(\.message)
        #expect(e205 == ["invoice Z-1 belongs to 'zo\u{E9}', not to 'acme'", "invoice G-1 belongs to 'ghost', not to 'acme'"], "\(d.map(\.message))")
        #expect(d.filter { $0.code == "E203" }.count == 3)
        #expect(d.filter { $0.code == "E204" }.map(\.message) == ["this payment names invoice NOPE, which does not exist"])
    }
}

extension ResolverLinkTests {
    /// The resolver finds each `apply` line by walking on through the payments, as `lookUp`
    /// asks: every line, or every few, in order, with payments without lines and payments
    /// whose lines do not follow the previous payment's (a ledger's payments reordered).
    @Test func walkingThroughThePaymentsFindsEachLineWithItsPayment() {
        let text = """
            client acme Acme
            2026-01-05 payment acme 1.00
            2026-01-05 payment acme 10.00
              apply A-1
              apply A-2
              apply A-3
            2026-01-06 payment acme 2.00
            2026-01-07 payment acme 3.00
              apply A-4
            2026-01-08 payment acme 4.00
              apply A-5
              apply A-6

            """
        let parsed = LedgerLoader.parse(bytes: Array(text.utf8), path: "l.due", parallel: false).ledger
        var reordered = parsed.payments
        reordered.swapAt(1, 4)
        for payments in [parsed.payments, reordered] {
            let lines = payments.indices.flatMap { p in payments[p].allocationRange.map { (Int($0), p) } }
            #expect(lines.count == 6)
            payments.withUnsafeBufferPointer { payments in
                for step in 1...4 {
                    var walk = LedgerResolver.LineWalk(payments)
                    for k in stride(from: step - 1, to: lines.count, by: step) {
                        let found = walk.at(k)
                        #expect(found.line == lines[k].0 && found.payment == lines[k].1, "step \(step), line \(k)")
                    }
                }
            }
        }
    }
}

extension ResolverLinkTests {
    /// The resolver looks clients up a group at a time; each invoice and payment still gets the
    /// client `clientIndex` finds for it (an id in another Unicode form finds the same client, an
    /// undefined one none), across the groups' edges, on one thread or several.
    @Test func everyInvoiceAndPaymentGetsTheClientTheIndexFinds() {
        let ids = ["acme", "zo\u{E9}", "zoe\u{301}", "ghost", "\u{212A}ay", "Kay"]
        var text = "settings\n  currency GBP\nclient acme Acme\nclient zo\u{E9} Zoé\nclient Kay Kay\n"
        for k in 0..<75 {
            text += "2026-01-02 invoice \(ids[k % ids.count]) N-\(k)\n  total 1.00\n"
            text += "2026-01-03 payment \(ids[(k * 5) % ids.count]) 1.00\n"
        }
        let parsed = LedgerLoader.parse(bytes: Array(text.utf8), path: "l.due", parallel: false)
        for minimum in [Int.max, 1] {
            var l = parsed.ledger
            LedgerResolver.resolve(&l, parallelMinimum: minimum)
            #expect(l.invoices.count == 75 && l.payments.count == 75)
            for inv in l.invoices { #expect(inv.clientNumber.map(Int.init) == l.clientIndex[inv.client], "\(inv.number)") }
            for p in l.payments { #expect(p.clientNumber.map(Int.init) == l.clientIndex[p.client]) }
            #expect(l.invoices.filter { $0.clientNumber == 1 }.count == 26)
            #expect(l.invoices.filter { $0.clientNumber == 2 }.count == 24)
            #expect(l.invoices.filter { $0.clientNumber == nil }.map(\.client).allSatisfy { $0 == "ghost" })
        }
    }

    /// Letters and notes are checked against the clients the resolver finds for them: one
    /// defined client is no error, an id in another Unicode form is E203 with its own hint, and
    /// an invoice of another client is E205, unless the letter's or note's client is that
    /// client in another form.
    @Test func lettersAndNotesNameClientsAsTheResolverFindsThem() {
        let text = """
            settings
              currency GBP
            client acme Acme
            client zo\u{E9} Zoé
            2026-01-02 invoice acme A-1
              total 100.00
            2026-01-02 invoice zo\u{E9} Z-1
              total 50.00
            2026-01-05 letter acme reminder
              invoices  A-1
            2026-01-05 letter zoe\u{301} reminder
              invoices  Z-1
            2026-01-05 letter acme reminder
              invoices  Z-1
            2026-01-05 letter ghost reminder
              invoices  A-1
            2026-01-06 note acme email
              dispute  A-1 wrong hours
            2026-01-06 note zoe\u{301} email
              dispute  Z-1 wrong hours
            2026-01-06 note zo\u{E9} email
              dispute  A-1 wrong hours

            """
        let d = Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "l.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
        let e203 = d.filter { $0.code == "E203" }
        #expect(e203.map(\.message) == [
            "this letter names client 'zoe\u{301}', which is not defined",
            "this letter names client 'ghost', which is not defined",
            "this note names client 'zoe\u{301}', which is not defined",
        ], "\(d.map(\.message))")
        #expect(e203.filter { $0.hint?.contains("another Unicode form") == true }.count == 2)
        #expect(d.filter { $0.code == "E205" }.map(\.message) == [
            "invoice Z-1 belongs to 'zo\u{E9}', not to 'acme'",
            "invoice A-1 belongs to 'acme', not to 'zo\u{E9}'",
        ], "\(d.map(\.message))")
    }
}

extension ResolverLinkTests {
    /// The invoices plans and disputes name are found once for every check that reads them, as
    /// the invoice index finds them: a number in another Unicode form is the same invoice, an
    /// unknown number none (E204), and the plan, currency and dispute checks see the same.
    /// (Acme is invoiced in EUR too, so a plan in EUR is one it may make: E307 is about B-1.)
    @Test func plansAndDisputesFindTheInvoicesTheIndexFinds() {
        let text = """
            settings
              currency GBP
            client acme Acme
            2026-01-02 invoice acme \u{C9}-1
              total 100.00
            2026-01-02 invoice acme B-1
              total 30.00
            2026-01-02 invoice acme X-1
              currency EUR
              total 5.00
            2026-01-03 payment acme 100.00
              apply \u{C9}-1
            2026-01-10 plan acme 30.00
              for  E\u{301}-1 B-1 NOPE
              2026-02-01  30.00
            2026-01-11 plan acme 30.00 EUR
              for  B-1
              2026-02-01  30.00
            2026-01-12 note acme email
              dispute  E\u{301}-1 wrong hours
              dispute  NOPE wrong hours

            """
        let d = Checker.check(LedgerLoader.load(bytes: Array(text.utf8), path: "l.due"), asOf: Day(year: 2026, month: 2, day: 1)!)
        let found = d.filter { ["E204", "E307", "W409", "W412"].contains("\($0.code)") }.map { "\($0.code) \($0.message)" }.sorted()
        #expect(found == [
            "E204 this dispute names invoice NOPE, which does not exist",
            "E204 this plan names invoice NOPE, which does not exist",
            "E307 this plan is in EUR but invoice B-1 is in GBP",
            "W409 invoice E\u{301}-1 was settled on 2026-01-03, before this plan of 2026-01-10",
            "W412 invoice E\u{301}-1 was settled on 2026-01-03; nothing is open to dispute on 2026-01-12",
        ], "\(d.map(\.message))")
    }
}

/// The resolver reads the bytes of every file at once. The language server's large ledger is
/// thousands of copied pieces; opened one inside another they ran its thread out of stack.
@Suite struct ManyFilesTests {
    final class Box: @unchecked Sendable { var total = -1 }

    @Test func thousandsOfCopiedFilesAreReadTogetherInASmallStack() {
        let files = (0..<20_000).map { k in SourceFile(id: Int32(k), path: "piece", source: SourceBytes(copying: Array("2026-01-02 invoice c \(k)\n".utf8)[...])) }
        #expect(files.allSatisfy { !$0.bytes.isMapped })
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        OwnThread.start(stackSize: 256 << 10) {
            box.total = LedgerResolver.withBytes(of: files) { texts in
                zip(texts, files).reduce(0) { sum, pair in sum + (Array(pair.0) == pair.1.bytes.array ? pair.0.count : -1_000_000) }
            }
            done.signal()
        }
        done.wait()
        #expect(box.total == files.reduce(0) { $0 + $1.bytes.count })
    }
}
