import Testing
@testable import DueKit

/// Invoice numbers are held in place up to 15 bytes and in a shared store beyond; either way
/// they read back as written and compare as strings do.
@Suite struct InvoiceNumberTests {
    @Test func everyLengthReadsBackAsWritten() {
        var store: NumberStore?
        for length in 0...80 {
            for base in ["INVOICE-2026-", "Rechnung-Nr-Ü-", "\u{5BA2}\u{6237}-"] {
                var text = ""
                while text.utf8.count < length { text += String(base[base.index(base.startIndex, offsetBy: text.count % base.count)]) }
                // Cut back to whole characters at or under the length.
                while text.utf8.count > length { text.removeLast() }
                let bytes = Array(text.utf8)
                let parsed = bytes.withUnsafeBufferPointer { InvoiceNumber(utf8: $0, store: &store) }
                let made = InvoiceNumber(text)
                #expect(parsed.text == text && made.text == text, "\(length) \(text)")
                #expect(parsed.withUTF8 { Array($0) } == bytes)
                #expect(parsed.isInline == (bytes.count <= 15) && made.isInline == (bytes.count <= 15))
                #expect(parsed == made && parsed != InvoiceNumber(text + "0"))
            }
        }
        // A NUL is kept (a number made in code may hold one), and lies in a store.
        let withNUL = InvoiceNumber("A\u{0}B")
        #expect(withNUL.text == "A\u{0}B" && !withNUL.isInline)
    }

    /// No limit keeps a very long number out of a ledger: one longer than a count of 16 bits
    /// says is held whole, and told from one that differs only at its end.
    @Test func numbersLongerThan65535BytesAreHeldWhole() {
        let long = String(repeating: "A", count: 70_000)
        var store: NumberStore?
        let n = Array(long.utf8).withUnsafeBufferPointer { InvoiceNumber(utf8: $0, store: &store) }
        #expect(n.text == long && InvoiceNumber(long).text == long)
        let b = String(repeating: "B", count: 65_535)
        let ledger = "settings\n  currency GBP\n\nclient acme Acme\n\n2026-01-05 invoice acme \(b)1\n  total 10.00\n\n2026-01-06 invoice acme \(b)2\n  total 20.00\n\n"
            + "2026-01-07 invoice acme \(long)\n  total 30.00\n\n2026-02-01 payment acme 30.00\n  apply  \(long)\n\n2026-02-02 payment acme 20.00\n  apply  \(b)2\n\n"
        let load = LedgerLoader.load(bytes: Array(ledger.utf8), path: "l.due")
        let asOf = Day.parse("2026-11-20")!
        #expect(load.diagnostics.isEmpty && Checker.check(load, asOf: asOf).isEmpty)
        #expect(load.ledger.invoices.map(\.number) == [b + "1", b + "2", long])
        let sheet = BalanceEngine.balances(load.ledger, asOf: asOf)
        #expect(sheet.invoices.map(\.open) == [1000, 0, 0])
    }

