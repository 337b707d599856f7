/// Every dated entry names a client defined by a `client` entry (E203).
enum UnknownClientRule: LedgerRule {
    static func check(_ c: CheckContext, into d: inout [Diagnostic]) {
        let l = c.ledger
        var nearest = NearestID()
        func check(_ id: String, _ range: SourceRange, _ what: @autoclosure () -> String) {
            guard c.ids.clients.index(id) == nil else { return }
            let guess = nearest.nearest(id, to: id) { l.clients.map(\.id) }
            let hint = guess.map { "did you mean '\($0)'?" } ?? "define it first: `client \(id) NAME`"
            d.append(.error("E203", "\(what()) names client '\(id)', which is not defined", at: range, hint: hint))
        }
        for x in l.invoices { check(x.client, x.clientRange, "invoice \(x.number)") }
        for x in l.payments { check(x.client, x.clientRange, x.isCredit ? "this credit" : "this payment") }
        for x in l.writeOffs { check(x.client, x.clientRange, "this write-off") }
        for x in l.notes { check(x.client, x.clientRange, "this note") }
        for x in l.plans { check(x.client, x.clientRange, "this plan") }
        for x in l.letters { check(x.client, x.clientRange, "this letter") }
        for x in l.assertions { check(x.client, x.clientRange, "this balance assertion") }
    }
}
