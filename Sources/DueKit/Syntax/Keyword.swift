/// Every word the format reserves at the start of a line, recognised from bytes without
/// building a `String`: the parser meets one per line, millions of times in a large ledger.
public enum Keyword: UInt8, CaseIterable, Sendable {
    // Entries
    case include, settings, sender, client
    case invoice, payment, credit, writeoff, note, plan, letter, balance, refund
    // Details
    case currency, buckets, aging, cadence, courtesy, reminderAfter, finalAfter, demandAfter, demandMinimum, chaseMinimum, replyDays, holidays, closed
    case contact, email, phone, address, bank, taxID, website
    case greeting, terms, methods, channel, interest, compensation
    case ref, purpose, due, item, tax, total
    case method, apply, number, reason
    case with, said, promise, dispute, resolved, hardship, feedback
    case invoices
    case waived, returned, onAccount, to
    case noAnswer

    /// The word as written in a ledger.
    public var text: String { Keyword.texts[Int(rawValue)] }

    /// Worked out once: a case's name by interpolation goes through reflection, and `due`
    /// names keywords as it writes every detail of an import.
    private static let texts: [String] = allCases.map { k in
        switch k {
        case .reminderAfter: "reminder-after"
        case .finalAfter: "final-after"
        case .demandAfter: "demand-after"
        case .demandMinimum: "demand-minimum"
        case .chaseMinimum: "chase-minimum"
        case .replyDays: "reply-days"
        case .taxID: "tax-id"
        case .onAccount: "on-account"
        case .noAnswer: "no-answer"
        case .purpose: "for"
        default: "\(k)"
        }
    }

    public var bit: UInt64 {
        @inline(__always) get { 1 << UInt64(rawValue) }
    }

    /// Recognises `bytes[start..<end]`. A word of up to eight bytes (nearly every keyword) is
    /// compared as one load against the keywords of its length; near the end of the bytes, and
    /// for the longer keywords, byte by byte, comparing by length first so most words are
    /// settled by one or two byte comparisons.
    static func match(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
        let n = end - start
        if n >= 3 && n <= 8 && start + 8 <= b.count {
            // The word's bytes, in the low bytes of a little-endian load (its length is
            // compared apart: a longer word ending in NUL bytes must not match).
            let x = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + start).loadUnaligned(as: UInt64.self)) & (UInt64.max >> (64 - 8 * UInt64(n)))
            switch n {
            case 3:
                if x == 0x66_6572 { return .ref }  // ref
                if x == 0x72_6f66 { return .purpose }  // for
                if x == 0x65_7564 { return .due }  // due
                if x == 0x78_6174 { return .tax }  // tax
                return nil
            case 4:
                if x == 0x6d65_7469 { return .item }  // item
                if x == 0x6574_6f6e { return .note }  // note
                if x == 0x6e61_6c70 { return .plan }  // plan
                if x == 0x6b6e_6162 { return .bank }  // bank
                if x == 0x6469_6173 { return .said }  // said
                if x == 0x6874_6977 { return .with }  // with
                return nil
            case 5:
                if x == 0x79_6c70_7061 { return .apply }  // apply
                if x == 0x6c_6174_6f74 { return .total }  // total
                if x == 0x73_6d72_6574 { return .terms }  // terms
                if x == 0x6c_6961_6d65 { return .email }  // email
                if x == 0x65_6e6f_6870 { return .phone }  // phone
                if x == 0x67_6e69_6761 { return .aging }  // aging
                return nil
            case 6:
                if x == 0x746e_6569_6c63 { return .client }  // client
                if x == 0x646f_6874_656d { return .method }  // method
                if x == 0x7469_6465_7263 { return .credit }  // credit
                if x == 0x7265_7474_656c { return .letter }  // letter
                if x == 0x7265_646e_6573 { return .sender }  // sender
                if x == 0x7265_626d_756e { return .number }  // number
                if x == 0x6e6f_7361_6572 { return .reason }  // reason
                if x == 0x6469_2d78_6174 { return .taxID }  // tax-id
                if x == 0x6465_7669_6177 { return .waived }  // waived
                if x == 0x6465_736f_6c63 { return .closed }  // closed
                if x == 0x646e_7566_6572 { return .refund }  // refund
                return nil
            case 7:
                if x == 0x65_6369_6f76_6e69 { return .invoice }  // invoice
                if x == 0x74_6e65_6d79_6170 { return .payment }  // payment
                if x == 0x65_636e_616c_6162 { return .balance }  // balance
                if x == 0x65_6475_6c63_6e69 { return .include }  // include
                if x == 0x74_6361_746e_6f63 { return .contact }  // contact
                if x == 0x73_7365_7264_6461 { return .address }  // address
                if x == 0x65_7469_7362_6577 { return .website }  // website
                if x == 0x73_7465_6b63_7562 { return .buckets }  // buckets
                if x == 0x65_636e_6564_6163 { return .cadence }  // cadence
                if x == 0x73_646f_6874_656d { return .methods }  // methods
                if x == 0x6c_656e_6e61_6863 { return .channel }  // channel
                if x == 0x65_7369_6d6f_7270 { return .promise }  // promise
                if x == 0x65_7475_7073_6964 { return .dispute }  // dispute
                return nil
            case 8:
                if x == 0x6666_6f65_7469_7277 { return .writeoff }  // writeoff
                if x == 0x7367_6e69_7474_6573 { return .settings }  // settings
                if x == 0x7963_6e65_7272_7563 { return .currency }  // currency
                if x == 0x7973_6574_7275_6f63 { return .courtesy }  // courtesy
                if x == 0x676e_6974_6565_7267 { return .greeting }  // greeting
                if x == 0x7473_6572_6574_6e69 { return .interest }  // interest
                if x == 0x6465_766c_6f73_6572 { return .resolved }  // resolved
                if x == 0x7069_6873_6472_6168 { return .hardship }  // hardship
                if x == 0x6b63_6162_6465_6566 { return .feedback }  // feedback
                if x == 0x7365_6369_6f76_6e69 { return .invoices }  // invoices
                if x == 0x7379_6164_696c_6f68 { return .holidays }  // holidays
                if x == 0x6465_6e72_7574_6572 { return .returned }  // returned
                return nil
            default:
                return nil
            }
        }
        return matchBytes(b, start, end)
    }

    /// `match`, a byte at a time.
    static func matchBytes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword? {
        @inline(__always) func eq(_ s: StaticString) -> Bool {
            let p = s.utf8Start
            for k in 0..<s.utf8CodeUnitCount where b[start + k] != p[k] { return false }
            return true
        }
        switch end - start {
        case 2:
            if eq("to") { return .to }
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
            if eq("waived") { return .waived }
            if eq("closed") { return .closed }
            if eq("refund") { return .refund }
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
            if eq("holidays") { return .holidays }
            if eq("returned") { return .returned }
        case 9:
            if eq("no-answer") { return .noAnswer }
        case 10:
            if eq("reply-days") { return .replyDays }
            if eq("on-account") { return .onAccount }
        case 11:
            if eq("final-after") { return .finalAfter }
        case 12:
            if eq("demand-after") { return .demandAfter }
            if eq("compensation") { return .compensation }
        case 13:
            if eq("chase-minimum") { return .chaseMinimum }
        case 14:
            if eq("reminder-after") { return .reminderAfter }
            if eq("demand-minimum") { return .demandMinimum }
        default:
            break
        }
        return nil
    }
}
