import Foundation
import Testing
@testable import DueKit

/// Entities keep only where their entry stands; the words diagnostics and the editor point at
/// are found by reading the entry again. Each must be the word the entity was read from.
@Suite struct EntryAnchorTests {
    static func text(_ r: SourceRange, _ l: Ledger) -> String {
        let bytes = l.files[Int(r.file)].bytes
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.end)]), as: UTF8.self) }
    }

    /// Every id and number an entity holds is the text at the place found for it.
    static func expectPlacesMatch(_ l: Ledger, sourceLocation: SourceLocation = #_sourceLocation) {
        let f = l.files
        func expectText(_ r: SourceRange?, _ s: String) {
            guard let r else {
                Issue.record("no place for '\(s)'", sourceLocation: sourceLocation)
                return
            }
            #expect(text(r, l) == s, sourceLocation: sourceLocation)
        }
        for c in l.clients { expectText(c.idRange(in: f), c.id) }
        for i in l.invoices {
            expectText(i.numberRange(in: f), i.number)
            expectText(f.word(2, of: i.anchor), i.client)
            #expect(text(f.header(i.anchor), l).hasPrefix("\(i.issued) invoice"), sourceLocation: sourceLocation)
            for item in l.items(of: i) {
                let line = text(f.line(item.line, of: i.anchor), l)
                #expect(line.hasPrefix("item") && line.contains(l.description(of: item, in: i) ?? "\u{0}"), sourceLocation: sourceLocation)
            }
            if i.terms != nil { #expect(f.detail(.terms, of: i.anchor).map { text($0, l).hasPrefix("terms ") } == true, sourceLocation: sourceLocation) }
            if i.explicitDue != nil { #expect(f.detail(.due, of: i.anchor).map { text($0, l).hasPrefix("due ") } == true, sourceLocation: sourceLocation) }
        }
        for p in l.payments {
            expectText(f.word(2, of: p.anchor), p.client)
            #expect(text(p.amountRange(in: f), l).hasPrefix(text(f.word(3, of: p.anchor), l)), sourceLocation: sourceLocation)
            let entry = f.entry(p.anchor, details: true)
            for a in l.allocations(of: p) {
                expectText(f.word(1, ofLine: a.line, of: p.anchor), a.invoice)
                expectText(entry.word(1, ofLine: a.line), a.invoice)
            }
        }
        for w in l.writeOffs {
            expectText(f.word(2, of: w.anchor), w.client)
            expectText(w.invoiceRange(in: f), w.invoice)
        }
        for n in l.notes {
            expectText(f.word(2, of: n.anchor), n.client)
            for m in n.disputes + n.resolutions { expectText(f.word(1, ofLine: m.line, of: n.anchor), m.invoice) }
            if let p = n.promise { expectText(f.word(1, ofLine: p.line, of: n.anchor), p.by.description) }
        }
        for p in l.plans {
            expectText(f.word(2, of: p.anchor), p.client)
            let ranges = p.invoiceRanges(in: f)
            #expect(ranges.count == p.invoices.count, sourceLocation: sourceLocation)
            for (r, n) in zip(ranges, p.invoices) { expectText(r, n) }
            for k in p.instalments { expectText(f.word(0, ofLine: k.line, of: p.anchor), k.date.description) }
        }
        for x in l.letters {
            expectText(f.word(2, of: x.anchor), x.client)
            expectText(x.stageRange(in: f), x.stage.rawValue)
            let ranges = x.invoiceRanges(in: f)
            #expect(ranges.count == x.invoices.count, sourceLocation: sourceLocation)
            for (r, n) in zip(ranges, x.invoices) { expectText(r, n) }
        }
        for a in l.assertions {
            expectText(f.word(2, of: a.anchor), a.client)
            if let n = a.invoice { expectText(a.invoiceRange(in: f), n) }
            if let c = a.writtenCurrency { expectText(a.currencyRange(in: f), c.code) }
        }
    }

    @Test func everyPlaceFoundAgainIsTheWordTheEntityWasReadFrom() throws {
        let text = """
            client acme Acme Ltd
              terms net 14
              compensation 40.00

            2026-01-05 invoice acme A-1 ; first
              terms 2/10 net 30
              due 2026-02-10
              item Design 2 x 100.00

              item Build 300.00
            2026-01-20 payment acme 150.00 GBP
              ; a comment between details
              apply bad!id
              apply A-1 100.00
              apply A-1
            2026-01-21 writeoff acme A-1 10.00
            2026-01-22 note acme call
              promise 2026-02-01 50.00
              dispute A-1 wrong rate
              resolved A-1
            2026-01-23 plan acme 100.00
              for A-1 x!y A-1
              2026-02-01 50.00
              2026-03-01 50.00
            2026-01-24 letter acme reminder
              invoices A-1 A-1
            2026-01-25 balance acme A-1 0.00 GBP
            2026-01-26 balance acme 0.00 GBP
            """
        let load = LedgerLoader.load(bytes: Array(text.utf8), path: "t.due")
        let l = load.ledger
        #expect(l.payments.first?.allocationRange.count == 2)
        #expect(l.plans.first?.invoices == ["A-1", "A-1"])
        Self.expectPlacesMatch(l)
        // The detail a diagnostic points at is the whole line's content.
        #expect(l.files.detail(.terms, of: l.invoices[0].anchor).map { Self.text($0, l) } == "terms 2/10 net 30")
        #expect(l.files.detail(.compensation, of: l.clients[0].anchor).map { Self.text($0, l) } == "compensation 40.00")
        #expect(l.files.detail(.total, of: l.invoices[0].anchor) == nil)
        #expect(Self.text(l.files.header(l.invoices[0].anchor), l) == "2026-01-05 invoice acme A-1")
    }

    @Test func placesMatchInEverySampleAndInAGeneratedLedger() throws {
        for path in ["samples/studio.due", "samples/studio-clients.due"] {
            Self.expectPlacesMatch(try LedgerLoader.load(path: Repo.path(path)).ledger)
        }
        let bytes = LedgerGenerator(invoices: 2_000, profile: .realistic).generate()
        Self.expectPlacesMatch(LedgerLoader.load(bytes: bytes, path: "r.due").ledger)
    }
}
