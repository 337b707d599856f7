/// Letters about an invoice climb the collections ladder (courtesy, reminder, follow-up, final,
/// demand) and do not step back down: a reminder after a final notice for the same invoice
/// tells the client the notice was not meant (W414). Letters outside the ladder (plan offers,
/// instalments, disputes, thanks, statements) do not count. A letter naming no invoice is
/// compared with the client's other such letters.
enum LetterLadderRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        let onLadder = l.letters.indices.filter { l.letters[$0].stage.rung != nil }
        // Dates and orders read in place: a copy of two letters per comparison would retain
        // all their strings.
        let ordered = onLadder.sorted { a, b in
            l.letters[a].date != l.letters[b].date ? l.letters[a].date < l.letters[b].date : l.letters[a].order < l.letters[b].order
        }
        // The letter with the highest stage sent so far, per invoice (or per client for letters
        // naming none).
        var highest: [String: Int] = [:]
        for k in ordered {
            let x = l.letters[k]
            let rung = x.stage.rung!
            let keys = x.invoices.isEmpty ? ["\u{0}" + x.client] : x.invoices
            var reported = false
            for key in keys {
                if let h = highest[key], l.letters[h].stage.rung! > rung, !reported {
                    let earlier = l.letters[h]
                    let about = x.invoices.isEmpty ? "to '\(x.client)'" : "for invoice \(key)"
                    d.append(Diagnostic(.W414, "a \(x.stage.rawValue) letter after the \(earlier.stage.rawValue) letter of \(earlier.date) \(about)", at: x.stageRange(in: l.files), hint: "the ladder goes courtesy, reminder, follow-up, final, demand; send the next step, or a `statement`", notes: [DiagnosticNote("the \(earlier.stage.rawValue) letter was sent here", at: earlier.stageRange(in: l.files))]))
                    reported = true
                }
                if highest[key].map({ l.letters[$0].stage.rung! < rung }) ?? true { highest[key] = k }
            }
        }
    }
}
