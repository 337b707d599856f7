/// Why a client is not taken up the ladder to a final notice, or from one to a formal demand,
/// though the letters sent would take it there (7.2). Escalation says the relationship is in
/// trouble: it is held where the client's silence does not mean that.
public enum FinalHold: Sendable {
    /// A query about another of the client's invoices is open: we owe them our proposal for
    /// it (DOMAIN: acknowledge a dispute and propose a way forward), and a threat over their
    /// other money while they wait for it is harsh. The invoices in query, by number.
    case query([String])
    /// The client paid every earlier invoice in full, late in a pattern of its own
    /// (`UsualLateness`): the money is as late as it usually is, not later by a clear margin.
    /// The first day it will be.
    case habit(UsualLateness, from: Day)
    /// None of the letters that would bring the final notice went to whom letters go now
    /// (their `to` lines name another, 3.11): the new contact has seen none of them, and gets
    /// a follow-up that says what went before, and to whom, before any final notice.
    case newContact(String)

    /// Whether the hold still stands on `day`, when the next letter may go: while it does, a
    /// follow-up does not say a final notice comes next. A new contact's follow-up is the
    /// letter they had not had: unanswered, the next is the final notice.
    func stands(on day: Day) -> Bool {
        switch self {
        case .query: true
        case .habit(_, let from): day < from
        case .newContact: false
        }
    }

    /// Why, for the reason a draft and the agenda give.
    func said(_ next: LetterStage) -> String {
        switch self {
        case .query(let numbers):
            "no \(next.title) while our proposal on the query about \(LetterFields.list(numbers)) is awaited: propose a way forward on it first"
        case .habit(let usual, let from):
            "\(usual.said); no \(next.title) before \(from), when it will be more than \(UsualLateness.marginDays) days later than usual"
        case .newContact(let whom):
            "none of them went to the contact letters go to now (they went \(whom)): a follow-up first, not a \(next.title)"
        }
    }
}
