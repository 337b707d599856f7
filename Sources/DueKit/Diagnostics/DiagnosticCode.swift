/// One kind of problem `due` reports: its stable code, whether it is an error or a warning, what
/// it means in a line, and the part of grammar.md §6 that explains it. Every diagnostic is made
/// from one of the codes below, so a code has one severity wherever it is raised, and the tests
/// hold this list and the tables of grammar.md §6 together.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// `E104`, `W401`: what `due check` prints in brackets and `--json` gives as `code`.
    public let code: String
    public let severity: Severity
    /// What the code means, in a line (grammar.md §6 says it in full).
    public let summary: String
    public let section: Section

    /// The parts of grammar.md §6, named by their heading's anchor.
    public enum Section: String, Sendable, CaseIterable {
        case files = "61-files-e0xx"
        case syntax = "62-syntax-e1xx"
        case references = "63-references-and-duplicates-e2xx"
        case amounts = "64-terms-and-amounts-e3xx"
        case balances = "65-payments-plans-notes-letters-and-balances-e4xx"
        case templates = "66-letter-templates-e5xx"
        case dates = "67-dates-w9xx"
    }

    private init(_ code: String, _ severity: Severity, _ section: Section, _ summary: String) {
        self.code = code
        self.severity = severity
        self.section = section
        self.summary = summary
    }

    /// Where grammar.md explains this code, e.g. `grammar.md#62-syntax-e1xx`.
    public var anchor: String { "grammar.md#" + section.rawValue }
    public var description: String { code }

    // A code is its identity: two values with one code are the same entry of this list.
    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }

    // MARK: Files (E0xx)

    public static let E001 = DiagnosticCode("E001", .error, .files, "an included file cannot be read, or is not a regular file")
    public static let E002 = DiagnosticCode("E002", .error, .files, "an included file does not exist")
    public static let E003 = DiagnosticCode("E003", .error, .files, "an include names a folder, not a file")
    public static let E004 = DiagnosticCode("E004", .error, .files, "a file includes itself, directly or through others")
    public static let E005 = DiagnosticCode("E005", .error, .files, "the file is not valid UTF-8 at this byte")
    public static let E006 = DiagnosticCode("E006", .error, .files, "a control character, or a carriage return without a line feed")
    public static let E008 = DiagnosticCode("E008", .error, .files, "includes nested more than 64 deep")

    // MARK: Syntax (E1xx)

    public static let E101 = DiagnosticCode("E101", .error, .syntax, "a line in column 1 does not start an entry")
    public static let E102 = DiagnosticCode("E102", .error, .syntax, "the word after the date is not a kind of entry")
    public static let E103 = DiagnosticCode("E103", .error, .syntax, "not a date in the form YYYY-MM-DD")
    public static let E104 = DiagnosticCode("E104", .error, .syntax, "a date that does not exist")
    public static let E105 = DiagnosticCode("E105", .error, .syntax, "a header lacks a part it must have")
    public static let E106 = DiagnosticCode("E106", .error, .syntax, "unexpected words after a complete header or detail")
    public static let E107 = DiagnosticCode("E107", .error, .syntax, "not an amount, or digits grouped wrongly")
    public static let E108 = DiagnosticCode("E108", .error, .syntax, "a detail this kind of entry does not take")
    public static let E109 = DiagnosticCode("E109", .error, .syntax, "a detail that may appear once is given twice")
    public static let E110 = DiagnosticCode("E110", .error, .syntax, "a detail lacks its value")
    public static let E111 = DiagnosticCode("E111", .error, .syntax, "an indented line with no entry above it")
    public static let E112 = DiagnosticCode("E112", .error, .syntax, "an id with a character ids may not hold")
    public static let E113 = DiagnosticCode("E113", .error, .syntax, "terms `due` does not know")
    public static let E114 = DiagnosticCode("E114", .error, .syntax, "a rate without %, or out of range")
    public static let E115 = DiagnosticCode("E115", .error, .syntax, "not a three-capital-letter currency code")
    public static let E116 = DiagnosticCode("E116", .error, .syntax, "an amount with more than 18 digits")
    public static let E117 = DiagnosticCode("E117", .error, .syntax, "a quantity that is not a number with at most 4 decimals")
    public static let E118 = DiagnosticCode("E118", .error, .syntax, "an unknown note channel or letter stage")
    public static let E119 = DiagnosticCode("E119", .error, .syntax, "a negative amount where none may be")
    public static let E120 = DiagnosticCode("E120", .error, .syntax, "a setting with a value it cannot take")
    public static let E121 = DiagnosticCode("E121", .error, .syntax, "a second settings or sender entry")
    public static let E122 = DiagnosticCode("E122", .error, .syntax, "an invoice with neither items nor a total")
    public static let W123 = DiagnosticCode("W123", .warning, .syntax, "an item whose description holds a quantity and price of its own")
    public static let E124 = DiagnosticCode("E124", .error, .syntax, "a `holidays` region `due` does not know")

    // MARK: References and duplicates (E2xx)

    public static let E201 = DiagnosticCode("E201", .error, .references, "a client id defined twice")
    public static let E202 = DiagnosticCode("E202", .error, .references, "an invoice number used twice")
    public static let E203 = DiagnosticCode("E203", .error, .references, "an entry names a client no client entry defines")
    public static let E204 = DiagnosticCode("E204", .error, .references, "an entry names an invoice number that does not exist")
    public static let E205 = DiagnosticCode("E205", .error, .references, "an entry of one client names an invoice of another")
    public static let E206 = DiagnosticCode("E206", .error, .references, "a credit-note number used twice, or by an invoice")

    // MARK: Terms and amounts (E3xx)

    public static let E301 = DiagnosticCode("E301", .error, .amounts, "an amount with more decimals than its currency has")
    public static let E302 = DiagnosticCode("E302", .error, .amounts, "an amount or total larger than `due` handles")
    public static let E303 = DiagnosticCode("E303", .error, .amounts, "an invoice's written total differs from its items plus tax")
    public static let W303 = DiagnosticCode("W303", .warning, .amounts, "a tax rate on an invoice with no items")
    public static let E304 = DiagnosticCode("E304", .error, .amounts, "an invoice, item, total or write-off in the wrong currency")
    public static let E305 = DiagnosticCode("E305", .error, .amounts, "an invoice due before it was issued")
    public static let E306 = DiagnosticCode("E306", .error, .amounts, "a discount window longer than the time to pay")
    public static let E307 = DiagnosticCode("E307", .error, .amounts, "money in a currency other than its client's or its invoice's")
    public static let E308 = DiagnosticCode("E308", .error, .amounts, "no currency is known for a client")
    public static let E309 = DiagnosticCode("E309", .error, .amounts, "a late claim passes the largest total `due` handles")
    public static let W310 = DiagnosticCode("W310", .warning, .amounts, "a GBP compensation off the statutory band")
    public static let W311 = DiagnosticCode("W311", .warning, .amounts, "statutory compensation in a currency with no statutory sum")
    public static let W313 = DiagnosticCode("W313", .warning, .amounts, "a unit price that may be thousands written with a dot")
    public static let W314 = DiagnosticCode("W314", .warning, .amounts, "a client's compensation in no currency its invoices share")
    public static let E312 = DiagnosticCode("E312", .error, .amounts, "terms put a due date after 9999-12-31")

    // MARK: Payments, plans, notes, letters and balances (E4xx)

    public static let W401 = DiagnosticCode("W401", .warning, .balances, "an invoice paid more than it had open")
    public static let E402 = DiagnosticCode("E402", .error, .balances, "apply amounts add up to more than the payment or credit")
    public static let E403 = DiagnosticCode("E403", .error, .balances, "an entry dated before the invoice it names was issued")
    public static let W404 = DiagnosticCode("W404", .warning, .balances, "unallocated money when nothing is open")
    public static let E405 = DiagnosticCode("E405", .error, .balances, "a balance assertion fails")
    public static let E406 = DiagnosticCode("E406", .error, .balances, "a write-off larger than what its invoice has open")
    public static let E407 = DiagnosticCode("E407", .error, .balances, "a plan's instalments do not add up to the amount planned")
    public static let E408 = DiagnosticCode("E408", .error, .balances, "a plan's instalment dates do not increase")
    public static let W409 = DiagnosticCode("W409", .warning, .balances, "a plan names an invoice already settled")
    public static let E410 = DiagnosticCode("E410", .error, .balances, "`resolved` with no dispute open")
    public static let E411 = DiagnosticCode("E411", .error, .balances, "a promise to pay by a date before its note")
    public static let W412 = DiagnosticCode("W412", .warning, .balances, "a dispute on an invoice already settled")
    public static let E413 = DiagnosticCode("E413", .error, .balances, "a letter names an invoice settled before it was sent")
    public static let W414 = DiagnosticCode("W414", .warning, .balances, "a letter steps down the collections ladder")
    public static let W415 = DiagnosticCode("W415", .warning, .balances, "an amountless apply is more than its invoices had open")
    public static let W416 = DiagnosticCode("W416", .warning, .balances, "no bank details for the currency of a client's invoices")
    public static let W417 = DiagnosticCode("W417", .warning, .balances, "a promised amount with no currency, for a client invoiced in several")
    public static let W418 = DiagnosticCode("W418", .warning, .balances, "a client who takes letters by post has no address")
    public static let W419 = DiagnosticCode("W419", .warning, .balances, "an email that no message can be addressed to")
    public static let W420 = DiagnosticCode("W420", .warning, .balances, "a promise in a currency the client is not invoiced in")
    public static let W421 = DiagnosticCode("W421", .warning, .balances, "a plan shares an invoice with an earlier plan it does not replace")
    public static let W422 = DiagnosticCode("W422", .warning, .balances, "a write-off without an amount on an invoice with nothing open")
    public static let E423 = DiagnosticCode("E423", .error, .balances, "a refund larger than what its client holds on account")
    public static let E424 = DiagnosticCode("E424", .error, .balances, "a payment returned before the day it was made")
    public static let W425 = DiagnosticCode("W425", .warning, .balances, "a payment with no apply whose ref names an invoice it does not pay")
    public static let W426 = DiagnosticCode("W426", .warning, .balances, "a client's `channel` that may mean email or post")
    public static let W427 = DiagnosticCode("W427", .warning, .balances, "a note whose `said` line says no one answered, not marked `no-answer`")
    public static let W428 = DiagnosticCode("W428", .warning, .balances, "a note marked `no-answer` that records the client's word")
    public static let W430 = DiagnosticCode("W430", .warning, .balances, "a promise of more than the client had open on the note's day")
    public static let W431 = DiagnosticCode("W431", .warning, .balances, "a note whose `said` line records a promise to pay, with no `promise` line")
    public static let W432 = DiagnosticCode("W432", .warning, .balances, "a note whose `said` line records a dispute or query about an invoice, with no `dispute` line")
    public static let W433 = DiagnosticCode("W433", .warning, .balances, "clients have email addresses but the sender has none")
    public static let W434 = DiagnosticCode("W434", .warning, .balances, "a payment names an invoice paid in full before by a payment of the same amount")
    public static let W435 = DiagnosticCode("W435", .warning, .balances, "an unallocated payment more than its client had open")

    // MARK: Letter templates (E5xx)

    public static let E501 = DiagnosticCode("E501", .error, .templates, "unknown placeholder")
    public static let E502 = DiagnosticCode("E502", .error, .templates, "a placeholder not closed on its line")
    public static let E503 = DiagnosticCode("E503", .error, .templates, "empty placeholder")
    public static let E504 = DiagnosticCode("E504", .error, .templates, "a template file cannot be read")
    public static let E505 = DiagnosticCode("E505", .error, .templates, "a template file larger than 256 KB")
    public static let E506 = DiagnosticCode("E506", .error, .templates, "a template that would make a letter larger than 4 MB")

    // MARK: Dates (W9xx)

    public static let W901 = DiagnosticCode("W901", .warning, .dates, "an entry dated after the as-of date")
    public static let W902 = DiagnosticCode("W902", .warning, .dates, "a `closed` day that is a weekend or a holiday already")

    /// Every code, in the order of grammar.md §6.
    public static let all: [DiagnosticCode] = [
        E001, E002, E003, E004, E005, E006, E008,
        E101, E102, E103, E104, E105, E106, E107, E108, E109, E110, E111, E112, E113, E114, E115, E116,
        E117, E118, E119, E120, E121, E122, W123, E124,
        E201, E202, E203, E204, E205, E206,
        E301, E302, E303, W303, E304, E305, E306, E307, E308, E309, W310, W311, E312, W313, W314,
        W401, E402, E403, W404, E405, E406, E407, E408, W409, E410, E411, W412, E413, W414, W415, W416, W417, W418, W419, W420, W421, W422, E423, E424, W425, W426, W427, W428, W430, W431, W432, W433, W434, W435,
        E501, E502, E503, E504, E505, E506,
        W901, W902,
    ]
}
