/// A letter `due` does not draft while the ledger leaves in doubt what a payment paid: one with
/// no `apply` whose `ref` names an invoice of the client that the money, going to the oldest
/// invoices first (4, rule 4), left open, and that is still open on the letter's date (W425);
/// or a payment of another client whose `ref` names one of this client's invoices, still open,
/// and none of its own (W425: paid from the wrong account, or recorded under the wrong client).
/// Drafted, the letter would thank the client for paying one invoice and ask again for the
/// one they say they paid, or ask for an invoice as if nothing had been paid for it; which it
/// was is the user's to say, with an `apply` line (or the payment written under its client),
/// and no letter can say it for them. So the letter is held rather than drafted true-looking
/// and wrong: `due letters`, `due report` and `due sent --all` say why, with the finding and
/// the line to write, `due sent` will not record a draft of that client's made before, and the
/// agenda asks the user to settle what the payment paid instead of sending it (grammar 7.3, 7.5).
public struct HeldLetter: Sendable {
    public var client: String
    public var stage: LetterStage
    /// The W425 findings behind it, each with its `apply` hint, for the terminal.
    public var findings: [Diagnostic]
    /// Why, in one sentence per payment (`why`).
    public var reason: String

    /// One line for the terminal: "held: the follow-up to harlow is not drafted: …".
    public var words: String { "the \(stage.title) to \(client) is not drafted: \(reason)" }

    /// Held, when the payments to `story.asOf` leave in doubt what the letter would ask for; nil
    /// when nothing does.
    static func find(_ story: ClientStory, stage: LetterStage, ledger: Ledger, sheet: BalanceSheet, refs: Refs) -> HeldLetter? {
        let found = misdirected(story, ledger: ledger, sheet: sheet, refs: refs)
        guard !found.isEmpty else { return nil }
        return HeldLetter(client: story.client.id, stage: stage, findings: found.map { $0.diagnostic(ledger: ledger, sheet: sheet) },
                          reason: why(found, ledger: ledger, sheet: sheet))
    }

    /// Why a letter to the client of `story` on its date is held; nil when it is not. What `due
    /// sent` refuses a draft for.
    static func why(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet, refs: Refs) -> String? {
        let found = misdirected(story, ledger: ledger, sheet: sheet, refs: refs)
        return found.isEmpty ? nil : why(found, ledger: ledger, sheet: sheet)
    }

    /// A payment with no `apply` whose `ref` names invoices its money did not pay (W425).
    struct Misdirected: Sendable {
        var payment: Payment
        /// The invoices named: of its own client, left open by it; or one of another client's.
        var named: [Int]
        /// Where the first is named.
        var range: SourceRange
        /// Whether `named` is another client's invoice, the payment's own client's none.
        var othersInvoice: Bool

        func diagnostic(ledger: Ledger, sheet: BalanceSheet) -> Diagnostic {
            othersInvoice ? PaymentReferenceRule.diagnostic(payment, namesInvoiceOf: named[0], at: range, ledger: ledger, sheet: sheet)
                : PaymentReferenceRule.diagnostic(payment, named: named, at: range, ledger: ledger, sheet: sheet)
        }
    }

    /// What the payments' `ref`s to the sheet's date say that their money, with no `apply`, did
    /// not do (W425), read once for all the clients of a run: the clients one of whose own
    /// payments left open an invoice its ref names, and, by the client whose invoice it is, the
    /// payments of other clients whose ref names that invoice and none of their own. The
    /// second is why a pass over every payment is needed: a client's letter may be held by
    /// money recorded under another client.
    public struct Refs: Sendable {
        var leftOpen: Set<String> = []
        var othersInvoices: [String: [Misdirected]] = [:]

        /// A run with no letter to hold reads nothing.
        public static let none = Refs()

        init() {}

        public init(ledger: Ledger, sheet: BalanceSheet) {
            var mentions = InvoiceMention(ledger: ledger)
            for q in ledger.payments where q.allocationRange.isEmpty && !q.onAccount && !q.isCredit && q.date <= sheet.asOf {
                switch PaymentReferenceRule.misdirection(of: q, ledger: ledger, sheet: sheet, mentions: &mentions) {
                case .leftOpen?: leftOpen.insert(q.client)
                case .othersInvoice(let i, let range)?:
                    othersInvoices[ledger.invoices[i].client, default: []].append(Misdirected(payment: q, named: [i], range: range, othersInvoice: true))
                case nil: break
                }
            }
        }

        /// The clients whose letter on the sheet's date one of these may hold.
        var clients: Set<String> { leftOpen.union(othersInvoices.keys) }
    }

    /// The client's payments with no `apply` (nor `on-account` mark) to the story's date whose
    /// `ref` names invoices of theirs that the money left open (W425), of which one at least is
    /// open still: a letter lists it and asks for it. One the client has paid since asks for
    /// nothing they paid, and holds nothing. Then other clients' payments whose `ref` names an
    /// invoice of theirs still open (`refs`).
    static func misdirected(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet, refs: Refs) -> [Misdirected] {
        guard !story.open.isEmpty else { return [] }
        let open = Set(story.open)
        var found: [Misdirected] = []
        if refs.leftOpen.contains(story.client.id) {
            var mentions = InvoiceMention(ledger: ledger)
            for q in story.payments where q.allocationRange.isEmpty && !q.onAccount && !q.isCredit {
                guard case .leftOpen(let named, let range)? = PaymentReferenceRule.misdirection(of: q, ledger: ledger, sheet: sheet, mentions: &mentions),
                      named.contains(where: open.contains) else { continue }
                found.append(Misdirected(payment: q, named: named, range: range, othersInvoice: false))
            }
        }
        for m in refs.othersInvoices[story.client.id] ?? [] where m.named.contains(where: open.contains) { found.append(m) }
        return found
    }

