/// The decision for one client on one date: which letter, if any, and why.
public struct StageChoice: Sendable {
    public var client: String
    /// nil: no letter today.
    public var stage: LetterStage?
    /// Why, in words, for the agenda and the draft's header.
    public var reason: String
    /// When nothing is due: the first day the next letter could go, if known.
    public var nextDate: Day?
    /// When nothing is due: the stage of the next letter on the ladder, where it is already
    /// settled (a final notice counted from the letters gone unanswered, waiting only for its
    /// day). Money set aside from it must be judged by that letter, not by today's silence.
    public var nextStage: LetterStage?
    /// The note whose promise to pay has passed unkept (or only partly kept); the letter names it.
    public var brokenPromise: ClientNote? { promise.flatMap { $0.isOutstanding ? $0.note : nil } }
    /// The latest promise about the chased money, kept or not, once its day has passed.
    public var promise: PromiseOutcome?
    /// Ladder letters about the chased invoices sent since the client last replied.
    public var unanswered = 0
    /// That reply, by date then as written: a contact or payment that answered letters about
    /// the chased invoices (`ClientStory.lastReply(about:)`); the letter names as unanswered
    /// the letters after it.
    public var lastReply: (date: Day, order: Int)?
    /// Instalment reminders about the chased invoices, of a plan over them that ran out, sent
    /// since the client last replied: a follow-up's tone counts them with `unanswered`, and the
    /// agenda's reason names them in the same count.
    public var remindersUnanswered: Int { unansweredReminders.count }
    /// Those reminders, oldest first: a formal demand names them, with the ladder letters left
    /// unanswered, among the letters it recites.
    public var unansweredReminders: [LetterSent] = []
    /// Letters on the ladder about the client's other invoices alone, sent since the client
    /// last replied, that asked for the missed instalments of such a plan beside their own
    /// money (`on.hold`), oldest first: a formal demand names them too among the letters it
    /// recites, as they asked for this money.
    public var unansweredBeside: [LetterSent] = []
    /// The client replied (a contact note or a payment) after our last letter.
    public var repliedSinceLastLetter = false
    /// Ladder letters about the chased invoices since money last came towards them, answered or
    /// not, and the date of the first of them.
    public var unpaidLetters = 0
    public var unpaidSince: Day?
    /// A final notice chosen because letters were answered but nothing paid: it says that only
    /// payment stops the formal demand, which follows whether the client replies or not; and
    /// that demand, chosen though the final notice was answered.
    public var stalled = false
    /// A final notice went about the chased invoices and the client answered it: this final
    /// notice restates it, and waits for the payment, not for word from them.
    public var finalAnswered = false
    /// The final notice that warned of a demand over a plan's missed instalments while an
    /// instalment still to fall due was not among them: the plan has run out with that one
    /// unpaid, so this final notice warns of the demand for what its invoices owe now, as that
    /// one did not (`StageChooser.unwarned`).
    public var notWarnedBy: LetterSent?
    /// A thank-you held back: the claim of a formal demand an earlier thank-you called covered
    /// by money held on account, which later work has taken since, is not recorded (the agenda
    /// asks for it, however long ago the demand's invoices were cleared).
    var claimToRecord: LateClaim.ToRecord?
    /// An instalment note sent before the instalment falls due, nothing missed (7.1): a
    /// courtesy note of the instalment falling due, not a reminder, and named so (`title`).
    public var instalmentFallingDue = false
    /// Indices into `ledger.invoices` of the invoices the letter asks to be paid.
    public var chased: [Int] = []
    /// Past-due invoices outside the plan that an instalment reminder asks for as well
    /// (`plan.outside`): recorded with the letter, so a later letter knows they were asked for.
    public var alsoAsked: [Int] = []
    /// Past-due invoices a final notice or formal demand leaves out (`StageChooser.setApart`):
    /// a final notice threatens a demand only over invoices an earlier letter asked for, and a
    /// demand is only about the invoices its final notice threatened over. The others (fallen
    /// due since the last letter, come off hold since, or left out of the final notice) are
    /// asked for apart, by the same date, with none of the letter's consequences, and it is not
    /// recorded as being about them: no invoice reaches a final notice's threat or a demand
    /// without a letter of its own having asked for it first.
    public var askedApart: [Int] = []
    /// The final notice or formal demand about other invoices, the last letter on the ladder,
    /// that asked for some of the chased invoices apart (`StageChooser.continued`): they were
    /// asked for already, firmly and by a date now passed, so the letter about them is a
    /// follow-up that names it, not a first reminder assuming an oversight.
    public var continuesFrom: LetterSent?
    /// Open invoices a formal demand sent earlier asked for, left out of a letter about the
    /// client's other invoices (one the demand asked for apart, one fallen due since, one whose
    /// plan ran out): the demand stands for them, and the letter says so rather than asking for
    /// them again. Each with the date of the demand that asked for it.
    public var underDemand: [UnderDemand] = []
    public struct UnderDemand: Sendable {
        /// Index into `ledger.invoices`.
        public var invoice: Int
        public var demand: Day
    }
    /// Why the next step about each formal demand whose date has passed is the user's, one
    /// reason a demand (oldest first): the agenda shows an item for each, beside a letter about
    /// the client's other invoices when one is due. Empty unless `demandUnanswered`.
    public var nextSteps: [String] = []
    /// A formal demand whose date is still to come, beside an item of the agenda about the
    /// client's other money (a shortfall below the chase minimum, money below the demand
    /// minimum): when its next step becomes the user's, said in that item, which would
    /// otherwise be the only word of the client and leave the demand's date out ("our formal
    /// demand of 2026-04-15 about invoice D-1 asked for a reply by 2026-04-27; the next step
    /// about it is yours from 2026-04-28").
    public var demandAwaited: String?
    /// The promise broken after a formal demand is named in that demand's next step
    /// (`nextSteps`): the agenda checks on it there, not in an item of its own as well.
    public var promiseInNextStep = false
    /// Most days past due among the chased invoices (0 when none is overdue).
    public var daysPastDue = 0
    /// A formal demand went unanswered: the next step is the user's decision, not a letter.
    public var demandUnanswered = false
    /// All that is chased is a remainder of less than one unit of its currency, as the letters
    /// ask for it (a loss written off with what is open): no letter; the user decides whether
    /// to write off what the books have open.
    public var remainder = false
    /// Past-due invoices with such a remainder beside other past-due money, set aside from the
    /// chase (`StageChooser.isRemainder`): no letter asks for them, its table lists them as not
    /// asked for, and the agenda asks the user to write them off or let them be.
    public var leftovers: [Int] = []
    /// A promise to pay whose day is still ahead, and the past-due invoices it covers, set
    /// aside from a letter about the client's other past-due money (`StageChooser.pendingPromise`):
    /// the letter does not ask for them, its table lists them as promised, and it says so.
    public var promised: Promised?
    public struct Promised: Sendable {
        public var note: ClientNote
        /// Indices into `ledger.invoices`.
        public var invoices: [Int]
    }
    /// Past-due invoices whose query was settled in the last `cadence` min days with no credit
    /// note recorded for them since (`StageChooser.creditAwaited`): the credit agreed may still
    /// be coming, so no reminder asks for them yet, and the agenda asks the user to record it.
    public var creditAwaited: [Int] = []
    /// All that is chased is early-payment discounts missed, and the ladder would send a final
    /// notice or a demand for them: no letter; the user decides whether to pursue them.
    public var discountsOnly = false
    /// A reminder or follow-up that asks only for early-payment discounts missed
    /// (`MissedDiscounts`: paid after the window at the discounted sum, the discount left
    /// open), nothing else: a small sum the client believes they did not owe, a difference over
    /// terms rather than an oversight. The letter explains the window and when the payment
    /// arrived, and asks for the difference, or for word if they think it was in time.
    public var asksOnlyDiscountsMissed = false
    /// Past-due invoices owing only early-payment discounts missed, whose own letters would
    /// bring a final notice or a demand, set aside from a letter about the client's unpaid
    /// work (`StageChooser.ladder`), whatever its stage: no letter asks for them again, its
    /// table lists them as not asked for, and the agenda asks the user to decide about them,
    /// for the reason given.
    public var discountsAside: DiscountsAside?
    /// A reminder or follow-up asking for early-payment discounts missed beside unpaid work:
    /// the work's own letters, unanswered and unpaid, which alone say whether the next letter
    /// is a final notice (the discounts will be set aside by then, `discountsAside`). Nil when
    /// the letter asks for no such discounts beside work.
    public var workLetters: (unanswered: Int, unpaid: Int)?
    public struct DiscountsAside: Sendable {
        /// Indices into `ledger.invoices`.
        public var invoices: [Int]
        public var reason: String
        /// Of `invoices`, those no letter sent has set aside yet: this letter is the first not
        /// to ask for them after letters that did, and says so (`discount.missed`). Once a
        /// letter has, they stay aside (`StageChooser.discountsSetAside`) and later letters
        /// only list them.
        public var newly: [Int] = []
    }

