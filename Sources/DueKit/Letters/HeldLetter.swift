/// A letter `due` does not draft while the ledger leaves in doubt what a payment paid: one with
/// no `apply` whose `ref` names an invoice of the client that the money, going to the oldest
/// invoices first (4, rule 4), left open, and that is still open on the letter's date (W425).
/// Drafted, the letter would thank the client for paying one invoice and ask again for the
/// one they say they paid; which it was is the user's to say, with an `apply` line, and no
/// letter can say it for them. So the letter is held rather than drafted true-looking and
/// wrong: `due letters` and `due report` say why, with the finding and the line to write, and
/// `due sent` will not record a draft of that client's made before (grammar 7.2).
public struct HeldLetter: Sendable {
    public var client: String
    public var stage: LetterStage
    /// The W425 findings behind it, each with its `apply` hint, for the terminal.
    public var findings: [Diagnostic]
    /// Why, in one sentence per payment (`why`).
    public var reason: String

    /// One line for the terminal: "held: the follow-up to harlow is not drafted: …".
    public var words: String { "the \(stage.title) to \(client) is not drafted: \(reason)" }

    /// Held, when the client's payments to `story.asOf` leave in doubt what the letter would ask
    /// for; nil when nothing does.
    static func find(_ story: ClientStory, stage: LetterStage, ledger: Ledger, sheet: BalanceSheet) -> HeldLetter? {
        let found = misdirected(story, ledger: ledger, sheet: sheet)
        guard !found.isEmpty else { return nil }
        return HeldLetter(client: story.client.id, stage: stage,
                          findings: found.map { PaymentReferenceRule.diagnostic($0.payment, named: $0.named, at: $0.range, ledger: ledger, sheet: sheet) },
                          reason: why(found, ledger: ledger, sheet: sheet))
    }

    /// Why a letter to the client of `story` on its date is held; nil when it is not. What `due
    /// sent` refuses a draft for.
    static func why(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> String? {
        let found = misdirected(story, ledger: ledger, sheet: sheet)
        return found.isEmpty ? nil : why(found, ledger: ledger, sheet: sheet)
    }

    typealias Misdirected = (payment: Payment, named: [Int], range: SourceRange)

    /// The client's payments with no `apply` (nor `on-account` mark) to the story's date whose
    /// `ref` names invoices of theirs that the money left open (W425), of which one at least is
    /// open still: a letter lists it and asks for it. One the client has paid since asks for
    /// nothing they paid, and holds nothing.
    static func misdirected(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [Misdirected] {
        guard !story.open.isEmpty else { return [] }
        var mentions = InvoiceMention(ledger: ledger)
        let open = Set(story.open)
        var found: [Misdirected] = []
        for q in story.payments where q.allocationRange.isEmpty && !q.onAccount && !q.isCredit {
            guard case .leftOpen(let named, let range)? = PaymentReferenceRule.misdirection(of: q, ledger: ledger, sheet: sheet, mentions: &mentions),
                  named.contains(where: open.contains) else { continue }
            found.append((q, named, range))
        }
        return found
    }

    /// "the payment of 4,400.00 USD on 2026-10-28 names invoice M26-113 in its ref, but with
    /// no `apply` it went to invoice M26-112 (4,400.00): drafted, the letter would ask again
    /// for invoice M26-113; write `apply M26-113` under the payment if that is what it paid
    /// (or `apply` lines for what it did pay, if the ref is wrong), then draft again (W425)"
    static func why(_ found: [Misdirected], ledger: Ledger, sheet: BalanceSheet) -> String {
        found.map { f in
            let numbers = f.named.map { ledger.invoices[$0].number }
            let which = (numbers.count == 1 ? "invoice " : "invoices ") + Plural.list(numbers)
            let amount = Money(minor: f.payment.minor, currency: f.payment.currency)
            let lines = Plural.list(numbers.map { "`apply \($0)`" })
            return "the payment of \(amount) on \(f.payment.date) names \(which) in its ref, but with no `apply` it \(PaymentReferenceRule.went(f.payment, ledger: ledger, sheet: sheet)): drafted, the letter would ask again for \(which); write \(lines) under the payment if that is what it paid (or `apply` lines for what it did pay, if the ref is wrong), then draft again (W425)"
        }.joined(separator: "; ")
    }
}
