import Testing
@testable import DueKit

@Suite struct BenchProfileTests {
    static let asOf = Day(year: 2026, month: 11, day: 20)!

    @Test(arguments: LedgerGenerator.Profile.allCases)
    func everyProfileWritesTheSameBytesForTheSameSeedAndChecksClean(_ profile: LedgerGenerator.Profile) {
        let bytes = LedgerGenerator(invoices: 1_000, seed: 5, profile: profile).generate()
        #expect(bytes == LedgerGenerator(invoices: 1_000, seed: 5, profile: profile).generate())
        #expect(bytes != LedgerGenerator(invoices: 1_000, seed: 6, profile: profile).generate())
        var load = LedgerLoader.load(bytes: bytes, path: "\(profile).due")
        #expect(load.ledger.invoices.count == 1_000)
        // As `due check` reads it: a payment that came back is no payment from that day.
        load.ledger.takeOutReturnedPayments(by: Self.asOf)
        #expect(Checker.check(load, asOf: Self.asOf).map(\.code) == [])
        #expect(profile != .varied || load.ledger.returnedPayments.count > 0)
    }

    @Test func theRealisticProfileHasTheShapesTheUniformOneLacks() {
        let l = LedgerLoader.load(bytes: LedgerGenerator(invoices: 3_000, profile: .realistic).generate(), path: "r.due").ledger
        #expect(l.clients.count == 300)
        let perInvoice = Double(l.payments.count) / Double(l.invoices.count)
        #expect(perInvoice > 1.05 && perInvoice < 1.2)
        #expect(l.payments.allSatisfy { $0.allocationRange.count == 1 })
        #expect(l.payments.contains { $0.isCredit })
        #expect(Set(l.invoices.map(\.currency)).count == 2)
        #expect(l.invoices.allSatisfy { $0.terms != nil || $0.explicitDue != nil })
        #expect(l.notes.count > 240 && l.notes.count < 400)
        #expect(l.notes.contains { $0.promise != nil })
        #expect(l.notes.contains { !$0.disputes.isEmpty } && l.notes.contains { !$0.resolutions.isEmpty })
        #expect(!l.plans.isEmpty && !l.letters.isEmpty && !l.writeOffs.isEmpty)
        // Notes are told in a few phrasings that differ only in the middle. Every `said` line is
        // read from the file: a note keeps where its first stands, whose text is its gist.
        let said = l.notes.flatMap { $0.said(in: l.files) }
        #expect(said.count > 200)
        #expect(l.notes.allSatisfy { $0.firstSaid == nil || $0.gist(in: l.files) == $0.said(in: l.files).first })
        #expect(said.filter { $0.hasPrefix("called accounts payable about INV-") && $0.hasSuffix(" days") }.count > 20)
    }
}