    /// The ledger's `demand-minimum` that what a final notice threatens over falls below: the
    /// notice warns of no formal demand, and when the demand would be due no letter goes; the
    /// agenda asks the user to pursue the money or write it off.
    public var belowDemandMinimum: Money?
    /// The `chase-minimum` (3.2) all the money chased falls below, every invoice of it paid
    /// towards (a shortfall, not a debt ignored): on a letter, the one that
    /// asks for it, which warns of no final notice; with no letter, that one has asked and its
    /// date has passed, and the agenda asks the user to write the money off or ask once more.
    public var belowChaseMinimum: Money?
    /// The day of a payment plan offer still open for the money chased (no plan agreed since,
    /// the same invoices), when word of hard times since would have brought the same offer
    /// again: the ladder goes on instead, and the agenda says the offer awaits an answer.
    public var offerAwaited: Day?
    /// An invoice falls due within `courtesy` days, but the client paid its last invoices by
    /// their due date (`StageChooser.paysOnTime`): no courtesy note, and `due letters` says why.
    public var courtesyNotNeeded = false
    /// Why the ladder stays below the final notice (or the formal demand) the letters sent
    /// would bring (`FinalHold`, 7.2): the letter is a follow-up, or after a final notice
    /// none goes, and a follow-up does not say a final notice comes next while the hold
    /// will still stand when the next letter is due.
    public var held: FinalHold?

