/// Reads one ledger file's bytes into `Ledger` entries in a single pass, reporting every syntax
/// error it meets and carrying on at the next line, so one run shows all of them.
///
/// Cross-entry meaning (currencies, totals, references) is left to `LedgerResolver` and the
/// checks; the parser only knows the shape of each line.
public struct LedgerParser {
    /// Parses `file` to its end, appending its entries to `ledger`; `include` lines are
    /// recorded but not followed (the loader follows them, see `next`).
    public static func parse(_ file: SourceFile, into ledger: inout Ledger, diagnostics: inout [Diagnostic], order: inout Int) {
        var parser = LedgerParser(file: file, order: order)
        while parser.next(into: &ledger, diagnostics: &diagnostics) != nil {}
        order = parser.order
    }

    /// Parses until the next `include` line, which it returns so the caller can read that file
    /// before parsing goes on: included entries take the include's place in the order. Returns
    /// nil at the end of the file. `order` numbers entries across files so ties on a date keep
    /// the order written.
    public mutating func next(into ledger: inout Ledger, diagnostics out: inout [Diagnostic]) -> Include? {
        let before = ledger.includes.count
        file.bytes.withUnsafeBufferPointer { buffer in
            run(buffer, ledger: &ledger, diagnostics: &out)
        }
        bytes = UnsafeBufferPointer(start: nil, count: 0)
        return ledger.includes.count > before ? ledger.includes.last : nil
    }

    // MARK: - State

    let file: SourceFile
    public private(set) var order: Int
    /// Says what each line is; the parser turns what it says into entries.
    var syntax: SyntaxBuilder
    var finished = false
    var bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    var words = Words()
    /// The current invoice's items, kept apart while it is read and moved to `Ledger.items`
    /// when it ends (an item line that fails leaves the invoice's items as they were). With a
    /// `region` they go straight to their place in it instead, and only their number is kept.
    var items: [LineItem] = []
    var itemCount = 0
    /// Whether items are added up as they are read rather than kept (`Ledger.itemsTallied`):
    /// the current invoice's, in `tally`.
    var talliesItems = false
    var tally = ItemTally()
    /// Without positions, the ledger's `setAside` while `run` reads into it: the values the
    /// entries do not keep (`unkept`) go straight to their place. The current entry's begin at
    /// `entryAside`; `asideScratch` is where an entry's are put in order (`finish`).
    var setAside = SetAside()
    var entryAside = SetAside().mark
    var asideScratch = SetAside()
    /// The current payment's `apply` lines, kept the same way.
    var allocations: [Allocation] = []
    var allocationCount = 0
    /// Where a part of a large file puts its invoices, payments, items and `apply` lines (see
    /// `ParallelParse`); nil to append them to the ledger's arrays.
    var region: PartRegion?
    /// A `terms` line's words for `Terms.parse`, kept so a line of terms on every invoice
    /// allocates nothing.
    var termWords: [UnsafeBufferPointer<UInt8>] = []
    var interner = TextInterner()
    /// Client ids longer than a `String` holds in itself, one copy of each (`datedHeader`).
    var clientIDs = TextInterner(firstSlots: 16)
    /// Where invoice numbers longer than 15 bytes go, one after another (`InvoiceNumber`);
    /// made at the first.
    var numbers: NumberStore?
    /// Whether the common forms of values (plain amounts, ASCII ids, `net N` terms, a date
    /// like the one before) are read by their short paths, each of which gives what the
    /// general reader gives; off only in the tests that prove it.
    var readsCommonFormsDirectly = true
    var recentDay = RecentDay()
    /// The line being read, where the builder read it (a copy, read back whole just after the
    /// builder wrote it field by field, stalled on every line).
    var line: ScannedLine { syntax.line }
    var diagnostics: [Diagnostic] = []
    /// Whether entries record where they are written (see `range` and `anchor`).
    public var keepsPositions = true
    /// Without positions, whether the values the entries do not keep (they are read again from
    /// the file when wanted) are set aside instead (`Ledger.setAside`), so that two readings
    /// compare by all they say. `fmt`'s printing pass sets them aside only for a part it
    /// expects to change much (`FileFormatter.format`).
    public var setsAsideUnkept = true
    var keepsAside: Bool { !keepsPositions && setsAsideUnkept }
    /// When set, every line read is added to it too: `due fmt` prints the tree of the bytes it
    /// parses without reading them twice (see `SyntaxTree.init(filling:span:)`).
    var tree: SyntaxTree?
    /// When set, every line read is printed by it too: `due fmt` prints the bytes it parses
    /// as it reads them, with the words already split (see `LinePrinter`).
    var printer: LinePrinter?
    /// When set, every comment read is added to it: `fmt`'s proof compares the comments of
    /// the texts it reads anyway.
    var comments: CommentTexts?
    /// Where the bytes already handed back to the system end, when the parser hands back the
    /// pages of a mapped file behind it (see `releasingBehind`); nil when it keeps them.
    var released: Int?

    /// The kind of the entry being read; nil before the first entry and under a header that
    /// could not be read.
    var kind: EntryKind?
    /// The header above could not be read and has been reported: its details are passed over.
    var skipping = false
    /// The diagnostic that said so, held until the entry ends to say how many details were
    /// passed over with it (`skippedDetails`): one finding, not one per line.
    var unreadHeader: Diagnostic?
    var skippedDetails = 0
    /// The entry's header was read with a date that is not one, or an invoice's figures
    /// cannot be read (`figuresUnread`): its lines are checked, but nothing of it is kept; an
    /// invoice's number is noted (`Ledger.unreadInvoices`).
    var discarding = false
    /// Set when an invoice left out for its figures is read again for those that can be read
    /// (`[SourceFile].readableFigures(ofInvoiceAt:)`): it is then kept with them.
    var keepsReadableFigures = false
    var seen: UInt64 = 0
    var settings = Settings()
    /// The `settings` entry's `closed` days with where each is written, judged once the entry
    /// is read (`warnClosedDaysKeptAlready`), as its `holidays` line may come after them.
    var closedWritten: [(day: Day, at: SourceRange)] = []
    /// The entry being read is a second `settings` or `sender` (E121): checked, then dropped.
    var secondEntry = false
    var sender: Sender?
    var client: Client?
    var invoice: Invoice?
    /// Where the current invoice's number stands, for E122 when the entry ends.
    var invoiceNumberRange = SourceRange.none
    var payment: Payment?
    var writeOff: WriteOff?
    var refund: Refund?
    /// The `returned` line of the payment being read, if it has one.
    var paymentReturn: PaymentReturn?
    var note: ClientNote?
    var plan: PaymentPlan?
    var letter: LetterSent?
    /// `EntryKind.detailMasks` and `repeatableMask`, held here: a constant worked out at run
    /// time is looked up through a call, and `detail` asks for these on every detail line.
    let detailMasks = EntryKind.detailMasks
    let repeatableMask = EntryKind.repeatableMask

    public init(file: SourceFile, order: Int) {
        self.init(file: file, order: order, from: 0, to: file.bytes.count)
    }

    /// Parses only `bytes[from..<to]`, which must start at an entry's header.
    public init(file: SourceFile, order: Int, from: Int, to: Int) {
        self.file = file
        self.order = order
        self.syntax = SyntaxBuilder(bytes: file.bytes, from: from, to: to)
    }

    /// Hands the pages of a mapped file back to the system as the parser passes them, a few
    /// megabytes at a time: entries keep no reference into the bytes, so a large file need not
    /// stay in memory beside the ledger read from it.
    public mutating func releasingBehind() {
        released = syntax.position
    }

    static let releaseChunk = 8 << 20

    /// Checks the text as it is parsed (`UTF8Check`): a part of a large file, whose findings
    /// (`textFindings`, once parsed to its end) join the other parts'.
    mutating func checkingText() { syntax.checkingText() }
    var textFindings: UTF8Check.Findings? { syntax.textFindings }

