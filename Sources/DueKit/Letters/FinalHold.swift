/// Why a client is not taken up the ladder to a final notice, or from one to a formal demand,
/// though the letters sent would take it there (7.2). Escalation says the relationship is in
/// trouble: it is held where the client's silence does not mean that.
public enum FinalHold: Sendable {
    /// A query about another of the client's invoices is open: we owe them our proposal for
    /// it (DOMAIN: acknowledge a dispute and propose a way forward), and a threat over their
    /// other money while they wait for it is harsh. The invoices in query, by number.
    case query([String])

    /// Whether the hold still stands on `day`, when the next letter may go: while it does, a
    /// follow-up does not say a final notice comes next.
    func stands(on day: Day) -> Bool {
        switch self {
        case .query: true
        }
    }

    /// Why, for the reason a draft and the agenda give.
    func said(_ next: LetterStage) -> String {
        switch self {
        case .query(let numbers):
            "no \(next.title) while our proposal on the query about \(LetterFields.list(numbers)) is awaited: propose a way forward on it first"
        }
    }
}