    public init(client: String, stage: LetterStage?, reason: String) {
        self.client = client
        self.stage = stage
        self.reason = reason
    }

    /// Higher is more urgent; orders the agenda.
    public var urgency: Int {
        guard let stage else { return demandUnanswered ? 8 : 0 }
        switch stage {
        case .demand: return 10
        case .final: return 9
        case .dispute: return 8
        case .planOffer: return 7
        case .instalment: return 6
        case .followUp: return brokenPromise == nil ? 5 : 7
        case .reminder where brokenPromise != nil: return 7
        case .reminder: return 4
        case .thanks: return 2
        case .courtesy: return 1
        case .statement: return 0
        }
    }
}

extension StageChoice {
    /// How the letter is named to a person (the agenda's item, `due letters`): its stage's
    /// title, but a courtesy note of an instalment falling due (`instalmentFallingDue`) is
    /// not called a reminder of money not yet due.
    public var title: String {
        instalmentFallingDue ? "courtesy note of the instalment falling due" : stage?.title ?? ""
    }

    /// "a" or "an", for sentences naming the letter (`title`).
    public var article: String { instalmentFallingDue ? "a" : stage?.article ?? "a" }
}

extension LetterStage {
    /// How the stage is named to a person.
    public var title: String {
        switch self {
        case .courtesy: "courtesy note"
        case .reminder: "reminder"
        case .followUp: "follow-up"
        case .final: "final notice"
        case .demand: "formal demand"
        case .planOffer: "payment plan offer"
        case .instalment: "instalment reminder"
        case .dispute: "dispute acknowledgement"
        case .thanks: "thank-you"
        case .statement: "statement of account"
        }
    }

    /// "a" or "an", for sentences naming the stage.
    public var article: String { self == .instalment ? "an" : "a" }

    /// Letters that ask for money: the ladder's from the reminder on, and the instalment
    /// reminder. A follow-up cites the last of them, not a dispute acknowledgement or plan offer.
    public var asksForMoney: Bool { (rung.map { $0 >= 1 } ?? false) || self == .instalment }

    /// Letters that chase money or answer a problem: after one of these, settlement earns thanks.
    public var isChase: Bool {
        switch self {
        case .reminder, .followUp, .final, .demand, .planOffer, .instalment, .dispute: true
        case .courtesy, .thanks, .statement: false
        }
    }
}
