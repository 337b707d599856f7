/// A client id defined twice (E201) or an invoice number used twice (E202), as the resolver met
/// them: the later entry is the one reported, and the first is pointed at. A second invoice
/// with a number already used carries no money.
enum DuplicateRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        for fact in l.facts {
            switch fact {
            case .clientDefinedTwice(let k, let first):
                d.append(Diagnostic(.E201, "client '\(l.clients[k].id)' is defined twice", at: l.clients[k].idRange(in: l.files), hint: "merge the two entries or give one another id", notes: [DiagnosticNote("first defined here", at: l.clients[first].idRange(in: l.files))]))
            case .invoiceNumberUsedTwice(let k, let first):
                d.append(Diagnostic(.E202, "invoice number '\(l.invoices[k].number)' is used twice", at: l.invoices[k].numberRange(in: l.files), hint: "each invoice needs its own number", notes: [DiagnosticNote("first used here", at: l.invoices[first].numberRange(in: l.files))]))
            default:
                continue
            }
        }
    }
}