    /// Continues numbering after an included file took some numbers.
    public mutating func resume(order: Int) { self.order = order }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, ledger: inout Ledger, diagnostics out: inout [Diagnostic]) {
        guard !finished else { return }
        bytes = buffer
        // Asked once, not on every line: a test of an optional tree or printer copied it.
        let handsLinesOn = tree != nil || printer != nil || comments != nil
        swap(&setAside, &ledger.setAside)
        entryAside = setAside.mark
        defer { swap(&setAside, &ledger.setAside) }
        while syntax.next(buffer, words: &words) {
            if handsLinesOn { handOn(buffer) }
            switch syntax.role {
            case .blank, .comment:
                continue
            case .header:
                if let r = released, line.start - r >= Self.releaseChunk {
                    file.bytes.release(r..<line.start)
                    released = line.start
                }
                finish(into: &ledger)
                let includesBefore = ledger.includes.count
                let found = diagnostics.count
                header(ledger: &ledger)
                if kind == nil && skipping && diagnostics.count > found { unreadHeader = diagnostics.removeLast() }
                if ledger.includes.count > includesBefore {
                    out.append(contentsOf: diagnostics)
                    diagnostics.removeAll(keepingCapacity: true)
                    return
                }
            case .detail, .instalment:
                detail()
            }
            if !diagnostics.isEmpty {
                out.append(contentsOf: diagnostics)
                diagnostics.removeAll(keepingCapacity: true)
            }
        }
        finish(into: &ledger)
        finished = true
        if let r = released {
            file.bytes.release(r..<syntax.position)
            released = syntax.position
        }
        out.append(contentsOf: diagnostics)
        diagnostics.removeAll()
    }

    /// Hands the line just read to the tree, the printer and the comments that are set. Kept
    /// out of `run`: inlined there, the builder's line and item were copied for the printer
    /// on every line, printing or not.
    @inline(never)
    mutating func handOn(_ buffer: UnsafeBufferPointer<UInt8>) {
        if tree != nil { tree!.add(syntax) }
        if printer != nil { printer!.take(syntax, words: words, buffer) }
        if comments != nil, let c = line.commentStart { comments!.append(buffer, c..<line.commentEnd) }
    }

    // MARK: - Helpers
    // They are `mutating` although they change nothing: a non-mutating method called from a
    // mutating one is handed a copy of the whole parser (2 KB), for every word of every line.

    /// With `keepsPositions` off every range and anchor is the start of the file, so two parses of texts
    /// laid out differently give equal ledgers exactly when they mean the same (`FormatVerifier`).
    mutating func range(_ s: Int, _ e: Int) -> SourceRange {
        keepsPositions ? SourceRange(file: file.id, start: s, end: e) : SourceRange(file: file.id, start: 0, end: 0)
    }
    mutating func range(_ w: Word) -> SourceRange { range(w.start, w.end) }
    var lineRange: SourceRange { mutating get { range(line.contentStart, line.contentEnd) } }
    /// Where the current header stands: all an entry keeps of its position.
    var anchor: EntryAnchor { mutating get { EntryAnchor(file: file.id, offset: keepsPositions ? line.contentStart : 0) } }
    /// Where the current detail line starts.
    var lineAnchor: LineAnchor { mutating get { LineAnchor(offset: keepsPositions ? line.start : 0) } }

    mutating func string(_ s: Int, _ e: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[s..<e])
        return slice.count <= 15 ? TextInterner.short(slice) : String(decoding: slice, as: UTF8.self)
    }
    /// Free text, shared with identical earlier texts.
    mutating func shared(_ s: Int, _ e: Int) -> String { interner.text(bytes, s, e) }
    mutating func string(_ w: Word) -> String { string(w.start, w.end) }
    /// Text from word `i` to the end of the content.
    mutating func text(from i: Int) -> String? { i < words.count ? shared(words[i].start, line.contentEnd) : nil }
    mutating func slice(_ w: Word) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[w.start..<w.end]) }

    mutating func equals(_ w: Word, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard w.end - w.start == n else { return false }
        let p = s.utf8Start
        for k in 0..<n where bytes[w.start + k] != p[k] { return false }
        return true
    }

    mutating func error(_ code: DiagnosticCode, _ message: String, _ r: SourceRange, hint: String? = nil) {
        var hint = hint
        // Text pasted from a web page or a word processor brings no-break and other unseen
        // spaces: the line looks right and reads wrong, so the hint names what is there.
        let lower = Int(r.start), upper = min(Int(r.end), bytes.count)
        // (A control character is E006's, which says what it is.)
        if code != .E112, lower < upper, let found = HiddenCharacter.first(in: UnsafeBufferPointer(rebasing: bytes[lower..<upper])), found.scalar.properties.generalCategory != .control {
            hint = "it holds \(HiddenCharacter.describe(found.scalar)), which looks like a space (or nothing) but is not one: between words type a plain space; inside an amount or an id leave it out"
        }
        diagnostics.append(Diagnostic(code, message, at: r, hint: hint))
    }

    mutating func nextOrder() -> Int {
        order += 1
        return order
    }

    // MARK: - Values

    mutating func date(_ w: Word) -> Day? {
        if readsCommonFormsDirectly, let d = recentDay.read(slice(w)) { return d }
        switch DayParser.parse(slice(w)) {
        case .valid(let d): return d
        case .impossible(let why):
            error(.E104, "'\(string(w))' is not a real date: \(why)", range(w))
        case .notADate:
            let text = string(w)
            error(.E103, "expected a date (YYYY-MM-DD), found '\(text)'", range(w), hint: LedgerParser.dateHint(text))
        }
        return nil
    }

    /// The hint for a date written another way, read as a spreadsheet's would be
    /// (`CSVDateFormat.readings`): `2026-2-3` wants two digits for the month and the day;
    /// `15/11/2026` or `15-Nov-2026` can only be one day, which it names; `02/11/2026` could be
    /// either of two, and which is the writer's to say, so both are named.
    static func dateHint(_ text: String) -> String {
        let readings = CSVDateFormat.readings(of: text[...])
        if readings.count == 1, readings[0].format == CSVDateFormat.candidates[0], text.utf8.count < 10 {
            return "month and day take two digits each: write \(readings[0].day)"
        }
        if readings.count == 1 { return "dates are written year-month-day: write \(readings[0].day)" }
        if readings.count == 2 {
            func named(_ d: Day) -> String { "\(d) (\(d.components.day) \(Day.monthNames[d.components.month - 1]))" }
            return "dates are written year-month-day: write \(named(readings[0].day)) or \(named(readings[1].day))"
        }
        return "dates are written year-month-day, e.g. 2026-03-31"
    }

    mutating func amount(_ w: Word, negative: Bool = false) -> DecimalValue? {
        // A plain amount is never negative, and is read without the general reader's result.
        if readsCommonFormsDirectly, let v = DecimalValue.plain(slice(w)) { return writtenInFull(w) ? v : nil }
        switch DecimalValue.parse(slice(w), allowNegative: true) {
        case .valid(let v):
            guard writtenInFull(w) else { return nil }
            if v.isNegative && !negative {
                error(.E119, "an amount here must not be negative", range(w), hint: negativeHint(w))
                return nil
            }
            return v
        case .invalid(let why):
            // `100,50`: a decimal comma, as much of Europe writes it.
            let text = string(w)
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            let decimalComma = parts.count == 2 && (1...2).contains(parts[1].count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }
            let hint = decimalComma ? "a point marks the decimals: write \(parts[0]).\(parts[1])" : LedgerParser.pointGroupedHint(text) ?? LedgerParser.misgroupedHint(text)
            error(.E107, "'\(text)' is not an amount: \(why)", range(w), hint: hint)
        case .overflow:
            error(.E116, "'\(string(w))' has more digits than an amount can hold (18)", range(w))
        case .notANumber:
            let text = string(w)
            var hint = "write amounts as digits with an optional decimal point: 1200 or 1,200.00"
            // `compensation GBP 40.00`: the code written first, as it is said.
            if Currency.from(slice(w)) != nil, let k = (0..<words.count).first(where: { words[$0].start == w.start }), k + 1 < words.count,
                case .valid = DecimalValue.parse(slice(words[k + 1]), allowNegative: true)
            {
                let after = k + 2 < words.count ? " " + string(words[k + 2].start, line.contentEnd) : ""
                error(.E107, "expected an amount, found the currency '\(text)': the amount comes first", range(w.start, words[k + 1].end),
                      hint: "write `\(string(words[0].start, w.start))\(string(words[k + 1])) \(text)\(after)`")
                return nil
            }
            if let sign = text.first, let code = Currency.signs[sign], text.count > 1 {
                hint = "write the amount without the sign, and its currency code after it if it is not the ledger's: \(text.dropFirst()) \(code)"
            } else if let grouped = LedgerParser.pointGroupedHint(text) {
                hint = grouped
            } else if text.lowercased() == "all" {
                hint = "an `apply` without an amount pays all the invoice has open: leave `all` out"
            } else if let digits = LedgerParser.letterOHint(text) {
                hint = digits
            } else if let joined = LedgerParser.joinedQuantityHint(text) {
                hint = joined
            }
            error(.E107, "expected an amount, found '\(text)'", range(w), hint: hint)
        }
        return nil
    }

    /// The hint for an amount where a letter O stands for a zero (`1.OO`, `1O0.00`), which
    /// reads as one on many screens; nil when replacing the letters does not make an amount.
    static func letterOHint(_ text: String) -> String? {
        guard text.contains(where: { $0 == "O" || $0 == "o" }), text.contains(where: { $0 >= "0" && $0 <= "9" }) else { return nil }
        let mended = String(text.map { $0 == "O" || $0 == "o" ? "0" : $0 })
        guard case .valid = DecimalValue.parse(Array(mended.utf8)[...], allowNegative: true) else { return nil }
        return "the letter O stands where a zero goes: write \(mended)"
    }

    /// The hint for a negative amount where none may stand (E119): what such an amount is
    /// likely meant to record.
    mutating func negativeHint(_ w: Word) -> String {
        let body = string(Word(start: w.start + 1, end: w.end))
        if syntax.role == .header {
            switch syntax.entry {
            case .payment:
                // `2026-01-10 payment acme -5.00`: money taken off what the client owes.
                let credit = words.count > 3 ? "\(string(words[0])) credit \(string(words[2])) \(body)" : "DATE credit CLIENT \(body)"
                return "a payment is money received; to take an amount off what the client owes, record a credit note: `\(credit)`"
            case .credit: return "a credit note takes its amount off what the client owes: write \(body); for more owed, record an invoice"
            default: break
            }
        } else if syntax.role == .detail, syntax.keyword == .item || syntax.keyword == .total {
            return "an invoice charges what is owed: for a discount or a refund, record a credit note applied to the invoice"
        }
        return "only a balance assertion takes a negative amount: write \(body)"
    }

    /// The hint for `1.200,50`, thousands grouped with points and a decimal comma; nil for
    /// anything else.
    /// `item Dev 2x50.00`: a quantity, its `x` and the price written as one word, which is
    /// then read as the price: the hint writes them apart.
    static func joinedQuantityHint(_ text: String) -> String? {
        guard let cut = text.firstIndex(where: { "xX×*@".contains($0) }), cut != text.startIndex else { return nil }
        let quantity = text[..<cut], price = text[text.index(after: cut)...]
        func reads(_ s: Substring, grouping: Bool) -> Bool {
            if case .valid = DecimalValue.parse(Array(s.utf8)[...], allowNegative: false, allowGrouping: grouping) { return true }
            return false
        }
        guard reads(quantity, grouping: false), reads(price, grouping: true) else { return nil }
        return "write the quantity, `\(text[cut])` and the price as three words: `\(quantity) \(text[cut]) \(price)`"
    }

    static func pointGroupedHint(_ text: String) -> String? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber), parts[0].contains(".") else { return nil }
        let groups = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard groups.enumerated().allSatisfy({ k, g in g.allSatisfy(\.isNumber) && (k == 0 ? (1...3).contains(g.count) : g.count == 3) }) else { return nil }
        return "commas group the thousands and a point marks the decimals: write \(groups.joined(separator: ",")).\(parts[1])"
    }

    /// The hint for digits grouped otherwise than in threes (`1,2000.00`, `1,44.00`): the rule,
    /// and the amount the digits make without their commas. Which comma is astray, or which
    /// digit, is not known (`1,2000.00` may be 12,000.00 or 1,200.00), so the amount is offered
    /// on that condition, not as the one meant.
    static func misgroupedHint(_ text: String) -> String? {
        guard text.contains(",") else { return nil }
        var bare = text
        bare.removeAll { $0 == "," }
        // In a form grammar.md §2 gives once the commas are out: `1,20.` is not offered as `120.`.
        let body = bare.hasPrefix("-") ? bare.dropFirst() : bare[...]
        guard let first = body.first, let last = body.last, first.isASCII && first.isNumber, last.isASCII && last.isNumber else { return nil }
        guard case .valid(let v) = DecimalValue.parse(Array(bare.utf8)[...], allowNegative: true, allowGrouping: false) else { return nil }
        let grouped = MoneyFormat.format(v.digits, precision: v.scale)
        return "a comma must have exactly three digits after it: if the amount is \(bare), write \(bare)\(grouped == bare ? "" : " or \(grouped)")"
    }

    /// Whether amount `w`, which reads as a number, is in a form grammar.md §2 gives: `+5`,
    /// `.50` and `100.` read as numbers, but each is as likely a slip (`100.` a price cut
    /// short) as meant, so it is asked about rather than taken.
    @inline(__always) mutating func writtenInFull(_ w: Word) -> Bool {
        let first = bytes[w.start], last = bytes[w.end - 1]
        guard last == 0x2E || first == 0x2E || first == 0x2B || (first == 0x2D && bytes[w.start + 1] == 0x2E) else { return true }
        let sign = first == 0x2D || first == 0x2B ? 1 : 0
        let body = string(Word(start: w.start + sign, end: last == 0x2E ? w.end - 1 : w.end))
        let minus = first == 0x2D ? "-" : ""
        if first == 0x2B {
            error(.E107, "'\(string(w))' is not an amount: an amount takes no plus sign", range(w), hint: "write \(body)")
        } else if last == 0x2E {
            error(.E107, "'\(string(w))' is not an amount: a decimal point needs its decimals after it", range(w), hint: "write \(minus)\(body) or \(minus)\(body).00")
        } else {
            error(.E107, "'\(string(w))' is not an amount: a decimal point needs a digit before it", range(w), hint: "write \(minus)0\(body)")
        }
        return false
    }

    mutating func currency(_ w: Word) -> Currency? {
        if let c = Currency.from(slice(w)) { return c }
        let text = string(w)
        // Digits where a currency goes: an amount written with a space between its thousands.
        let digits = text.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
        let upper = text.uppercased()
        let sign = text.count == 1 ? text.first.flatMap { Currency.signs[$0] } : nil
        let hint = sign.map { "write the currency's code, not its sign: \($0)\($0 == "USD" ? " (or the code of your dollar: CAD, AUD, …)" : "")" }
            ?? (digits ? spacedAmountHint(w) ?? "an amount is one word: group thousands with commas (1,000.00), not spaces"
            : upper != text && Array(upper.utf8).withUnsafeBufferPointer({ Currency.from($0) }) != nil ? "currency codes are written in capitals: \(upper)"
            : Currency.names[upper].map { "did you mean \($0)? A currency is its three-letter ISO 4217 code" }
            ?? "use the three capital letters of ISO 4217, e.g. GBP, EUR, USD")
        error(.E115, "'\(text)' is not a currency code", range(w), hint: hint)
        return nil
    }

    /// The hint for an amount written with spaces between its thousands (`1 200,00`, read as
    /// the amount `1` and the currency `200,00`): the amount as one word, with commas between
    /// the thousands and a point before the decimals (a comma before the last one or two digits
    /// marks them as decimals, as where spaces group thousands); nil when the words do not
    /// make one.
    mutating func spacedAmountHint(_ w: Word) -> String? {
        guard let k = (1..<words.count).first(where: { words[$0].start == w.start }) else { return nil }
        var groups = [string(words[k - 1])]
        var m = k
        while m < words.count, bytes[words[m].start] >= 0x30 && bytes[words[m].start] <= 0x39 {
            groups.append(string(words[m]))
            m += 1
        }
        guard let mended = LedgerParser.joinedThousands(groups) else { return nil }
        return "an amount is one word, its thousands grouped with commas: write \(mended)"
    }

    /// `["1", "200,00"]` as `1,200.00`: groups of digits as written with spaces between them,
    /// the last ending perhaps in a decimal comma or point; nil for anything else.
    static func joinedThousands(_ groups: [String]) -> String? {
        guard groups.count >= 2 else { return nil }
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0 >= "0" && $0 <= "9" } }
        var last = Substring(groups[groups.count - 1])
        var decimals: Substring = ""
        if let sep = last.firstIndex(where: { $0 == "," || $0 == "." }) {
            decimals = last[last.index(after: sep)...]
            // `1 200,000` is more likely a million and more than decimals: not guessed at.
            guard digits(decimals), last[sep] == "." || decimals.count <= 2 else { return nil }
            last = last[..<sep]
        }
        let whole = groups.dropLast().map { Substring($0) } + [last]
        guard (1...3).contains(whole[0].count),
            whole.allSatisfy(digits), whole.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
        return whole.joined(separator: ",") + (decimals.isEmpty ? "" : "." + decimals)
    }

    mutating func looksLikeCurrency(_ w: Word) -> Bool { SyntaxBuilder.looksLikeCurrency(bytes, w) }

    mutating func id(_ w: Word, what: String) -> String? { isID(w, what: what) ? string(w) : nil }

    /// Whether `w` is a valid id, reporting why not; for an id that is not kept.
    mutating func isID(_ w: Word, what: String) -> Bool {
        if readsCommonFormsDirectly && LedgerID.isASCIIID(slice(w)) { return true }
        switch LedgerID.problem(in: slice(w)) {
        case nil:
            return true
        case .character:
            error(.E112, "'\(string(w))' is not a valid \(what): it may hold letters, digits and - _ . / # only, starting with a letter or digit", range(w))
        case .hidden(let offset, let length, let scalar):
            let at = SourceRange(file: file.id, start: w.start + offset, end: w.start + offset + length)
            // A space of another kind splits what the writer meant as two words (`acme 100.00`).
            let spaceLike = scalar.properties.generalCategory == .spaceSeparator
            error(.E112, "this \(what) holds \(HiddenCharacter.describe(scalar)), a character that cannot be seen or that changes how the text around it reads", at,
                  hint: spaceLike ? "if it separates two words, type a plain space in its place; inside the \(what), leave it out" : "retype the \(what) without it: two ids that look the same must be the same")
        }
        return false
    }

    mutating func percent(_ w: Word) -> Percent? {
        guard w.end > w.start + 1, bytes[w.end - 1] == 0x25 else {
            // `20`, or `20 %` with the sign apart: the number wants its % joined to it.
            let text = string(w)
            let number = text.allSatisfy { $0.isNumber || $0 == "." } && text.contains(where: \.isNumber)
            let sign = text == "%"
            error(.E114, "expected a rate such as 8% or 11.75%, found '\(text)'", range(w),
                  hint: number ? "write it with its percent sign: \(text)%" : sign ? "write the % straight after the number, with no space" : nil)
            return nil
        }
        let body = Word(start: w.start, end: w.end - 1)
        let read: DecimalValue?
        if readsCommonFormsDirectly, let plain = DecimalValue.plain(slice(body)) {
            read = plain
        } else if case .valid(let v) = DecimalValue.parse(slice(body), allowNegative: false, allowGrouping: false) {
            read = v
        } else {
            read = nil
        }
        guard let v = read, v.scale <= 4,
            v.digits <= 1000 * Int64(MoneyFormat.pow10(v.scale))
        else {
            error(.E114, "'\(string(w))' is not a rate: write a number up to 1000 with at most 4 decimals, then %", range(w))
            return nil
        }
        return v
    }

    mutating func wholeNumber(_ w: Word, max: Int = 36500, hint: String? = nil) -> Int? {
        if let n = Int(string(w)), n >= 0, n <= max { return n }
        error(.E120, "expected a whole number of days (0–\(max)), found '\(string(w))'", range(w), hint: hint)
        return nil
    }

    /// `buckets 30,60,90`: bounds joined by commas, where the form takes one word each.
    static func spacedBoundsHint(_ text: String) -> String? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count > 1, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        return "separate the bounds with spaces, not commas: `buckets \(parts.joined(separator: " "))`"
    }

    // MARK: - Headers

    static let topKeywords = EntryKind.allCases.filter { !$0.isDated }.map(\.text)
    static let datedKinds = EntryKind.allCases.filter(\.isDated).map(\.text)

    mutating func header(ledger: inout Ledger) {
        seen = 0
        kind = nil
        skipping = true
        let first = words[0]
        if syntax.dated {
            datedHeader(ledger: &ledger)
            return
        }
        let top = syntax.entry
        if top == .include {
            guard words.count > 1 else {
                error(.E105, "'include' needs the path of a file", range(first))
                return readOn(.include)
            }
            let path = string(words[1].start, line.contentEnd)
            let r = range(words[1].start, line.contentEnd)
            ledger.includes.append(Include(path: path, range: r))
            kind = .include
        } else if top == .settings {
            if words.count > 1 { error(.E106, "'settings' takes nothing on its line; put each setting on an indented line below", range(words[1].start, line.contentEnd)) }
            if let earlier = ledger.settings.range {
                diagnostics.append(LedgerParser.secondEntry(.settings, at: range(first), first: earlier))
            }
            // A second entry's details are still read and checked, then set aside, so a file
            // cut into parts for several cores reports the same problems as one read whole.
            secondEntry = ledger.settings.range != nil
            settings = Settings()
            settings.range = range(first)
            closedWritten = []
            kind = .settings
        } else if top == .sender {
            guard words.count > 1 else {
                error(.E105, "'sender' needs the business name letters are signed with", range(first))
                return readOn(.sender)
            }
            if let existing = ledger.sender {
                diagnostics.append(LedgerParser.secondEntry(.sender, at: range(first), first: existing.range))
            }
            secondEntry = ledger.sender != nil
            sender = Sender(name: text(from: 1)!, range: range(first.start, line.contentEnd))
            kind = .sender
        } else if top == .client {
            guard words.count > 1 else {
                error(.E105, "'client' needs an id, e.g. `client acme Acme Widgets Ltd`", range(first))
                return readOn(.client)
            }
            guard let cid = id(words[1], what: "client id") else { return readOn(.client) }
            client = Client(id: cid, name: text(from: 2), anchor: anchor)
            kind = .client
        } else {
            // A carriage return without a line feed ran this line into the next (E006 says
            // so): the word is not misspelt, and a second finding would only send the reader
            // after a keyword.
            if bytes[first.start..<first.end].contains(0x0D) { return }
            let word = string(first)
            let hint = Suggestion.hint(for: word, in: LedgerParser.topKeywords)
                ?? "an entry starts with a date (2026-03-02 invoice …) or one of: include, settings, sender, client; indent details"
            error(.E101, "'\(word)' does not start an entry", range(first), hint: hint)
        }
    }

    /// E121, from one place whether the two entries were met by one parser or in two parts of a
    /// file parsed on several cores (`Ledger.append`). `at` is the second entry's keyword.
    static func secondEntry(_ kind: EntryKind, at: SourceRange, first: SourceRange) -> Diagnostic {
        Diagnostic(
            .E121, "a second '\(kind.text)' entry", at: at, hint: kind == .settings ? "keep all settings in one entry" : nil,
            notes: [DiagnosticNote("the first is here", at: first)])
    }

    mutating func datedHeader(ledger: inout Ledger) {
        let day: Day
        if let d = date(words[0]) {
            day = d
        } else {
            // An entry whose date is wrong (reported) is still read and checked, header and
            // details, so one run reports every problem; it is then left out (`discarding`).
            guard let k = syntax.entry else { return }
            guard words.count > 2 else { return readOn(k) }
            discarding = true
            day = Day(ordinal: 0)
        }
        guard words.count > 1 else {
            error(.E105, "a date must be followed by what happened: invoice, payment, credit, writeoff, refund, note, plan, letter or balance", range(words[0]))
            return
        }
        let kw = words[1]
        guard let k = syntax.entry else {
            let kindWord = string(kw)
            error(.E102, "'\(kindWord)' is not a kind of entry", range(kw), hint: Suggestion.hint(for: kindWord, in: LedgerParser.datedKinds) ?? "use one of: " + LedgerParser.datedKinds.joined(separator: ", "))
            return
        }
        let kindWord = k.text
        guard words.count > 2 else {
            error(.E105, "'\(kindWord)' needs a client id after it", range(kw))
            return readOn(k)
        }
        // Checked and made afresh each time: an id of up to 15 bytes is made without allocating,
        // and a table to find it again (10,000 clients' ids) missed the processor's cache on
        // nearly every header of a large ledger, which cost more than the checking and making.
        // A longer id would be an allocation of its own on every entry (a million invoices and
        // as many payments naming `northwind-traders` took 130 MB): it is shared instead.
        guard isID(words[2], what: "client id") else { return readOn(k) }
        let cid = clientIDs.text(bytes, words[2].start, words[2].end)
        let clientRange = range(words[2])
        let rest = words.count - 3
        func tooMany(_ from: Int, _ form: String) {
            error(.E106, "unexpected '\(string(words[from].start, line.contentEnd))' after the \(kindWord)", range(words[from].start, line.contentEnd), hint: "the form is: \(form)")
        }

        switch k {
        case .invoice:
            let form = "DATE invoice CLIENT NUMBER"
            guard rest >= 1 else {
                error(.E105, "an invoice needs a number after the client id", clientRange, hint: "the form is: \(form)")
                return readOn(k, client: cid, on: day)
            }
            guard isID(words[3], what: "invoice number") else { return readOn(k, client: cid, on: day) }
            if rest > 1 { tooMany(4, form) }
            let number = InvoiceNumber(utf8: slice(words[3]), store: &numbers)
            invoice = Invoice(number: number, client: cid, issued: day, anchor: anchor, order: nextOrder())
            invoiceNumberRange = range(words[3])
            kind = .invoice
        case .payment, .credit:
            // Made only when a message needs it: built on every payment, it was a third of
            // reading the header.
            var form: String { "DATE \(kindWord) CLIENT AMOUNT [CURRENCY]" }
            guard rest >= 1 else {
                error(.E105, "a \(kindWord) needs an amount after the client id", clientRange, hint: "the form is: \(form)")
                return readOn(k, client: cid, on: day)
            }
            // An amount or currency that cannot be read (reported) leaves the entry out, but its
            // details are still read, so one run reports their problems too (`discarding`).
            let a = amount(words[3])
            if a == nil { discarding = true }
            var p = Payment(date: day, client: cid, amount: a ?? .zero, anchor: anchor, order: nextOrder())
            p.isCredit = k == .credit
            // After an amount that could not be read, what follows is part of that one mistake.
            if rest >= 2 && a != nil {
                if let cur = currency(words[4]) { p.writtenCurrency = cur } else { discarding = true }
            }
            if rest > 2 && a != nil { tooMany(5, form) }
            payment = p
            kind = k
        case .refund:
            let form = "DATE refund CLIENT AMOUNT [CURRENCY]"
            guard rest >= 1 else {
                error(.E105, "a refund needs an amount after the client id", clientRange, hint: "the form is: \(form)")
                return readOn(k, client: cid, on: day)
            }
            guard let a = amount(words[3]) else { return readOn(k, client: cid, on: day) }
            var r = Refund(date: day, client: cid, amount: a, anchor: anchor, order: 0)
            if rest >= 2 {
                guard let cur = currency(words[4]) else { return readOn(k, client: cid, on: day) }
                r.writtenCurrency = cur
            }
            if rest > 2 { tooMany(5, form) }
            r.order = nextOrder()
            refund = r
            kind = .refund
        case .writeoff:
            let form = "DATE writeoff CLIENT INVOICE [AMOUNT [CURRENCY]]"
            guard rest >= 1 else {
                error(.E105, "a write-off needs the invoice number after the client id", clientRange, hint: "the form is: \(form)")
                return readOn(k, client: cid, on: day)
            }
            guard let number = id(words[3], what: "invoice number") else { return readOn(k, client: cid, on: day) }
            var w = WriteOff(date: day, client: cid, invoice: number, anchor: anchor, order: 0)
            if rest >= 2 {
                guard let a = amount(words[4]) else { return readOn(k, client: cid, on: day) }
                w.amount = a
            }
            if rest >= 3 {
                guard let cur = currency(words[5]) else { return readOn(k, client: cid, on: day) }
                w.writtenCurrency = cur
            }
            if rest > 3 { tooMany(6, form) }
            w.order = nextOrder()
            writeOff = w
            kind = .writeoff
        case .note:
            var channel = NoteChannel.other
            if rest >= 1 {
                let ch = string(words[3])
                if let c = NoteChannel(rawValue: ch) {
                    channel = c
                } else {
                    // Read as a contact of another kind (reported), so its details are checked
                    // with the rest: a promise or a query in it is not lost from the run.
                    error(.E118, "'\(ch)' is not a channel", range(words[3]), hint: NoteChannel.eitherHint(ch) ?? Suggestion.hint(for: ch, in: NoteChannel.allCases.map(\.rawValue)) ?? NoteChannel.synonym(ch).map { "write `\($0.rawValue)`" } ?? "use one of: " + NoteChannel.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            if rest > 1 { tooMany(4, "DATE note CLIENT [CHANNEL]") }
            note = ClientNote(date: day, client: cid, channel: channel, anchor: anchor, order: nextOrder())
            kind = .note
        case .plan:
            let form = "DATE plan CLIENT AMOUNT [CURRENCY]"
            guard rest >= 1 else {
                error(.E105, "a plan needs the amount planned after the client id", clientRange, hint: "the form is: \(form)")
                return readOn(k, client: cid, on: day)
            }
            guard let a = amount(words[3]) else { return readOn(k, client: cid, on: day) }
            var p = PaymentPlan(date: day, client: cid, amount: a, anchor: anchor, order: 0)
            if rest >= 2 {
                guard let cur = currency(words[4]) else { return readOn(k, client: cid, on: day) }
                p.writtenCurrency = cur
            }
            if rest > 2 { tooMany(5, form) }
            p.order = nextOrder()
            plan = p
            kind = .plan
        case .letter:
            guard rest >= 1 else {
                error(.E105, "a letter needs its stage after the client id", clientRange, hint: "stages: " + LetterStage.allCases.map(\.rawValue).joined(separator: ", "))
                return readOn(k, client: cid, on: day)
            }
            let st = string(words[3])
            let stage: LetterStage
            if let known = LetterStage(rawValue: st) {
                stage = known
            } else {
                // Left out (reported), its details still read.
                error(.E118, "'\(st)' is not a letter stage", range(words[3]), hint: Suggestion.hint(for: st, in: LetterStage.allCases.map(\.rawValue)) ?? "stages: " + LetterStage.allCases.map(\.rawValue).joined(separator: ", "))
                discarding = true
                stage = .statement
            }
            if rest > 1 { tooMany(4, "DATE letter CLIENT STAGE") }
            letter = LetterSent(date: day, client: cid, stage: stage, anchor: anchor, order: nextOrder())
            kind = .letter
        case .balance:
            let form = "DATE balance CLIENT [INVOICE] AMOUNT [CURRENCY]"
            var i = 3
            var invoiceNumber: String?
            // `balance acme 2026-014 0.00` names an invoice; `balance acme 0.00 GBP` does not,
            // nor does `balance acme 40.00 GBP ok`, whose last word is one too many.
            func amountWithCurrency() -> Bool {
                guard looksLikeCurrency(words[4]), case .valid = DecimalValue.parse(slice(words[3]), allowNegative: true) else { return false }
                return true
            }
            if rest >= 2 && !(rest == 2 && looksLikeCurrency(words[4])) && !(rest > 2 && amountWithCurrency()) {
                guard let n = id(words[3], what: "invoice number") else { return readOn(k) }
                invoiceNumber = n
                i = 4
            }
            guard i < words.count else {
                error(.E105, "a balance assertion needs an amount", range(words[words.count - 1]), hint: "the form is: \(form)")
                return readOn(k)
            }
            guard let a = amount(words[i], negative: true) else { return readOn(k) }
            var cur: Currency?
            if i + 1 < words.count {
                guard let c = currency(words[i + 1]) else { return readOn(k) }
                cur = c
            }
            if i + 2 < words.count { tooMany(i + 2, form) }
            ledger.assertions.append(
                BalanceAssertion(
                    date: day, client: cid, invoice: invoiceNumber, amount: a, writtenCurrency: cur, anchor: anchor, order: nextOrder()))
            kind = .balance
        default:
            break
        }
    }

    /// A header of a known kind that cannot be read in full (reported: a part missing, E105,
    /// or one that cannot be read) still opens an entry of its kind, left out when it ends
    /// (`discarding`), so its details are checked as any entry's are and an indented header
    /// below it is told apart (grammar.md §6). An invoice whose number was not read is not
    /// noted as unread (`finish`): nothing can name it.
    mutating func readOn(_ k: EntryKind, client cid: String = "", on day: Day = Day(ordinal: 0)) {
        discarding = true
        kind = k
        switch k {
        case .sender: sender = Sender(name: "", range: range(words[0]))
        case .client: client = Client(id: "", name: nil, anchor: anchor)
        case .invoice: invoice = Invoice(number: "", client: cid, issued: day, anchor: anchor, order: 0)
        case .payment, .credit:
            var p = Payment(date: day, client: cid, amount: .zero, anchor: anchor, order: 0)
            p.isCredit = k == .credit
            payment = p
        case .writeoff: writeOff = WriteOff(date: day, client: cid, invoice: "", anchor: anchor, order: 0)
        case .refund: refund = Refund(date: day, client: cid, amount: .zero, anchor: anchor, order: 0)
        case .note: note = ClientNote(date: day, client: cid, channel: .other, anchor: anchor, order: 0)
        case .plan: plan = PaymentPlan(date: day, client: cid, amount: .zero, anchor: anchor, order: 0)
        case .letter: letter = LetterSent(date: day, client: cid, stage: .statement, anchor: anchor, order: 0)
        default: break
        }
    }

    // MARK: - Details

    /// The detail keywords each kind of entry accepts, in the order `due fmt` writes them.
    public static func detailOrder(for entry: String) -> [String] {
        EntryKind.allCases.first { $0.text == entry }?.details.map(\.text) ?? []
    }

    mutating func detail() {
        guard let kind else {
            if skipping {  // the header was wrong and has been reported, with the details it passes over
                skippedDetails += 1
                return
            }
            error(.E111, "an indented line with no entry above it", lineRange, hint: "entries start in column 1; remove the indentation or add the entry's header line")
            return
        }
        if kind == .include || kind == .balance {
            error(.E108, "'\(kind.text)' takes no indented details", lineRange)
            return
        }
        let kw = words[0]
        if syntax.role == .instalment {
            instalment()
            return
        }
        guard let keyword = syntax.keyword, detailMasks[Int(kind.rawValue)] & keyword.bit != 0 else {
            let keyword = string(kw)
            let allowed = kind.details.map(\.text)
            let what = kind == .writeoff ? "write-off" : kind.text
            // An entry's header indented by mistake reads as a detail starting with a date.
            let header = kind != .plan && Day.parse(keyword) != nil
            error(
                .E108, "'\(keyword)' is not " + (kind == .settings ? "a setting" : "a detail of \(what == "invoice" ? "an" : "a") \(what)"), range(kw),
                hint: header ? "this looks like a new entry: write its date at the start of the line, without indentation"
                    : Suggestion.hint(for: keyword, in: allowed) ?? "\(what) details: " + allowed.joined(separator: ", ") + (kind == .plan ? ", or an instalment `DATE AMOUNT`" : ""))
            return
        }
        if repeatableMask & keyword.bit == 0 {
            if seen & keyword.bit != 0 {
                error(.E109, "'\(keyword.text)' is given twice in this entry", range(kw), hint: "keep one '\(keyword.text)' line")
                return
            }
        }
        // Repeatable details are marked too, so `finish` knows an `item` line was written even
        // if it could not be read.
        seen |= keyword.bit
        // `waived`, `on-account` and `no-answer` are marks, and take nothing.
        if keyword == .waived || keyword == .onAccount || keyword == .noAnswer {
            if words.count > 1 {
                error(.E106, "'\(keyword.text)' takes nothing after it", range(words[1].start, line.contentEnd),
                      hint: keyword == .waived ? "say why on the `reason` line" : keyword == .onAccount ? "say what the money is for on the `ref` line" : "say what you tried on the `said` line")
            }
            switch keyword {
            case .waived: writeOff!.waived = true
            case .onAccount: payment!.onAccount = true
            default: note!.noAnswer = true
            }
            return
        }
        guard words.count > 1 else {
            error(.E110, "'\(keyword.text)' needs \(valueNoun(keyword))", range(kw), hint: valueHint(keyword))
            if kind == .invoice && (keyword == .item || keyword == .total || keyword == .tax) { figuresUnread() }
            return
        }
        switch kind {
        case .settings: settingsDetail(keyword)
        case .sender: senderDetail(keyword)
        case .client: clientDetail(keyword)
        case .invoice: invoiceDetail(keyword)
        case .payment, .credit: paymentDetail(keyword)
        case .writeoff: writeOff!.reason = text(from: 1)
        case .refund: refundDetail(keyword)
        case .note: noteDetail(keyword)
        case .plan: planDetail()
        case .letter: letterDetail(keyword)
        default: break
        }
    }

    /// What a detail with nothing after it is missing; late-payment terms without their rate or
    /// amount are the mistake people make most.
    mutating func valueNoun(_ keyword: Keyword) -> String {
        switch keyword {
        case .interest: "a rate: interest on late payment without a rate claims nothing"
        case .compensation: "an amount: compensation for late payment without an amount claims nothing"
        default: "a value"
        }
    }

    mutating func valueHint(_ keyword: Keyword) -> String? {
        switch keyword {
        case .interest: "write the yearly rate the terms allow, e.g. `interest 11.75%`"
        case .compensation: "write the fixed amount per late invoice, e.g. `compensation 40.00`"
        case .terms: "e.g. `terms net 30`, `terms 2/10 net 30`, `terms net 30 eom`, `terms receipt`"
        case .item: "e.g. `item Design sprint 3 x 850.00`"
        case .apply: "e.g. `apply 2026-014 500.00`, or the invoice alone for all it has open"
        case .promise: "e.g. `promise 2026-04-28 1,200.00`"
        default: nil
        }
    }

    mutating func settingsDetail(_ keyword: Keyword) {
        let v = words[1]
        switch keyword {
        case .currency:
            settings.currency = currency(v)
            onlyValue(.currency)
        case .buckets:
            var bounds: [Int] = []
            for k in 1..<words.count {
                let w = words[k]
                guard let n = wholeNumber(w, hint: LedgerParser.spacedBoundsHint(string(w))) else { return }
                if let last = bounds.last, n <= last {
                    error(.E120, "bucket bounds must increase: \(n) comes after \(last)", range(w))
                    return
                }
                if n == 0 {
                    error(.E120, "a bucket bound must be at least 1 day", range(w))
                    return
                }
                bounds.append(n)
            }
            settings.buckets = bounds
        case .aging:
            switch string(v) {
            case "due": settings.agingByIssueDate = false
            case "issue": settings.agingByIssueDate = true
            default: error(.E120, "'aging' is `due` or `issue`, not '\(string(v))'", range(v))
            }
            onlyValue(.aging)
        case .cadence:
            guard let a = wholeNumber(v, max: 365) else { return }
            var b = a
            if words.count > 2, !isDaysWord(words[2]) { guard let x = wholeNumber(words[2], max: 365) else { return }; b = x }
            onlyDays(.cadence, upTo: words.count > 2 && !isDaysWord(words[2]) ? 3 : 2)
            if a < 1 || b < a {
                error(.E120, "'cadence' takes the fewest and the most days between letters, e.g. `cadence 7 14`", range(v))
                return
            }
            settings.cadenceMin = a
            settings.cadenceMax = b
        case .courtesy:
            switch string(v) {
            case "off": settings.courtesyDays = nil
            case "on": settings.courtesyDays = Settings.courtesyOnDays
            default: settings.courtesyDays = wholeNumber(v, max: 365)
            }
            if settings.courtesyDays != nil || string(v) == "off" { string(v) == "on" || string(v) == "off" ? onlyValue(.courtesy) : onlyDays(.courtesy) }
        case .reminderAfter: if let n = wholeNumber(v, max: 365) { settings.reminderAfter = n; onlyDays(.reminderAfter) }
        case .finalAfter: if let n = wholeNumber(v, max: 100) { settings.finalAfter = max(1, n); onlyValue(.finalAfter) }
        case .demandAfter: if let n = wholeNumber(v) { settings.demandAfter = n; onlyDays(.demandAfter) }
        case .replyDays: if let n = wholeNumber(v, max: 365) { settings.replyDays = n; onlyDays(.replyDays) }
        case .demandMinimum, .chaseMinimum:
            guard let amount = amount(v) else { return }
            var code: Currency?
            if words.count > 2 {
                code = currency(words[2])
                if code == nil { return }
            }
            onlyValue(keyword, upTo: 3)
            let line = Settings.DemandMinimum(amount: amount, currency: code)
            if keyword == .demandMinimum { settings.demandMinimums.append(line) } else { settings.chaseMinimums.append(line) }
        case .holidays: holidays()
        case .closed:
            for k in 1..<words.count {
                if let d = date(words[k]) {
                    settings.holidays.closed.append(d)
                    closedWritten.append((d, range(words[k])))
                }
            }
        default: break
        }
    }

    /// W902: a `closed` day that is a weekend or a holiday of the `holidays` regions already
    /// moves no date, so it is likely a slip for another day. A day written beside the day
    /// before or after it is part of a shutdown written day by day, which takes in weekends and
    /// holidays as a matter of course: only a day standing alone is warned of.
    mutating func warnClosedDaysKeptAlready() {
        let h = settings.holidays
        for (day, at) in closedWritten where !h.closed.contains(day.adding(days: -1)) && !h.closed.contains(day.adding(days: 1)) {
            let what: String
            if day.weekday >= 6 {
                what = day.weekday == 6 ? "a Saturday" : "a Sunday"
            } else if h.isHoliday(day) {
                let regions = h.regions.filter { $0.days(in: day.year).contains(day) }.map { "`\($0.rawValue)`" }
                what = "a public holiday of " + (regions.isEmpty ? "the `holidays` regions" : regions.joined(separator: " and ")) + " already"
            } else {
                continue
            }
            diagnostics.append(Diagnostic(.W902, "\(day) is \(what): a `closed` day there moves no date", at: at,
                                          hint: "`closed` is for days of your own that are working days otherwise; is another day meant? If not, leave this one out"))
        }
    }

    /// A `holidays` line: `none`, or one or more regions whose public holidays a deadline
    /// steps over (grammar.md §3.2). A ledger has one such line, so none of this is on the
    /// path of the lines that repeat.
    mutating func holidays() {
        var regions: [HolidayRegion] = []
        for k in 1..<words.count {
            let w = words[k], word = string(w)
            if word == "none" {
                if words.count > 2 {
                    error(.E124, "'none' stands alone on a `holidays` line", range(words[1].start, line.contentEnd), hint: "write `holidays none` for weekends alone, or name the regions without it")
                    return
                }
                settings.holidays.regions = []
                return
            }
            if let r = HolidayRegion.named(word) {
                if !regions.contains(r) { regions.append(r) }
                continue
            }
            error(.E124, "'\(word)' is not a region whose holidays `due` knows", range(w), hint: LedgerParser.holidaysHint(word))
            return
        }
        settings.holidays.regions = regions
    }

    /// What to write instead of a word a `holidays` line does not know.
    static func holidaysHint(_ word: String) -> String {
        let known = "regions: " + HolidayRegion.words.joined(separator: ", ")
        if case .valid = DayParser.parse(Array(word.utf8)[...]) {
            return "a day the office is closed goes on a line of its own: `closed \(word)`"
        }
        switch word.lowercased() {
        case "uk", "gb", "united-kingdom", "great-britain", "britain":
            return "bank holidays differ across the UK: write `england` (for England and Wales), `scotland` or `northern-ireland`"
        case "usa", "united-states", "america": return Suggestion.didYouMean("us")
        case "eire", "ie", "republic-of-ireland": return Suggestion.didYouMean("ireland")
        case "de", "deutschland": return Suggestion.didYouMean("germany")
        case "fr": return Suggestion.didYouMean("france")
        case "nl", "holland", "the-netherlands", "nederland": return Suggestion.didYouMean("netherlands")
        case "ni": return Suggestion.didYouMean("northern-ireland")
        default: break
        }
        if HolidayRegion.named(word.lowercased()) != nil { return Suggestion.didYouMean(word.lowercased()) }
        return Suggestion.hint(for: word, in: HolidayRegion.words) ?? known + "; other days go on `closed` lines"
    }

    /// `days` or `day`, which a setting counted in days may carry after its number.
    mutating func isDaysWord(_ w: Word) -> Bool { equals(w, "days") || equals(w, "day") }

    /// `onlyValue` for a setting counted in days: `days` after the number is allowed; a week
    /// or a month is not read as that many days.
    mutating func onlyDays(_ keyword: Keyword, upTo count: Int = 2) {
        if words.count == count + 1 && isDaysWord(words[count]) { return }
        onlyValue(keyword, upTo: count)
    }

    mutating func senderDetail(_ keyword: Keyword) {
        let t = text(from: 1)!
        switch keyword {
        case .contact: sender!.contact = t
        case .email: sender!.email = t
        case .phone: sender!.phone = t
        case .address: sender!.address.append(t)
        case .bank:
            // `bank EUR IBAN …`: a currency code followed by the details labels them.
            if words.count > 2, let code = Currency.from(slice(words[1])) {
                sender!.banks.append(BankDetails(currency: code, text: text(from: 2)!, range: lineRange))
            } else {
                sender!.banks.append(BankDetails(currency: nil, text: t, range: lineRange))
            }
        case .taxID: sender!.taxID = t
        case .website: sender!.website = t
        default: break
        }
    }

    mutating func terms() -> Terms? {
        // `net N`, as nearly every terms line reads; `Terms.parse` reads every other form.
        if readsCommonFormsDirectly, words.count == 3, equals(words[1], "net"), let n = Terms.days(slice(words[2])) { return Terms(netDays: n) }
        termWords.removeAll(keepingCapacity: true)
        for k in 1..<words.count { termWords.append(slice(words[k])) }
        if let t = Terms.parse(termWords) { return t }
        let written = text(from: 1)!
        error(.E113, "'\(written)' are not terms `due` knows", range(words[1].start, line.contentEnd), hint: Terms.mended(written).map { Suggestion.didYouMean($0.description) } ?? valueHint(.terms))
        return nil
    }

    mutating func clientDetail(_ keyword: Keyword) {
        // The text is made only for the details that keep it.
        switch keyword {
        case .contact: client!.contact = text(from: 1)!
        case .greeting: client!.greeting = text(from: 1)!
        case .email: client!.email = text(from: 1)!
        case .phone: client!.phone = text(from: 1)!
        case .address: client!.address.append(text(from: 1)!)
        case .terms: client!.terms = terms()
        case .currency:
            client!.currency = currency(words[1])
            onlyValue(.currency)
        case .methods: client!.methods = text(from: 1)!.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        case .channel: client!.channel = text(from: 1)!
        case .interest:
            client!.interest = interestRate()
        case .compensation:
            let c = compensation()
            if c.statutory { client!.statutoryCompensation = true } else {
                client!.compensation = c.amount
                client!.compensationCurrency = c.currency
            }
        default: break
        }
    }

    /// An `interest` line's rate, as a client and an invoice write it.
    mutating func interestRate() -> Percent? {
        let rate = percent(words[1])
        // A rate not read is reported already: its hint says how to write it.
        if rate != nil { onlyValue(.interest) }
        return rate
    }

    /// A `compensation` line, as a client and an invoice write it: `statutory`, or an amount
    /// with its currency if one is written.
    mutating func compensation() -> (statutory: Bool, amount: DecimalValue?, currency: Currency?) {
        if equals(words[1], "statutory") {
            onlyValue(.compensation)
            return (true, nil, nil)
        }
        // Nothing after an amount that cannot be read is read: it is one mistake.
        guard let amount = amount(words[1]) else { return (false, nil, nil) }
        var code: Currency?
        if words.count > 2 {
            code = currency(words[2])
            // A word that is no currency is reported already; what follows it is one mistake.
            if code == nil { return (false, amount, nil) }
        }
        onlyValue(.compensation, upTo: 3)
        return (false, amount, code)
    }

    /// A detail that takes one value (or, `upTo` words in all) with more after it: a second
    /// currency, `8% a year`, a date and a word. Reported rather than read past: a word left
    /// unread may be one the writer meant to count (E106).
    mutating func onlyValue(_ keyword: Keyword, upTo count: Int = 2) {
        guard words.count > count else { return }
        let extra = string(words[count].start, line.contentEnd)
        let hint: String? = switch keyword {
        case .interest: "write the whole yearly rate as one figure, e.g. `interest 12%` (for a base rate plus 8 points, add the base rate yourself)"
        case .cadence: "`cadence` takes the fewest and the most days between letters, e.g. `cadence 7 14`"
        case .reminderAfter, .demandAfter, .replyDays, .courtesy: "it is counted in days: for two weeks, write `\(keyword.text) 14`"
        case .finalAfter: "a number of letters: write `final-after \(string(words[1]))`"
        case .aging: "write `aging due` or `aging issue`"
        case .number: "a number is one word: write it without spaces, e.g. `CN-1`"
        case .compensation: "the form is: compensation AMOUNT [CURRENCY], or `compensation statutory`"
        case .demandMinimum: "the form is: demand-minimum AMOUNT [CURRENCY], one line a currency"
        case .chaseMinimum: "the form is: chase-minimum AMOUNT [CURRENCY], one line a currency; `chase-minimum 0` chases every sum"
        case .total: "the form is: total AMOUNT [CURRENCY]"
        case .currency: "one currency per line: an invoice in another currency says so with its own `currency` line"
        default: nil
        }
        error(.E106, "unexpected '\(extra)' after `\(keyword.text) \(string(words[1].start, words[count - 1].end))`", range(words[count].start, line.contentEnd), hint: hint)
    }

    /// A value the entry does not keep: set aside only in a reading without positions (`fmt`'s
    /// proof), which cannot read it again (`Ledger.setAside`).
    mutating func unkept(_ keyword: Keyword, _ s: Int, _ e: Int) {
        guard keepsAside && !discarding else { return }
        setAside.add(keyword, UnsafeBufferPointer(rebasing: bytes[s..<e]))
    }

    /// An invoice an `item`, `total` or `tax` of which cannot be read (reported) has no total
    /// to go by: it is left out as one whose header cannot be read, so that a payment applied
    /// to it is not told it paid more than the invoice had open, nor the total that it differs
    /// from the items read.
    mutating func figuresUnread() { if !keepsReadableFigures { discarding = true } }

    mutating func invoiceDetail(_ keyword: Keyword) {
        switch keyword {
        case .ref: unkept(.ref, words[1].start, line.contentEnd)  // read again from the file when wanted (`Ledger.reference(of:)`)
        case .purpose:  // read again from the file when wanted (`Ledger.purpose(of:)`)
            invoice!.writesPurpose = true
            unkept(.purpose, words[1].start, line.contentEnd)
        case .currency:
            invoice!.writtenCurrency = currency(words[1])
            onlyValue(.currency)
        case .terms: invoice!.terms = terms()
        case .due:
            invoice!.explicitDue = date(words[1])
            onlyValue(.due)
        case .item: item()
        case .tax:
            let last = words[words.count - 1]
            guard let rate = percent(last) else { return figuresUnread() }
            invoice!.tax = Tax(rate: rate)
            if words.count > 2 { unkept(.tax, words[1].start, words[words.count - 2].end) }
        case .total:
            guard let a = amount(words[1]) else { return figuresUnread() }
            invoice!.writtenTotal = a
            if words.count > 2 {
                invoice!.writtenTotalCurrency = currency(words[2])
                // A word that is no currency is reported already; what follows it is one mistake.
                if invoice!.writtenTotalCurrency == nil { return figuresUnread() }
            }
            onlyValue(.total, upTo: 3)
        case .interest:
            invoice!.interest = interestRate()
        case .compensation:
            let c = compensation()
            if c.statutory { invoice!.statutoryCompensation = true } else {
                invoice!.compensation = c.amount
                invoice!.compensationCurrency = c.currency
            }
        default: break
        }
    }

    mutating func item() {
        guard let parts = syntax.item else { return }
        if case .notANumber = DecimalValue.parse(slice(parts.price), allowNegative: true), wordsAfterPrice() { return figuresUnread() }
        var cur: Currency?
        if let c = parts.currency {
            cur = currency(c)
            if cur == nil { figuresUnread() }
        }
        let form = "item DESCRIPTION QUANTITY x PRICE, or item DESCRIPTION PRICE for one unit"
        var quantity = DecimalValue(digits: 1, scale: 0)
        if let q = parts.quantity {
            if readsCommonFormsDirectly, let v = DecimalValue.plain(slice(q)), v.scale <= 4 {
                quantity = v
            } else if case .valid(let v) = DecimalValue.parse(slice(q), allowNegative: false, allowGrouping: true), v.scale <= 4 {
                quantity = v
            } else {
                error(.E117, "'\(string(q))' is not a quantity: write a number with at most 4 decimals", range(q))
                return figuresUnread()
            }
        } else if parts.times != nil {
            error(.E110, "an item needs a description before its quantity", range(words[1].start, line.contentEnd), hint: form)
            return figuresUnread()
        }
        guard let description = parts.description else {
            error(.E110, "an item needs a description and a price", lineRange, hint: form)
            return figuresUnread()
        }
        guard let price = amount(parts.price) else { return figuresUnread() }
        quantityInDescription(description, quantity: quantity, price: price)
        if parts.quantity == nil { countEndingDescription(description, price: parts.price) }
        if discarding { return }
        if talliesItems {
            tally.add(quantity, price, currency: cur)
            itemCount += 1
            return
        }
        let item = LineItem(quantity: quantity, unitPrice: price, currency: cur, line: lineAnchor)
        if keepsAside {
            setAside.addItem(UnsafeBufferPointer(rebasing: bytes[description]), quantity: quantity, unitPrice: price)
        }
        if region != nil {
            region!.items!.put(item)
        } else {
            items.append(item)
        }
        itemCount += 1
    }

    /// Whether the item, whose last word is no price, has words after a `QUANTITY x PRICE
    /// [CURRENCY]` of its own (`item Design 4 x 100.00 per day`): reported as one mistake at
    /// those words, not as a price and a currency that cannot be read.
    mutating func wordsAfterPrice() -> Bool {
        guard words.count > 4 else { return false }
        func reads(_ w: Word) -> Bool {
            if case .valid = DecimalValue.parse(slice(w), allowNegative: false, allowGrouping: true) { return true }
            return false
        }
        for k in stride(from: words.count - 2, through: 4, by: -1) where reads(words[k]) && SyntaxBuilder.isTimes(bytes, words[k - 1]) && reads(words[k - 2]) {
            let rest = k + 1 < words.count && Currency.from(slice(words[k + 1])) != nil ? k + 2 : k + 1
            guard rest < words.count else { return false }
            let extra = string(words[rest].start, line.contentEnd)
            error(.E106, "unexpected '\(extra)' after the item's price `\(string(words[k - 2].start, words[rest - 1].end))`", range(words[rest].start, line.contentEnd),
                  hint: "an item ends with its price and, when not the ledger's, its currency: put '\(extra)' in the description, e.g. `item \(string(words[1].start, words[k - 3].end)), \(extra) \(string(words[k - 2].start, words[rest - 1].end))`")
            return true
        }
        return false
    }

    /// `item Consulting hours 10 150.00` is one unit of "Consulting hours 10": a description
    /// ending in a unit of work (`hours`, `days`, `pages`…) and a bare count above one, with no
    /// `x` before the price, is as likely a quantity whose `x` was left out, and the two differ
    /// in money (W123). `1 x 150.00` says it is one; a count of one, or a number starting with
    /// 0, costs the same either way or is no count. A number after any other word names the
    /// work (`Phase 2`, `Sprint 14`, `November 2026`): asking of those would warn of most
    /// ledgers' items.
    static let unitsOfWork: Set<String> = ["hours", "hour", "hrs", "hr", "h", "days", "day", "units", "unit", "pcs", "pieces", "items", "pages", "words", "nights", "weeks", "sessions", "licences", "licenses", "seats", "users", "copies", "qty", "quantity"]

    mutating func countEndingDescription(_ description: Range<Int>, price: Word) {
        var end = 1
        while end < words.count && words[end].end <= description.upperBound { end += 1 }
        // Another word before it: `item 10 150.00` has no description but the number.
        guard end - 1 >= 2 else { return }
        let last = words[end - 1]
        let digits = bytes[last.start..<last.end]
        guard digits.count <= 6, digits.first != 0x30, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !(digits.count == 1 && digits.first == 0x31) else { return }
        let unit = words[end - 2]
        guard unit.end - unit.start <= 9, Self.unitsOfWork.contains(String(decoding: bytes[unit.start..<unit.end], as: UTF8.self).lowercased()) else { return }
        let count = string(last), each = string(price), before = string(description.lowerBound, words[end - 2].end)
        diagnostics.append(Diagnostic(.W123, "this item is one unit of '\(before) \(count)' at \(each): is it \(count) x \(each)?", at: range(last.start, price.end),
                                      hint: "for \(count) of them write `item \(before) \(count) x \(each)`; for one, write `item \(before) \(count) 1 x \(each)`"))
    }

    /// An item is priced from its last words only, so `item Design 2 x 250.00 x 3` is 250 of
    /// "Design 2 x" at 3.00, and `item Design 2 x 250.00 GBP 500.00` one of them at 500.00: a
    /// description holding a quantity and a price of its own (`N x P`), or ending in `x`, is
    /// warned of (W123), with what the item was read as.
    mutating func quantityInDescription(_ description: Range<Int>, quantity: DecimalValue, price: DecimalValue) {
        func joins(_ w: Word) -> Bool { SyntaxBuilder.isTimes(bytes, w) }
        func numeric(_ w: Word) -> Bool { w.end > w.start && bytes[w.start] >= 0x30 && bytes[w.start] <= 0x39 }
        // The description's words, `first..<end` among the line's (no array made: every item
        // of a large ledger comes here).
        let first = 1
        var end = first
        while end < words.count && words[end].end <= description.upperBound { end += 1 }
        guard end - first > 1 else { return }
        var found = numeric(words[end - 2]) && joins(words[end - 1])
        if !found, end - first > 2 {
            // A price has decimals: `3 x 4 walls` is a description.
            func priced(_ w: Word) -> Bool { numeric(w) && bytes[w.start..<w.end].contains(0x2E) }
            for k in first + 1..<end - 1 where numeric(words[k - 1]) && priced(words[k + 1]) && joins(words[k]) {
                found = true
                break
            }
        }
        guard found else { return }
        diagnostics.append(Diagnostic(.W123, "this item is read as \(quantity) x \(price) of '\(string(description.lowerBound, description.upperBound))': its description holds a quantity and price of its own", at: range(description.lowerBound, line.contentEnd),
                                      hint: "an item is `item DESCRIPTION QUANTITY x PRICE [CURRENCY]`, with nothing after the price; for several figures on one line, write one item each"))
    }

    mutating func allocation() -> Allocation? {
        guard isID(words[1], what: "invoice number") else { return nil }
        var a = Allocation(amount: nil, line: lineAnchor)
        if words.count > 2 {
            guard let v = amount(words[2]) else { return nil }
            a.amount = v
        }
        if words.count > 3 {
            // An `apply` has no currency of its own: what it applies is in its payment's. One
            // written there would be read as the payment's and so change nothing, however
            // unlike it (grammar.md §3.6).
            if Currency.from(slice(words[3])) != nil {
                error(.E106, "an `apply` takes no currency: the amount it applies is in its \(payment!.isCredit ? "credit note" : "payment")'s", range(words[3].start, line.contentEnd),
                      hint: "write `apply \(string(words[1])) \(string(words[2]))`; money in \(string(words[3])) is recorded as a \(payment!.isCredit ? "credit" : "payment") of its own, in \(string(words[3]))")
                return a
            }
            _ = currency(words[3])
        }
        if words.count > 4 {
            error(.E106, "unexpected text after the allocation", range(words[4].start, line.contentEnd), hint: valueHint(.apply))
        }
        return a
    }

    mutating func paymentDetail(_ keyword: Keyword) {
        switch keyword {
        // Set aside only when they cannot be read again from the file (`Payment.notes(in:)`).
        case .method, .ref: if words.count > 1 { unkept(keyword, words[1].start, line.contentEnd) }
        // Read again from the file when wanted (`Payment.notes(in:)`).
        case .number:
            payment!.writesNumber = isID(words[1], what: "credit-note number")
            unkept(.number, words[1].start, words[1].end)
            onlyValue(.number)
        case .reason: unkept(.reason, words[1].start, line.contentEnd)
        case .returned:
            // `returned DATE [REASON]`: the payment came back unpaid that day (3.6).
            guard let day = date(words[1]) else { return }
            paymentReturn = PaymentReturn(date: day, payment: payment!.anchor, line: lineAnchor, reason: text(from: 2), order: payment!.order)
        case .apply:
            guard let a = allocation(), !discarding else { return }
            // The number is read again from the line (`Ledger.invoiceNumber(applied:of:)`),
            // unless there are no positions to read it from.
            unkept(.apply, words[1].start, words[1].end)
            if region != nil {
                region!.allocations.put(a)
            } else {
                allocations.append(a)
            }
            allocationCount += 1
        default: break
        }
    }

    mutating func refundDetail(_ keyword: Keyword) {
        switch keyword {
        case .method: refund!.method = text(from: 1)
        case .ref: refund!.ref = text(from: 1)
        case .reason: refund!.reason = text(from: 1)
        default: break
        }
    }

    mutating func noteDetail(_ keyword: Keyword) {
        switch keyword {
        case .with: note!.with = text(from: 1)!
        case .said:
            // Read again from the file when wanted (`ClientNote.gist(in:)`).
            if note!.firstSaid == nil { note!.firstSaid = lineAnchor }
            unkept(.said, words[1].start, line.contentEnd)
        case .hardship: note!.hardship = text(from: 1)!
        case .feedback: note!.feedback = text(from: 1)!
        case .promise:
            guard let by = date(words[1]) else { return }
            var p = Promise(by: by, amount: nil, line: lineAnchor)
            if words.count > 2 { p.amount = amount(words[2]) }
            // A currency may follow the amount (a client invoiced in two); a word after that
            // would be silently ignored.
            if words.count > 3 { p.writtenCurrency = currency(words[3]) }
            if words.count > 4 {
                error(.E106, "unexpected text after the promised amount and its currency", range(words[4].start, line.contentEnd), hint: "the form is: promise DATE [AMOUNT [CURRENCY]], e.g. `promise 2026-04-28 1,200.00 EUR`")
            }
            note!.promise = p
        case .dispute, .resolved:
            guard let n = id(words[1], what: "invoice number") else { return }
            let mark = DisputeMark(invoice: n, text: text(from: 2), line: lineAnchor)
            if keyword == .dispute { note!.disputes.append(mark) } else { note!.resolutions.append(mark) }
        default: break
        }
    }

    mutating func planDetail() {
        for k in 1..<words.count {
            if let n = id(words[k], what: "invoice number") {
                plan!.invoices.append(n)
            }
        }
    }

    mutating func instalment() {
        guard let day = date(words[0]) else {
            plan?.hasUnreadInstalment = true
            return
        }
        guard words.count >= 2 else {
            error(.E110, "an instalment needs an amount after its date", range(words[0]), hint: "e.g. `2026-05-31  1,000.00`")
            plan?.hasUnreadInstalment = true
            return
        }
        guard let a = amount(words[1]) else {
            plan?.hasUnreadInstalment = true
            return
        }
        if words.count > 2 && !(words.count == 3 && looksLikeCurrency(words[2])) {
            error(.E106, "unexpected text after the instalment", range(words[2].start, line.contentEnd))
        }
        plan!.instalments.append(Instalment(date: day, amount: a, line: lineAnchor))
    }

    mutating func letterDetail(_ keyword: Keyword) {
        switch keyword {
        case .channel: unkept(.channel, words[1].start, line.contentEnd)  // read again when wanted (`LetterSent.channel(in:)`)
        case .to: unkept(.to, words[1].start, line.contentEnd)  // read again when wanted (`LetterSent.recipient(in:)`)
        case .invoices:
            for k in 1..<words.count {
                if let n = id(words[k], what: "invoice number") {
                    letter!.invoices.append(n)
                }
            }
        default: break
        }
    }

    // MARK: - Finishing an entry

    mutating func finish(into ledger: inout Ledger) {
        if var held = unreadHeader.take() {
            let n = skippedDetails
            if n > 0 { held.message += n == 1 ? "; the detail line under it was skipped too" : "; the \(n) detail lines under it were skipped too" }
            diagnostics.append(held)
        }
        skippedDetails = 0
        if discarding {
            if kind == .invoice, let invoice, !invoice.number.isEmpty { ledger.unreadInvoices.append(UnreadInvoice(number: invoice.number, client: invoice.client, anchor: invoice.anchor)) }
            // What its lines put down before one could not be read is taken back.
            if itemCount > 0 && region != nil && !talliesItems { region!.items!.removeLast(itemCount) }
            if keepsAside { setAside.removeAfter(entryAside) }
            invoice = nil
            payment = nil
            client = nil
            sender = nil
            writeOff = nil
            refund = nil
            paymentReturn = nil
            note = nil
            plan = nil
            letter = nil
            tally = ItemTally()
            if !items.isEmpty { items.removeAll(keepingCapacity: true) }
            if !allocations.isEmpty { allocations.removeAll(keepingCapacity: true) }
            itemCount = 0
            allocationCount = 0
            kind = nil
            skipping = false
            discarding = false
            return
        }
        if keepsAside {
            setAside.sortEntry(from: entryAside, scratch: &asideScratch)
            entryAside = setAside.mark
        }
        // `take()` moves each entry into the ledger instead of copying it.
        switch kind {
        case .settings:
            warnClosedDaysKeptAlready()
            if !secondEntry { ledger.settings = settings }
        case .sender: if !secondEntry { ledger.sender = sender.take() } else { sender = nil }
        case .client: ledger.clients.append(client.take()!)
        case .invoice:
            // An `item` or `total` line that could not be read has been reported already.
            if talliesItems {
                invoice!.itemTally = tally
                tally = ItemTally()
            } else if region != nil {
                let end = Int32(region!.items!.next)
                invoice!.itemRange = end - Int32(itemCount)..<end
            } else {
                let first = Int32(ledger.items.count)
                invoice!.itemRange = first..<first + Int32(items.count)
                ledger.items += items
            }
            if itemCount == 0 && invoice!.writtenTotal == nil && seen & (Keyword.item.bit | Keyword.total.bit) == 0 {
                error(.E122, "invoice \(invoice!.number) has neither items nor a total", invoiceNumberRange, hint: "add `item DESCRIPTION QUANTITY x PRICE` lines or a `total` line")
            }
            items.removeAll(keepingCapacity: true)
            itemCount = 0
            if region != nil { region!.invoices.put(invoice.take()!) } else { ledger.invoices.append(invoice.take()!) }
        case .payment, .credit:
            if region != nil {
                let end = Int32(region!.allocations.next)
                payment!.allocationRange = end - Int32(allocationCount)..<end
                region!.payments.put(payment.take()!)
            } else {
                let first = Int32(ledger.allocations.count)
                payment!.allocationRange = first..<first + Int32(allocations.count)
                ledger.allocations += allocations
                ledger.payments.append(payment.take()!)
            }
            allocations.removeAll(keepingCapacity: true)
            allocationCount = 0
            if let r = paymentReturn.take() { ledger.returns.append(r) }
        case .writeoff: ledger.writeOffs.append(writeOff.take()!)
        case .refund: ledger.refunds.append(refund.take()!)
        case .note: ledger.notes.append(note.take()!)
        case .plan: ledger.plans.append(plan.take()!)
        case .letter: ledger.letters.append(letter.take()!)
        default: break
        }
        kind = nil
        skipping = false
    }
}

extension Substring {
    func trimmingBlanks() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
