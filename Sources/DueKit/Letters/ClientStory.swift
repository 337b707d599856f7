/// Everything about one client up to the as-of date that the stage choice, the letters and the
/// agenda read: open invoices (from the balance sheet), letters sent, notes, plans, disputes.
/// Entries dated after the as-of date are left out, so a past date sees the past as it was.
public struct ClientStory: Sendable {
    public let client: Client
    public let asOf: Day
    /// Indices into `ledger.invoices` of the client's issued invoices with money open, oldest first.
    public let open: [Int]
    /// Indices of the client's issued invoices, open or not.
    public let issued: [Int]
    public let letters: [LetterSent]
    public let notes: [ClientNote]
    public let plans: [PaymentPlan]
    /// The client's payments (not credits) up to the as-of date.
    public let payments: [Payment]
    /// Open invoice number → the note that disputed it, for disputes not yet resolved.
    public let openDisputes: [String: ClientNote]

    public init(client: Client, ledger: Ledger, sheet: BalanceSheet) {
        self.client = client
        let asOf = sheet.asOf
        self.asOf = asOf
        var issued: [Int] = []
        for (i, inv) in ledger.invoices.enumerated() where inv.client == client.id && sheet.invoices[i].issued {
            issued.append(i)
        }
        issued.sort { a, b in
            let x = ledger.invoices[a], y = ledger.invoices[b]
            return (x.issued, x.order) < (y.issued, y.order)
        }
        self.issued = issued
        open = issued.filter { sheet.invoices[$0].open > 0 }
        func byDate<T>(_ items: [T], _ date: (T) -> Day, _ order: (T) -> Int) -> [T] {
            items.sorted { (date($0), order($0)) < (date($1), order($1)) }
        }
        letters = byDate(ledger.letters.filter { $0.client == client.id && $0.date <= asOf }, \.date, \.order)
        notes = byDate(ledger.notes.filter { $0.client == client.id && $0.date <= asOf }, \.date, \.order)
        plans = byDate(ledger.plans.filter { $0.client == client.id && $0.date <= asOf }, \.date, \.order)
        payments = byDate(ledger.payments.filter { $0.client == client.id && !$0.isCredit && $0.date <= asOf }, \.date, \.order)
        var disputes: [String: ClientNote] = [:]
        for n in notes {
            for d in n.disputes { disputes[d.invoice] = n }
            for r in n.resolutions { disputes[r.invoice] = nil }
        }
        let openNumbers = Set(open.map { ledger.invoices[$0].number })
        openDisputes = disputes.filter { openNumbers.contains($0.key) }
    }

    /// Letters that count as contact (a statement on request does not move the ladder).
    public var contactLetters: [LetterSent] { letters.filter { $0.stage != .statement } }

    public var lastLetter: LetterSent? { contactLetters.last }

    /// Notes written after `letter` (same day counts when written below it).
    public func notes(after letter: LetterSent?) -> [ClientNote] {
        guard let l = letter else { return notes }
        return notes.filter { ($0.date, $0.order) > (l.date, l.order) }
    }

    public func payments(after letter: LetterSent?) -> [Payment] {
        guard let l = letter else { return payments }
        return payments.filter { ($0.date, $0.order) > (l.date, l.order) }
    }
}
