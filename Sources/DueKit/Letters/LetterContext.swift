/// What one letter is written from, and the facts about the client's account that several of
/// its parts read (`LetterFields`): the invoices it shows, asks for and holds back, the last
/// letter we sent, the promise it may name. Worked out once, so every part of the letter says
/// the same of them.
struct LetterContext {
    let stage: LetterStage
    let choice: StageChoice
    let story: ClientStory
    let ledger: Ledger
    let sheet: BalanceSheet

    var asOf: Day { story.asOf }
    var client: Client { story.client }
    var sender: Sender? { ledger.sender }
    var settings: Settings { ledger.settings }

    /// Our letter `l` cited by its date, with whom it went to when that is not who letters go
    /// to now (`LetterFields.dated`): `4 May 2026 to Martin Shaw`.
    func dated(_ l: LetterSent) -> String { LetterFields.dated(l, client: client, files: ledger.files) }
    /// `to Martin Shaw`: whom our letter `l` went to, when that is not who letters go to now
    /// (`LetterFields.recipient`); "I wrote to you" when nil.
    func recipient(_ l: LetterSent) -> String? { LetterFields.recipient(of: l, client: client, files: ledger.files) }

    /// Every invoice the letter shows: all that is open on the account.
    let open: [Int]
    /// What the letter asks about: the invoices the stage was chosen for, or all that is open.
    let chased: [Int]
    let chasedSet: Set<Int>
    let currencies: [Currency]
    /// The numbers of the invoices in query.
    let disputed: Set<String>
    let plans: ClientPlans
    /// The plan the letter speaks of.
    let plan: PlanProgress?
    /// Every running plan's invoices are on hold, not only those of the plan spoken of.
    let planned: Set<Int>
    /// Shown, not asked for, and not yet due (nor in query, nor in a plan).
    let notYetDue: [Int]
    /// Shown, not asked for, because they are in query or in a plan.
    let onHold: [Int]
    /// Past-due invoices a promise whose day is still ahead covers, set aside from this letter
    /// (`StageChoice.promised`), and the day the client gave.
    let promised: (invoices: Set<Int>, by: Day)?
    /// The open invoices' numbers, as the letter's table lists them.
    let listedNumbers: Set<String>
    /// The day the oldest invoice still open was issued: where the work the letter is about began.
    let workStart: Day?
    /// How long past its due date the oldest invoice asked for is, in days.
    let days: Int

    /// The previous letter, and what has happened since it.
    let last: LetterSent?
    /// The invoices the last letter named.
    let lastNamed: NamedInvoices

    let promise: PromiseOutcome?
    /// A promise not kept is named once, in the first letter after its day: repeated in every
    /// later letter it would read as a reproach (a demand's history still lists it).
    /// Named once, in the first letter after its day that names promises: a dispute
    /// acknowledgement, a plan offer or a courtesy note between does not.
    let promiseNamed: Bool
    /// The payments (by `Payment.order`) since the promise was made, in its currency: those
    /// its sentence counts towards it.
    let promisePayments: Set<Int>

    let missedDiscounts: MissedDiscounts
    /// All that is asked is discounts taken too late (`StageChoice.asksOnlyDiscountsMissed`, as
    /// the stage chooser judged it): a difference over terms, not work unpaid, and worded so.
    var onlyDiscounts: Bool { choice.asksOnlyDiscountsMissed }
    /// Asking only for discounts missed by payments that came inside their windows, short of
    /// the discounted sums: the money was in time, its amount is what differs.
    var discountsPaidInTime: Bool { onlyDiscounts && missedDiscounts.allPaidInTime(chased) }
    /// The open queries, by invoice number.
    let disputes: [(key: String, value: ClientNote)]

    /// A query our acknowledgement put on hold and the user marked resolved in a note for the
    /// file since our last letter: the date of that acknowledgement. The client is told the
    /// hold has ended, without words put in their mouth about how it was settled.
    /// The notes that could end one, picked once: most letters have none to ask about.
    private let fileResolutions: [ClientNote]

