/// Every word the format reserves at the start of a line, recognised from bytes without
/// building a `String`: the parser meets one per line, millions of times in a large ledger.
public enum Keyword: UInt8, CaseIterable, Sendable {
    // Entries
    case include, settings, sender, client
    case invoice, payment, credit, writeoff, note, plan, letter, balance
    // Details
    case currency, buckets, aging, cadence, courtesy, reminderAfter, finalAfter, demandAfter, replyDays
    case contact, email, phone, address, bank, taxID, website
    case greeting, terms, methods, channel, interest, compensation
    case ref, purpose, due, item, tax, total
    case method, apply, number, reason
    case with, said, promise, dispute, resolved, hardship, feedback
    case invoices

    /// The word as written in a ledger.
    public var text: String { Keyword.texts[Int(rawValue)] }

    /// Worked out once: a case's name by interpolation goes through reflection, and `due`
    /// names keywords as it writes every detail of an import.
    private static let texts: [String] = allCases.map { k in
        switch k {
        case .reminderAfter: "reminder-after"
        case .finalAfter: "final-after"
        case .demandAfter: "demand-after"
        case .replyDays: "reply-days"
        case .taxID: "tax-id"
        case .purpose: "for"
        default: "\(k)"
        }
    }

    public var bit: UInt64 { 1 << UInt64(rawValue) }

    /// Recognises `bytes[start..<end]`, comparing by length first so most words are settled by
    /// one or two byte comparisons.
    static func match(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
        @inline(__always) func eq(_ s: StaticString) -> Bool {
            let p = s.utf8Start
            for k in 0..<s.utf8CodeUnitCount where b[start + k] != p[k] { return false }
            return true
        }
        switch end - start {
        case 3:
            if eq("ref") { return .ref }
            if eq("for") { return .purpose }
            if eq("due") { return .due }
            if eq("tax") { return .tax }
        case 4:
            if eq("item") { return .item }
            if eq("note") { return .note }
            if eq("plan") { return .plan }
            if eq("bank") { return .bank }
            if eq("said") { return .said }
            if eq("with") { return .with }
        case 5:
            if eq("apply") { return .apply }
            if eq("total") { return .total }
            if eq("terms") { return .terms }
            if eq("email") { return .email }
            if eq("phone") { return .phone }
            if eq("aging") { return .aging }
        case 6:
            if eq("client") { return .client }
            if eq("method") { return .method }
            if eq("credit") { return .credit }
            if eq("letter") { return .letter }
            if eq("sender") { return .sender }
            if eq("number") { return .number }
            if eq("reason") { return .reason }
            if eq("tax-id") { return .taxID }
        case 7:
            if eq("invoice") { return .invoice }
            if eq("payment") { return .payment }
            if eq("balance") { return .balance }
            if eq("include") { return .include }
            if eq("contact") { return .contact }
            if eq("address") { return .address }
            if eq("website") { return .website }
            if eq("buckets") { return .buckets }
            if eq("cadence") { return .cadence }
            if eq("methods") { return .methods }
            if eq("channel") { return .channel }
            if eq("promise") { return .promise }
            if eq("dispute") { return .dispute }
        case 8:
            if eq("writeoff") { return .writeoff }
            if eq("settings") { return .settings }
            if eq("currency") { return .currency }
            if eq("courtesy") { return .courtesy }
            if eq("greeting") { return .greeting }
            if eq("interest") { return .interest }
            if eq("resolved") { return .resolved }
            if eq("hardship") { return .hardship }
            if eq("feedback") { return .feedback }
            if eq("invoices") { return .invoices }
        case 10:
            if eq("reply-days") { return .replyDays }
        case 11:
            if eq("final-after") { return .finalAfter }
        case 12:
            if eq("demand-after") { return .demandAfter }
            if eq("compensation") { return .compensation }
        case 14:
            if eq("reminder-after") { return .reminderAfter }
        default:
            break
        }
        return nil
    }
}
