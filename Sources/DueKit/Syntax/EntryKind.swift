/// What an entry is, as its header line says: a keyword in column 1 (`settings`, `sender`,
/// `client`, `include`) or the word after a date (`invoice`, `payment`, …).
public enum EntryKind: UInt8, CaseIterable, Sendable {
    case include, settings, sender, client
    case invoice, payment, credit, writeoff, note, plan, letter, balance, refund

    /// The kind a header keyword names; nil for a word that names none.
    init?(_ keyword: Keyword, dated: Bool) {
        switch keyword {
        case .include where !dated: self = .include
        case .settings where !dated: self = .settings
        case .sender where !dated: self = .sender
        case .client where !dated: self = .client
        case .invoice where dated: self = .invoice
        case .payment where dated: self = .payment
        case .credit where dated: self = .credit
        case .writeoff where dated: self = .writeoff
        case .note where dated: self = .note
        case .plan where dated: self = .plan
        case .letter where dated: self = .letter
        case .balance where dated: self = .balance
        case .refund where dated: self = .refund
        default: return nil
        }
    }

    /// The keyword that names this kind on a header.
    var keyword: Keyword {
        switch self {
        case .include: .include
        case .settings: .settings
        case .sender: .sender
        case .client: .client
        case .invoice: .invoice
        case .payment: .payment
        case .credit: .credit
        case .writeoff: .writeoff
        case .note: .note
        case .plan: .plan
        case .letter: .letter
        case .balance: .balance
        case .refund: .refund
        }
    }

    /// Whether the header starts with a date (`2026-03-02 invoice …`).
    public var isDated: Bool { rawValue >= EntryKind.invoice.rawValue }

    /// The word as written in a header. Spelt out: the parser names the kind of every dated
    /// header it reads, and interpolating a case's name goes through reflection.
    public var text: String {
        switch self {
        case .include: "include"
        case .settings: "settings"
        case .sender: "sender"
        case .client: "client"
        case .invoice: "invoice"
        case .payment: "payment"
        case .credit: "credit"
        case .writeoff: "writeoff"
        case .note: "note"
        case .plan: "plan"
        case .letter: "letter"
        case .balance: "balance"
        case .refund: "refund"
        }
    }

    /// The details this kind of entry takes, in the order `due fmt` writes them (grammar.md §3).
    /// A plan's instalments (`DATE AMOUNT`) are not keywords and come after these.
    public var details: [Keyword] {
        switch self {
        case .settings: [.currency, .buckets, .aging, .cadence, .courtesy, .reminderAfter, .finalAfter, .demandAfter, .demandMinimum, .chaseMinimum, .replyDays, .holidays, .closed]
        case .sender: [.contact, .email, .phone, .address, .bank, .taxID, .website]
        case .client: [.contact, .greeting, .email, .phone, .address, .terms, .currency, .methods, .channel, .interest, .compensation]
        case .invoice: [.ref, .purpose, .currency, .terms, .due, .item, .tax, .total, .interest, .compensation]
        case .payment: [.method, .ref, .apply, .onAccount, .returned]
        case .credit: [.number, .reason, .ref, .apply]
        case .writeoff: [.reason, .waived]
        case .refund: [.method, .ref, .reason]
        case .note: [.with, .said, .noAnswer, .promise, .dispute, .resolved, .hardship, .feedback]
        case .plan: [.purpose]
        case .letter: [.invoices, .channel, .to]
        case .include, .balance: []
        }
    }

    /// `details` as a bit set, for the check made on every detail line.
    static let detailMasks: [UInt64] = allCases.map { k in k.details.reduce(0) { $0 | $1.bit } }

    var detailMask: UInt64 { EntryKind.detailMasks[Int(rawValue)] }

    /// Details an entry may give more than once.
    static let repeatableMask: UInt64 = [Keyword.address, .bank, .closed, .demandMinimum, .chaseMinimum, .item, .apply, .said, .dispute, .resolved].reduce(0) { $0 | $1.bit }
}