    /// A store fills and the next takes over; every number still reads back from its own.
    @Test func numbersBeyondOneStoreReadBackEachFromItsOwn() {
        var store: NumberStore?
        var stores: [ObjectIdentifier] = []
        var numbers: [(InvoiceNumber, String)] = []
        for k in 0..<20_000 {
            let text = "INVOICE-2026-\(1_000_000 + k)"
            let n = Array(text.utf8).withUnsafeBufferPointer { InvoiceNumber(utf8: $0, store: &store) }
            if let s = store, stores.last != ObjectIdentifier(s) { stores.append(ObjectIdentifier(s)) }
            numbers.append((n, text))
        }
        // 20 bytes each: 400 KB, in stores of 256 bytes doubling up to 64 KB.
        #expect(stores.count > 6 && stores.count < 20, "\(stores.count) stores")
        for (n, text) in numbers { #expect(n.text == text) }
        #expect(NumberStore.nextCapacity(after: 0, atLeast: 20) == 256)
        #expect(NumberStore.nextCapacity(after: 64 << 10, atLeast: 20) == 64 << 10)
        #expect(NumberStore.nextCapacity(after: 256, atLeast: 100_000) == 100_000)
    }

    /// `é` as one character or as `e` and an accent is one number, long or short.
    @Test func canonicallyEquivalentNumbersAreEqual() {
        #expect(InvoiceNumber("NUM\u{C9}RO-LONGUE-0001") == InvoiceNumber("NUME\u{301}RO-LONGUE-0001"))
        #expect(InvoiceNumber("NUM\u{C9}RO-LONGUE-0001").hashValue == InvoiceNumber("NUME\u{301}RO-LONGUE-0001").hashValue)
        #expect(InvoiceNumber("N\u{C9}-1") == InvoiceNumber("NE\u{301}-1"))
        #expect(InvoiceNumber("INVOICE-2026-000001") != InvoiceNumber("INVOICE-2026-000002"))
    }

    /// A ledger whose numbers are long reads as the same ledger with short numbers: each
    /// invoice holds its number, payments find their invoices through `apply` lines (in the
    /// file, one thread or parts), and the index finds every number, an equivalent spelling too.
    @Test func aLedgerOfLongNumbersReadsAsOneOfShortNumbers() {
        func ledger(_ number: (Int) -> String) -> [UInt8] {
            var s = "settings\n  currency GBP\n\nclient acme Acme\n\nclient beta Beta\n\n"
            // Over `ParallelParse.threshold`, so that the parse in parts is a parse in parts.
            for k in 0..<32_000 {
                let client = k % 3 == 0 ? "beta" : "acme"
                s += "2026-0\(1 + k % 9)-1\(k % 10) invoice \(client) \(number(k))\n  item  design and building work for the new premises  \(k % 50 + 1).00\n\n"
                if k % 4 != 0 { s += "2026-10-2\(k % 10) payment \(client) \(k % 50 + 1).00\n  apply  \(number(k))\n\n" }
            }
            s += "2026-11-01 note acme call\n  dispute \(number(7)) not received\n\n"
            // A letter names its invoices by number, found through the index as strings.
            s += "2026-11-02 letter acme reminder\n  invoices  \(number(1)) \(number(2)) \(number(31_999))\n  channel   email\n\n"
            s += "2026-11-03 letter beta reminder\n  invoices  \(number(3)) \(number(32_001))\n  channel   email\n\n"
            return Array(s.utf8)
        }
        // Numbers beyond ASCII, and ASCII ones (`apply` lines compare their bytes in place).
        let long: (Int) -> String = { $0 % 2 == 0 ? "FACTURE-NUM\u{C9}RO-\(100_000 + $0)" : "INVOICE-2026-\(100_000 + $0)" }
        let short: (Int) -> String = { "F-\(100_000 + $0)" }
        let longBytes = ledger(long), shortBytes = ledger(short)
        #expect(ParallelParse.plan(for: SourceFile(id: 0, path: "l.due", bytes: longBytes), parts: 4) != nil)
        for parallel in [false, true] {
            let a = LedgerLoader.load(longBytes, inParts: parallel), b = LedgerLoader.load(shortBytes, inParts: parallel)
            #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty)
            #expect(a.ledger.invoices.map(\.number) == (0..<32_000).map(long))
            #expect(!a.ledger.invoices[0].numberHeld.isInline && b.ledger.invoices[0].numberHeld.isInline)
            #expect(a.ledger.allocations.map(\.target) == b.ledger.allocations.map(\.target))
            #expect(a.ledger.invoiceIndex["FACTURE-NUME\u{301}RO-100008"] == 8)
            #expect(a.ledger.invoiceIndex["INVOICE-2026-131999"] == 31_999)
            #expect(a.ledger.invoiceIndex["FACTURE-NUM\u{C9}RO-132000"] == nil)
            let asOf = Day.parse("2026-11-20")!
            let sa = BalanceEngine.balances(a.ledger, asOf: asOf), sb = BalanceEngine.balances(b.ledger, asOf: asOf)
            #expect(sa.invoices == sb.invoices)
            #expect(sa.invoices.contains { $0.open > 0 } && sa.openDispute(long(7)) != nil)
            let ca = Checker.check(a, asOf: asOf), cb = Checker.check(b, asOf: asOf)
            #expect(ca.map(\.code) == cb.map(\.code) && ca.map(\.severity) == cb.map(\.severity))
            // The letter naming a number no invoice has is found out, and each number a letter
            // names is spoken of as often, long or short.
            #expect(ca.contains { $0.message.contains(long(32_001)) })
            for k in [1, 2, 3, 31_999, 32_001] {
                #expect(ca.filter { $0.message.contains(long(k)) }.count == cb.filter { $0.message.contains(short(k)) }.count, "\(k)")
            }
        }
    }
}

/// The resolver finds an entry's client by the id's words where they lie when it met them
/// lately (`ClientsFound`); what it finds must be what the client index finds, whatever the
/// ids' lengths, spellings and storage.
@Suite struct ClientsFoundTests {
    @Test func clientsFoundByTheirWordsAreTheOnesTheIndexFinds() {
        let ids = ["acme", "zo\u{E9}", "hale-partners-limited-\(2)", "a-client-with-a-long-id-7", "\u{5BA2}\u{6237}-7"]
        let index = IDTable(ids)
        let defaults = ids.map { LedgerResolver.ClientDefaults(Client(id: $0, name: nil, anchor: EntryAnchor(file: 0, offset: 0))) }
        // Long ids shared by many entries (as one part of a parse shares them), long ids each
        // made anew, an equivalent spelling, unknown ids long and short.
        let shared = "hale-partners-limited-" + String(2)
        var named: [String] = []
        for k in 0..<5_000 {
            switch k % 7 {
            case 0: named.append(shared)
            case 1: named.append("a-client-with-a-long-id-" + String(7))
            case 2: named.append("zoe\u{301}")
            case 3: named.append("acme")
            case 4: named.append("someone-unknown-with-a-long-id-\(k % 3)")
            case 5: named.append("\u{5BA2}\u{6237}-7")
            default: named.append("nobody")
            }
        }
        var invoices = named.enumerated().map { Invoice(number: "N-\($0.offset)", client: $0.element, issued: Day(year: 2026, month: 1, day: 1)!, anchor: EntryAnchor(file: 0, offset: 0), order: $0.offset) }
        var clients = LedgerResolver.ClientsFound()
        var found: [Int?] = []
        invoices.withUnsafeMutableBufferPointer { invoices in
            var base = 0
            while base < invoices.count {
                let n = min(LedgerResolver.ClientsFound.stretch, invoices.count - base)
                clients.find(n, in: index, defaults, ids: IDKeys.View(invoices, from: base, at: MemoryLayout<Invoice>.offset(of: \Invoice.client)!))
                for k in 0..<n { found.append(clients[k]?.number) }
                base += n
            }
        }
        #expect(found == named.map { index.index($0) })
        // After the first stretch (looked up whole, then remembered), the shared id and the
        // short ones were found by their words, unless an id made anew took their slot for a
        // stretch; the ids made anew never were.
        let stretch = LedgerResolver.ClientsFound.stretch
        let most = (stretch..<5_000).filter { [0, 2, 3, 5, 6].contains($0 % 7) }.count
        #expect(clients.foundByWords <= most && clients.foundByWords > most * 3 / 4, "\(clients.foundByWords) of \(most)")
        #expect(found.contains(1) && found.contains(2) && found.contains(nil))
    }
}
