/// Letters about an invoice climb the collections ladder (courtesy, reminder, follow-up, final,
/// demand) and do not step back down: a reminder after a final notice for the same invoice
/// tells the client the notice was not meant (W414). Letters outside the ladder (plan offers,
/// instalments, disputes, thanks, statements) do not count. A letter naming no invoice is
/// compared with the client's other such letters.
enum LetterLadderRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        // The letters' places in 32 bits, sorted in place: one list, not a second sorted copy,
        // while the balances are computed beside it.
        var ordered: [Int32] = []
        ordered.reserveCapacity(l.letters.count)
        for k in l.letters.indices where l.letters[k].stage.rung != nil { ordered.append(Int32(k)) }
        // Dates and orders read in place: a copy of two letters per comparison would retain
        // all their strings.
        ordered.sort { a, b in
            let a = Int(a), b = Int(b)
            return l.letters[a].date != l.letters[b].date ? l.letters[a].date < l.letters[b].date : l.letters[a].order < l.letters[b].order
        }
        // The letter with the highest stage sent so far, per invoice (by its place in the
        // ledger, found once by `LedgerIDs`; by number when no invoice has it), or per client
        // for letters naming none.
        var highestOfInvoice = LetterOfInvoice()
        var highest: [String: Int] = [:]
        for k in ordered.lazy.map(Int.init) {
            let rung = l.letters[k].stage.rung!
            let named = l.letters[k].invoices
            var reported = false
            func climb(_ h: Int?, about: @autoclosure () -> String) -> Bool {
                if let h, l.letters[h].stage.rung! > rung, !reported {
                    let x = l.letters[k], earlier = l.letters[h]
                    d.append(Diagnostic(.W414, "a \(x.stage.rawValue) letter after the \(earlier.stage.rawValue) letter of \(earlier.date) \(about())", at: x.stageRange(in: l.files), hint: "the ladder goes courtesy, reminder, follow-up, final, demand; send the next step, or a `statement`", notes: [DiagnosticNote("the \(earlier.stage.rawValue) letter was sent here", at: earlier.stageRange(in: l.files))]))
                    reported = true
                }
                return h.map { l.letters[$0].stage.rung! < rung } ?? true
            }
            if named.isEmpty {
                let key = "\u{0}" + l.letters[k].client
                if climb(highest[key], about: "to '\(l.letters[k].client)'") { highest[key] = k }
            }
            for (j, number) in named.enumerated() {
                if let i = c.ids.letters.invoice(j, of: k) {
                    if climb(highestOfInvoice[i], about: "for invoice \(number)") { highestOfInvoice[i] = k }
                } else if climb(highest[number], about: "for invoice \(number)") {
                    highest[number] = k
                }
            }
        }
    }
}

/// The letter (by its place in `Ledger.letters`) last standing highest for each invoice the
/// letters name. Only those: a large ledger's letters name one invoice in seven, and a place
/// for each of a million invoices took 4 MB while the balances were computed beside it. An
/// open-addressed table of invoice and letter in one word each, kept at most three quarters
/// full, the invoice's place hashed by one multiplication: a dictionary hashed every place
/// with its seeded hasher, for twice the work of the whole rule.
private struct LetterOfInvoice {
    /// The invoice's place plus one (zero: a free slot) in the high half, the letter's place
    /// in the low.
    private var slots: [UInt64] = []
    private var taken = 0
    private var shift: UInt64 = 64

    subscript(_ invoice: Int) -> Int? {
        get {
            guard !slots.isEmpty else { return nil }
            let key = UInt64(invoice) + 1, mask = slots.count - 1
            var s = slot(of: key)
            while slots[s] != 0 {
                if slots[s] >> 32 == key { return Int(UInt32(truncatingIfNeeded: slots[s])) }
                s = (s + 1) & mask
            }
            return nil
        }
        set {
            // The ladder only ever raises an invoice's letter.
            guard let letter = newValue else { preconditionFailure("an invoice's letter is replaced, never taken away") }
            if (taken + 1) * 4 > slots.count * 3 { grow() }
            put(UInt64(invoice) + 1, UInt64(UInt32(letter)))
        }
    }

    private func slot(of key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    private mutating func put(_ key: UInt64, _ letter: UInt64) {
        let mask = slots.count - 1
        var s = slot(of: key)
        while slots[s] != 0 && slots[s] >> 32 != key { s = (s + 1) & mask }
        if slots[s] == 0 { taken += 1 }
        slots[s] = key << 32 | letter
    }

    private mutating func grow() {
        let old = slots
        let count = max(1024, old.count * 2)
        slots = [UInt64](repeating: 0, count: count)
        shift = 64 - UInt64(count.trailingZeroBitCount)
        taken = 0
        for word in old where word != 0 { put(word >> 32, word & 0xFFFF_FFFF) }
    }
}