    /// "the payment of 4,400.00 USD on 2026-10-28 names invoice M26-113 in its ref, but with
    /// no `apply` it went to invoice M26-112 (4,400.00): drafted, the letter would ask again
    /// for invoice M26-113; write `apply M26-113` under the payment if that is what it paid
    /// (or `apply` lines for what it did pay, if the ref is wrong), then draft again (W425)";
    /// for another client's payment, "the payment of 900.00 GBP on 2026-05-02 from northbev
    /// names invoice N-1 of north in its ref, but …".
    static func why(_ found: [Misdirected], ledger: Ledger, sheet: BalanceSheet) -> String {
        found.map { f in
            let amount = Money(minor: f.payment.minor, currency: f.payment.currency)
            let went = PaymentReferenceRule.went(f.payment, ledger: ledger, sheet: sheet)
            if f.othersInvoice {
                let number = ledger.invoices[f.named[0]].number, owner = ledger.invoices[f.named[0]].client
                return "the payment of \(amount) on \(f.payment.date) from \(f.payment.client) names invoice \(number) of \(owner) in its ref, but with no `apply` it \(went): drafted, the letter would ask for invoice \(number) as if nothing had been paid for it; \(Self.either(f, ledger: ledger, sheet: sheet)), then draft again (W425)"
            }
            let which = invoices(f, ledger)
            return "the payment of \(amount) on \(f.payment.date) names \(which) in its ref, but with no `apply` it \(went): drafted, the letter would ask again for \(which); write \(applyLines(f, ledger)) under the payment if that is what it paid (or `apply` lines for what it did pay, if the ref is wrong), then draft again (W425)"
        }.joined(separator: "; ")
    }

    /// What the agenda asks in place of the held letter, one item a payment: to settle what it
    /// paid, with its date and amount, the invoices its ref names and those it went to (7.5).
    static func settling(_ found: [Misdirected], stage: LetterStage, client: String, ledger: Ledger, sheet: BalanceSheet) -> [(action: String, why: String)] {
        found.map { f in
            let amount = Money(minor: f.payment.minor, currency: f.payment.currency)
            let paid = paidNumbers(f.payment, ledger: ledger, sheet: sheet)
            let payer = f.othersInvoice ? "\(f.payment.client)'s " : ""
            let wentTo = paid.isEmpty ? "was held on account" + (f.othersInvoice ? " for \(f.payment.client)" : "")
                : "went to \(payer)" + (paid.count == 1 ? "invoice " : "invoices ") + Plural.list(paid)
            let went = PaymentReferenceRule.went(f.payment, ledger: ledger, sheet: sheet)
            if f.othersInvoice {
                let number = ledger.invoices[f.named[0]].number
                return ("settle what \(f.payment.client)'s payment of \(amount) on \(f.payment.date) paid: its ref names invoice \(number) of \(client), but with no `apply` it \(wentTo)",
                        "with no `apply`, its \(amount) \(went); \(either(f, ledger: ledger, sheet: sheet)), or confirm with them which it was; until then the \(stage.title) to \(client) is not drafted (W425)")
            }
            return ("settle what their payment of \(amount) on \(f.payment.date) paid: its ref names \(invoices(f, ledger)), but with no `apply` it \(wentTo)",
                    "with no `apply`, its \(amount) \(went); write \(applyLines(f, ledger)) under the payment if that is what it paid, or confirm with them which it was; until then the \(stage.title) is not drafted (W425)")
        }
    }

    /// "invoice M-113", "invoices Q-1 and Q-2": what the ref names.
    static func invoices(_ f: Misdirected, _ ledger: Ledger) -> String {
        let numbers = f.named.map { ledger.invoices[$0].number }
        return (numbers.count == 1 ? "invoice " : "invoices ") + Plural.list(numbers)
    }

    /// "`apply M-113`": the lines that say the money paid what the ref names.
    static func applyLines(_ f: Misdirected, _ ledger: Ledger) -> String {
        Plural.list(f.named.map { "`apply \(ledger.invoices[$0].number)`" })
    }

    /// The numbers of the invoices the payment's money went to, each once, in the order paid.
    static func paidNumbers(_ payment: Payment, ledger: Ledger, sheet: BalanceSheet) -> [String] {
        var numbers: [String] = []
        for s in sheet.applied[payment.order] ?? [] where !numbers.contains(ledger.invoices[s.invoice].number) { numbers.append(ledger.invoices[s.invoice].number) }
        return numbers
    }

    /// The two ways to settle a payment whose ref names another client's invoice: "if the money
    /// was for N-1, write it as north's payment (`payment north 900.00 GBP`) with `apply N-1`;
    /// if it was northbev's, write `apply NB-1` under it".
    static func either(_ f: Misdirected, ledger: Ledger, sheet: BalanceSheet) -> String {
        let invoice = ledger.invoices[f.named[0]]
        let written = MoneyFormat.format(f.payment.minor, precision: f.payment.currency.precision) + f.payment.currency.afterAmount
        let paid = paidNumbers(f.payment, ledger: ledger, sheet: sheet)
        let theirs = paid.isEmpty ? "mark it `on-account`" : "write \(Plural.list(paid.map { "`apply \($0)`" })) under it"
        return "if the money was for \(invoice.number), write it as \(invoice.client)'s payment (`payment \(invoice.client) \(written)`) with `apply \(invoice.number)`; if it was \(f.payment.client)'s, \(theirs)"
    }
}