    init(stage: LetterStage, choice: StageChoice, story: ClientStory, ledger: Ledger, sheet: BalanceSheet) {
        self.stage = stage
        self.choice = choice
        self.story = story
        self.ledger = ledger
        self.sheet = sheet
        let asOf = story.asOf

        let open = story.open
        let chased = choice.chased.isEmpty ? open : choice.chased
        let chasedSet = Set(chased)
        self.open = open
        self.chased = chased
        self.chasedSet = chasedSet
        currencies = Array(Set((chased.isEmpty ? open : chased).map { ledger.invoices[$0].currency })).sorted()

        let disputed = Set(story.openDisputes.keys)
        let plans = ClientPlans(story, ledger: ledger, sheet: sheet)
        let planned = plans.covered
        self.disputed = disputed
        self.plans = plans
        plan = plans.active
        self.planned = planned
        notYetDue = open.filter { !chasedSet.contains($0) && ledger.invoices[$0].due >= asOf && !disputed.contains(ledger.invoices[$0].number) && !planned.contains($0) }
        promised = choice.promised.flatMap { p in p.note.promise.map { (Set(p.invoices), $0.by) } }
        onHold = open.filter { !chasedSet.contains($0) && (disputed.contains(ledger.invoices[$0].number) || planned.contains($0)) }
        listedNumbers = Set(open.map { ledger.invoices[$0].number })
        workStart = open.map { ledger.invoices[$0].issued }.min()
        days = max(0, chased.map { asOf.days(since: ledger.invoices[$0].due) }.max() ?? 0)

        let last = story.lastLetter
        self.last = last
        lastNamed = last?.invoices ?? []

        let promise = choice.promise
        self.promise = promise
        promiseNamed = promise.map { p in p.isOutstanding && !story.contactLetters.contains { $0.date > p.promise.lastDay && LetterFields.namesPromises($0.stage) } } ?? false
        promisePayments = promise.map { p in Set(story.payments.filter { PromiseOutcome.came($0, after: p.note) && $0.currency == p.currency }.map(\.order)) } ?? []

        missedDiscounts = MissedDiscounts(chased, story: story, ledger: ledger, sheet: sheet)
        disputes = story.openDisputes.sorted { $0.key < $1.key }
        fileResolutions = story.notes(after: last).filter { !$0.isContact && !$0.resolutions.isEmpty }
    }

    /// The acknowledgement that put invoice `number` on hold, when a note for the
    /// file since our last letter marks its query resolved (`fileResolutions`).
    func holdEndedByFile(_ number: String) -> LetterSent? {
        for n in fileResolutions where n.resolutions.contains(where: { $0.invoice == number }) {
            if let ack = story.letters.last(where: { $0.stage == .dispute && $0.date <= n.date && $0.invoices.contains(number) }) { return ack }
        }
        return nil
    }

    /// Whether a letter after `from` (a date and an entry's order) showed invoice `i`: its
    /// table lists every open invoice (one in a plan among them), not only those it asked for
    /// (`ClientStory.shown`, asked of one invoice at a time).
    func shown(_ i: Int, after from: (Day, Int)) -> Bool {
        let issued = ledger.invoices[i].issued, settled = sheet.invoices[i].settled
        return story.letters.contains { l in
            (l.date, l.order) > from && l.stage != .thanks && issued <= l.date && (settled.map { $0 > l.date } ?? true)
        }
    }

    /// The notes recording hardship (3.9) since the oldest invoice asked for was issued (a
    /// plan's invoices whose missed instalments the letter asks for too among them), in date
    /// order: what the client's difficulty, told us or noted for the file, is known to concern.
    /// A letter to such a client neither hopes all is well nor asks about a problem it does
    /// not know of.
    var hardshipNotes: [ClientNote] {
        let oldestIssued = (chased + choice.alsoAsked).map { ledger.invoices[$0].issued }.min()
        return story.notes.filter { n in n.hardship != nil && oldestIssued.map { n.date >= $0 } ?? false }
    }

    /// Payments that all came long before this letter (the first to a client since work
    /// years old) are stated, not thanked for as news.
    func long(ago payments: [Payment]) -> Bool {
        payments.allSatisfy { story.asOf.days(since: $0.date) > LetterFields.paymentNewsDays }
    }
}
