/// Every dated entry names a client defined by a `client` entry (E203).
enum UnknownClientRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        var nearest = NearestID()
        var known = ""
        // The clients' ids on their own, 16 bytes each: read for nearly every entry, they stay
        // in the cache, where the clients themselves (about 200 bytes each) did not.
        let ids = l.clients.map(\.id)
        /// `anchor`: the entry, whose header names the client in word 2; `number`: the client the
        /// resolver found for the entry, when it has one.
        /// `after`: the word after the client's place (an invoice's number), which is a client
        /// when the two were written the wrong way round; an invoice's number is made only for a
        /// client not found.
        func check(_ id: String, _ anchor: EntryAnchor, number: Int32? = nil, after: @autoclosure () -> String? = nil, _ what: @autoclosure () -> String) {
            // The resolver's client, when its id has these very bytes, is the one: one
            // comparison, no lookup.
            if let k = number.map(Int.init), IDTable.sameBytes(ids[k], id) { return }
            // Entries of one client often follow each other. Bytes, not `==`: `String` calls
            // `zoé` as one character and as e + accent equal, the id table does not.
            if !known.isEmpty && IDTable.sameBytes(id, known) { return }
            guard c.ids.clients.index(id) == nil else {
                known = id
                return
            }
            let guess = nearest.nearest(id, to: id) { l.clients.map(\.id) }
            let hint: String
            if let after = after(), c.ids.clients.index(after) != nil {
                hint = "'\(after)' is a client: the client id comes first, then the invoice number (`invoice \(after) \(id)`)"
            } else if let twin = l.clients.first(where: { $0.id == id })?.id {
                hint = "it looks like '\(twin)' but is written in another Unicode form (an accented letter as one character or as a letter and an accent); retype it"
            } else {
                hint = guess.map(Suggestion.didYouMean) ?? "define it first: `client \(id) NAME`"
            }
            d.append(Diagnostic(.E203, "\(what()) names client '\(id)', which is not defined", at: l.files.word(2, of: anchor), hint: hint))
        }
        // By index: copying each invoice or payment would retain all of its strings.
        for k in l.invoices.indices { check(l.invoices[k].client, l.invoices[k].anchor, number: l.invoices[k].clientNumber, after: l.invoices[k].number, "invoice \(l.invoices[k].number)") }
        for k in l.payments.indices { check(l.payments[k].client, l.payments[k].anchor, number: l.payments[k].clientNumber, l.payments[k].isCredit ? "this credit" : "this payment") }
        for k in l.writeOffs.indices { check(l.writeOffs[k].client, l.writeOffs[k].anchor, "this write-off") }
        for k in l.refunds.indices { check(l.refunds[k].client, l.refunds[k].anchor, "this refund") }
        for k in l.notes.indices { check(l.notes[k].client, l.notes[k].anchor, "this note") }
        for k in l.plans.indices { check(l.plans[k].client, l.plans[k].anchor, "this plan") }
        for k in l.letters.indices { check(l.letters[k].client, l.letters[k].anchor, "this letter") }
        for k in l.assertions.indices { check(l.assertions[k].client, l.assertions[k].anchor, "this balance assertion") }
    }
}
