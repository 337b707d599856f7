extension LetterFields {
    /// What a letter asking only for a discount missed asks of a client who thinks they paid
    /// in time: the payment is theirs to date, and may have been sent before it arrived.
    static let inTimeAsk = "If you believe your payment was made in time, please tell me the date you sent it and I will look into it."
    /// What it asks instead when every payment came inside its window, short of the discounted
    /// sum: the date is not in doubt, the figures may be (a discount worked out differently).
    static let figuresAsk = "If your figures differ from these, please tell me and I will look into it."

    /// The question a letter asking only for discounts missed puts before asking for the sum.
    static func discountAsk(_ context: LetterContext) -> String {
        context.discountsPaidInTime ? figuresAsk : inTimeAsk
    }

    /// Days past due beyond which a first reminder assumes no oversight: past a month the
    /// invoice has missed at least one of the client's monthly payment runs, and sits in the
    /// aging's second bucket; "friendly" and "please disregard this note" would then read as
    /// if we had only just noticed (grammar 7.4, `reminder.title`).
    static let oversightDays = 30

    /// Days within which a letter we sent makes a reminder no first contact: "I hope all is
    /// well" greets a client we have not written to for a while, not one who had an
    /// instalment reminder, a courtesy note or a thank-you from us a few weeks ago.
    static let recentLetterDays = 60

    /// `reminder.title`, `reminder.opening`, `reminder.close`, `reminder.habit`: the tone of a reminder. Returns
    /// whether its close puts the question about a discount missed (`discountAsk`).
    static func reminderFields(_ v: inout [String: String], _ context: LetterContext, planFailed: Bool, planStillOffered: Bool) -> Bool {
        let stage = context.stage, story = context.story, ledger = context.ledger,
            sheet = context.sheet, plans = context.plans, days = context.days
        // A reminder assumes an oversight. After a promise or a plan that was not kept, or for a
        // debt months old, "friendly" and "please disregard this note" would read as irony.
        if stage == .reminder {
            // Nor after instalment reminders about what it also asks for went unpaid.
            let instalmentsChased = plans.askingMissed.contains { p in
                story.letters.contains { $0.stage == .instalment && $0.date > p.plan.date && p.isAbout($0, ledger: ledger) }
            }
            // Nor after a final notice or a formal demand, the last letter on the ladder we sent
            // the client: a reminder that starts the chase again (for an invoice fallen due
            // since, one whose plan ran out) is plain and firm; not once a thank-you closed that
            // episode. (One that letter asked for apart gets a follow-up naming it instead.)
            let firm = StageChooser.firmLetterBefore(story)
            // Nor while a formal demand stands unpaid for other invoices, whatever letter went
            // last (a follow-up about an invoice the demand asked for apart, since paid).
            let demandStands = !context.choice.underDemand.isEmpty
            // Nor when it tells them a payment came back unpaid (`payment.returned`): that is
            // news of money they sent, not a first nudge about a bill they may have missed.
            let returned = v["payment.returned"] != nil
            let broken = v["promise.broken"] != nil || planFailed || instalmentsChased || firm != nil || demandStands || returned
            // Only a discount missed: a difference over terms the client may believe they do
            // not owe, named for what it is, not greeted as an invoice forgotten.
            let discountOnly = context.onlyDiscounts && !broken
            // Nor to a client whose latest invoices were each paid well after their due dates:
            // an oversight every time is no oversight, and the letter says what it has seen.
            let habit = broken || discountOnly ? nil : LatePaymentPattern(story, ledger: ledger, sheet: sheet)
            v["reminder.habit"] = habit?.sentence ?? ""
            // Nor for money long past due by the time we first write: it may have been
            // overlooked, but not for want of a few days' grace.
            let plain = broken || habit != nil || days > oversightDays
            v["reminder.title"] = discountOnly ? "Early-payment discount" : plain ? "Reminder" : "Friendly reminder"
            // Not to a client who told us of hard times since the oldest invoice asked for was
            // issued, or was offered a plan for them; nor to one we wrote to of late, as the
            // letters that follow an earlier one do not open so; nor when it tells them a
            // payment came back.
            let wroteLately = story.letters.contains { story.asOf.days(since: $0.date) <= recentLetterDays }
            v["reminder.opening"] = !context.hardshipNotes.isEmpty || planStillOffered || firm != nil || demandStands || returned || wroteLately ? "" : "I hope all is well."
            v["reminder.close"] = discountOnly ? discountAsk(context)
                : plain ? "If the payment is already on its way, thank you."
                : "If payment is already on its way, thank you, and please disregard this note."
            return discountOnly
        }
        return false
    }

    /// `reminder.ask`: what a reminder asks for, after its close. A discount missed is nothing
    /// "about the invoice holding it up": when the close has asked when the payment was sent
    /// (`askedWhenSent`), the sum alone is asked for by the date.
    static func reminderAsk(_ v: inout [String: String], _ context: LetterContext, askedWhenSent: Bool) {
        guard context.stage == .reminder else { return }
        let pay = "Otherwise, could you arrange payment of \(v["total.asked"] ?? "") by \(v["reply.by"] ?? "")?"
        v["reminder.ask"] = askedWhenSent ? pay
            : "If something about \(v["invoices.the"] ?? "") is holding \(v["invoices.it"] ?? "") up, let me know and I will help put it right. \(pay)"
    }
}
