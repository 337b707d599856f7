/// A formal demand asked for an invoice the client then queried, and a credit note settled
/// the query: the sum the demand set out is no longer what they owe, and they have been told
/// neither that the query is settled in writing nor what the demand stands at now. After a
/// demand the ladder sends nothing more about its invoices (the next step is the user's, 7.2),
/// so no letter will say it: the agenda asks the user to, naming the credit note and the sum,
/// until a letter to the client is recorded on or after the credit note's day (7.5).
struct DemandLoweredByCredit {
    /// The formal demand, the latest to ask for the invoice.
    var demand: LetterSent
    /// The credit note (a payment with `isCredit`).
    var credit: Payment
    /// Its `number`, when written.
    var number: String?
    /// The invoices under the demand whose query it settled, and what it took off them.
    var invoices: [Int]
    var credited: Int64
    /// Every invoice the demand asked for that is still open: what it stands for now, with
    /// the interest and compensation it claimed on top (`claim`).
    var standing: [Int]
    var claim: DemandStanding

    /// The credit notes of the story's client that settled a query on an invoice a standing
    /// formal demand asked for, told in no letter since. A query counts as settled by it when
    /// its `resolved` line is dated on or after the demand, by the agenda's day.
    static func untold(_ story: ClientStory, ledger: Ledger, sheet: BalanceSheet) -> [DemandLoweredByCredit] {
        guard !story.credits.isEmpty, !sheet.disputes.isEmpty, let demand = story.letters.last(where: { $0.stage == .demand }) else { return [] }
        let named = Set(demand.invoices.array)
        // What the demand asked for: the invoices it names, or with none, all that was past due.
        func under(_ i: Int) -> Bool {
            named.isEmpty ? ledger.invoices[i].due < demand.date && ledger.invoices[i].issued <= demand.date : named.contains(ledger.invoices[i].number)
        }
        let standing = story.open.filter(under)
        guard !standing.isEmpty else { return [] }
        var found: [DemandLoweredByCredit] = []
        for credit in story.credits where credit.date >= demand.date && credit.date <= sheet.asOf {
            // A letter since the credit note tells them (each stage names credit notes applied
            // since the last letter, 7.3).
            if story.letters.contains(where: { $0.date >= credit.date }) { continue }
            var invoices: [Int] = []
            var credited: Int64 = 0
            for share in sheet.applied[credit.order] ?? [] where under(share.invoice) {
                let number = ledger.invoices[share.invoice].number
                guard sheet.disputes.resolved(number, from: demand.date, through: sheet.asOf) else { continue }
                if !invoices.contains(share.invoice) { invoices.append(share.invoice) }
                credited += share.amount
            }
            guard !invoices.isEmpty else { continue }
            found.append(DemandLoweredByCredit(demand: demand, credit: credit, number: credit.notes(in: ledger.files).number,
                                               invoices: invoices, credited: credited, standing: standing,
                                               claim: DemandStanding(demand, story: story, ledger: ledger, sheet: sheet)))
        }
        return found
    }

    /// The agenda's words: what to tell them, and why.
    func item(ledger: Ledger, sheet: BalanceSheet) -> (action: String, why: String) {
        let numbers = invoices.map { ledger.invoices[$0].number }
        let note = "credit note" + (number.map { " \($0)" } ?? " of \(credit.date)")
        let amount = Money(minor: credited, currency: credit.currency)
        // The money still open, and apart what the demand claimed on top of it, as its own
        // lines set them out: one figure of the two would match none of them.
        let open = LetterFields.totals(standing, ledger: ledger, sheet: sheet)
        let now = claim.claim.isEmpty ? open : "\(open) still open\(claim.plus)"
        let action = "confirm to them that \(note) (\(amount)) settled their query about \(LetterFields.list(numbers)) and that our formal demand of \(demand.date) now stands at \(now)"
        let why = "\(note) of \(credit.date) took \(amount) off \(LetterFields.invoicePhrase(numbers)), which our formal demand of \(demand.date) asked for; no letter since has told them"
        return (action, why)
    }
}
