import Testing
@testable import DueKit

private func day(_ s: String) -> Day { Day.parse(s)! }

/// Figures worked out by hand: acme pays 1,000.00 of A-1 (1,200.00), writes off 50.00 of it
/// and then the rest (150.00); A-2 (500.00) stays open, is disputed twice and resolved once,
/// and a write-off of 20.00 on it is dated after the as-of date. beta overpays B-1 (300.00) by
/// 50.00, which stays on account.
private let text = """
    settings
      currency GBP
    client acme Acme Widgets Ltd
    client beta Beta Bakeries
    2026-03-02 invoice acme A-1
      total 1,200.00
    2026-03-03 invoice acme A-2
      total 500.00
    2026-03-04 invoice beta B-1
      total 300.00
    2026-03-20 payment acme 1,000.00
      apply A-1
    2026-03-25 payment beta 350.00
    2026-04-01 writeoff acme A-1 50.00
    2026-04-05 writeoff acme A-1
    2026-12-01 writeoff acme A-2 20.00
    2026-04-01 note acme email
      dispute A-2 Not approved
    2026-04-10 note acme call
      dispute A-2 Still not approved
    2026-04-20 note acme call
      resolved A-2 Sorted
    2026-05-01 note acme call
      resolved A-2 Sorted again
    2026-05-02 note beta call
      resolved B-1 Nothing to resolve

    """

private func ledger() -> Ledger {
    let r = load(text)
    #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.message))")
    return r.ledger
}

@Suite struct BalanceSheetTests {
    @Test func clientBalancesAreOpenInvoicesLessCreditOnAccount() {
        let sheet = BalanceEngine.balances(ledger(), asOf: day("2026-11-20"))
        let gbp = Currency("GBP")
        #expect(sheet.clientBalances == [ClientCurrency(client: "acme", currency: gbp): 50_000, ClientCurrency(client: "beta", currency: gbp): -5_000])
        #expect(sheet.creditOnAccount == [ClientCurrency(client: "beta", currency: gbp): 5_000])
        // Before anything was paid: every invoice in full.
        let early = BalanceEngine.balances(ledger(), asOf: day("2026-03-04"))
        #expect(early.clientBalances == [ClientCurrency(client: "acme", currency: gbp): 170_000, ClientCurrency(client: "beta", currency: gbp): 30_000])
    }

    @Test func eachWriteOffKnowsWhatItTookOff() {
        let l = ledger()
        #expect(BalanceEngine.balances(l, asOf: day("2026-11-20")).writtenOff == [5_000, 15_000, 0])
        #expect(BalanceEngine.balances(l, asOf: day("2026-04-02")).writtenOff == [5_000, 0, 0])
        let later = BalanceEngine.balances(l, asOf: day("2026-12-31"))
        #expect(later.writtenOff == [5_000, 15_000, 2_000])
        #expect(later.invoices[l.invoiceIndex["A-1"]!].writtenOff == 20_000)
        // The sheets taken in one pass agree with those taken one at a time.
        let many = BalanceEngine.balances(l, at: [day("2026-04-02"), day("2026-12-31")])
        #expect(many.map(\.writtenOff) == [[5_000, 0, 0], [5_000, 15_000, 2_000]])
    }

    @Test func aDisputeIsOpenFromItsNoteUntilItsResolution() {
        let l = ledger()
        let h = DisputeHistory(l)
        #expect(h.open("A-2", on: day("2026-03-31")) == nil)
        #expect(h.open("A-2", on: day("2026-04-01"))?.since == day("2026-04-01"))
        #expect(h.open("A-2", on: day("2026-04-09"))?.since == day("2026-04-01"))
        // Raised again while open: still one dispute, dated by the latest note.
        #expect(h.open("A-2", on: day("2026-04-10"))?.since == day("2026-04-10"))
        #expect(h.spans["A-2"]?.count == 1)
        #expect(h.open("A-2", on: day("2026-04-20")) == nil)
        #expect(h.open(on: day("2026-04-15")).keys.sorted() == ["A-2"])
        #expect(!h.wasDisputed("A-2", by: day("2026-03-31")))
        #expect(h.wasDisputed("A-2", by: day("2026-04-01")))
        #expect(h.wasDisputed("A-2", by: day("2026-11-20")), "a resolved dispute still explains a late payment")
        #expect(!h.wasDisputed("B-1", by: day("2026-11-20")))
    }

    @Test func resolutionsThatCloseNothingAreKept() {
        let l = ledger()
        let h = DisputeHistory(l)
        #expect(h.stray.map(\.invoice) == ["A-2", "B-1"])
        let resolvedOnce = h.stray[0].after?.resolvedBy
        #expect(resolvedOnce.map { l.notes[$0.note].date } == day("2026-04-20"))
        #expect(h.stray[1].after == nil)
        let codes = Checker.check(load(text), asOf: day("2026-11-20")).map(\.code)
        #expect(codes.filter { $0 == "E410" }.count == 2)
    }

    /// The aging, the client's story (letters, agenda) and the sheet answer the same.
    @Test func everyReaderSeesTheSameDispute() {
        let l = ledger()
        let asOf = day("2026-04-15")
        let sheet = BalanceEngine.balances(l, asOf: asOf)
        #expect(sheet.openDispute("A-2")?.since == day("2026-04-10"))
        let aging = AgingReport(ledger: l, sheet: sheet, options: AgingOptions())
        #expect(aging.lines.first { $0.number == "A-2" }?.status.disputedSince == day("2026-04-10"))
        #expect(aging.clients.first { $0.client == "acme" }?.disputed == 50_000)
        let story = ClientStory.all(l, sheet: sheet).first { $0.client.id == "acme" }!
        #expect(story.openDisputes.mapValues(\.date) == ["A-2": day("2026-04-10")])
        let after = BalanceEngine.balances(l, asOf: day("2026-04-20"))
        #expect(ClientStory.all(l, sheet: after).first { $0.client.id == "acme" }!.openDisputes.isEmpty)
        #expect(AgingReport(ledger: l, sheet: after, options: AgingOptions()).lines.allSatisfy { $0.status.disputedSince == nil })
    }

    @Test func unknownCurrencyIsNotACodeALedgerCanWrite() {
        let xxx = Currency("XXX")
        #expect(Currency.unknown != xxx)
        #expect(!Currency.unknown.isKnown && xxx.isKnown)
        #expect(Currency.unknown.code == "XXX" && Currency.unknown.precision == 2)
        // It sorts where XXX does, so reports keep their order.
        #expect([Currency("XXY"), .unknown, Currency("EUR"), xxx].sorted().map(\.isKnown) == [true, true, false, true])
        #expect([Currency("XXY"), .unknown, Currency("EUR")].sorted().map(\.code) == ["EUR", "XXX", "XXY"])
    }
}
