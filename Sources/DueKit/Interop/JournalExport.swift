import Dispatch

/// The plain-text accounting tools `due export` writes for.
public enum JournalFormat: String, Sendable, CaseIterable {
    case hledger, beancount
}

/// Writes a ledger's receivables as an hledger journal or a beancount file: same transactions,
/// each tool's spelling.
public enum JournalExport {
    /// `checked`: balances already computed (by the checker), used when they are as of the
    /// date the export needs. `asOf`: entries dated after it are left out (default: none are).
    public static func render(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil, asOf: Day? = nil) -> String {
        var all: [UInt8] = []
        write(ledger, format: format, sourceName: sourceName, checked: checked, asOf: asOf, pieceSize: .max) { all += $0 }
        return String(decoding: all, as: UTF8.self)
    }

    /// Writes the export in pieces, handing each to `emit` as soon as it is full: the whole
    /// text of a large ledger is never held at once. A book of more than `chunk` transactions is
    /// spelled on every core, `chunk` transactions to a piece, and the pieces handed on in order
    /// on this thread (while the cores spell the next ones); a smaller one is spelled here, in
    /// pieces of about `pieceSize` bytes. Either way every piece ends after a whole transaction.
    public static func write<E: Error>(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil, asOf: Day? = nil, pieceSize: Int = 1 << 20, chunk: Int = 1 << 11, to emit: ([UInt8]) throws(E) -> Void) throws(E) {
        try write(ledger, format: format, sourceName: sourceName, checked: checked, asOf: asOf, pieceSize: pieceSize, chunk: chunk, lending: { (piece: UnsafeBufferPointer<UInt8>) throws(E) in try emit(Array(piece)) })
    }

    /// The same, lending each piece where it lies: it is good only while `emit` runs. A writer
    /// that copies the piece on (into a file) is spared an array of its own for each.
    public static func write<E: Error>(_ ledger: Ledger, format: JournalFormat, sourceName: String, checked: BalanceSheet? = nil, asOf: Day? = nil, pieceSize: Int = 1 << 20, chunk: Int = 1 << 11, lending emit: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        let book = JournalBuilder.book(ledger, checked: checked, asOf: asOf)
        var out = ByteText(capacity: pieceSize == .max ? 0 : min(pieceSize, 1 << 20) + 4096)
        switch format {
        case .hledger: hledgerHeader(book, sourceName: sourceName, into: &out)
        case .beancount: beancountHeader(book, ledger: ledger, sourceName: sourceName, into: &out)
        }
        let names = Names(book, format: format)
        if book.count > max(1, chunk) {
            try out.bytes.withUnsafeBufferPointer(emit)
            try inChunks(book, format: format, names: names, chunk: chunk, to: emit)
            return
        }
        try names.withSpeller(format) { (speller: inout Speller) throws(E) in
            var words = Words()
            for k in 0..<book.count {
                try handOn(&out, ifOver: pieceSize, to: emit)
                speller.write(book.draft(at: k, words: &words), into: &out)
            }
        }
        if !out.bytes.isEmpty { try out.bytes.withUnsafeBufferPointer(emit) }
    }

    /// Spells `chunk` transactions per piece, each core taking the next piece when it is free,
    /// and hands the pieces on in order on this thread as they are done (`JournalChunks`). A
    /// piece of 2,048 transactions (about 300 KB) is still in the cache when it is handed on.
    static func inChunks<E: Error>(_ book: JournalBook, format: JournalFormat, names: Names, chunk: Int, to emit: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        let count = (book.count + chunk - 1) / chunk
        let cores = max(1, ParallelParse.cores)
        let chunks = JournalChunks(count, room: 2 * cores + 2)
        @Sendable func spell() {
            names.withSpeller(format) { speller in
                var words = Words()
                var applied: [String?] = []
                while let taken = chunks.take() {
                    let c = taken.chunk
                    let range = (c * chunk)..<min(book.count, (c + 1) * chunk)
                    book.appliedNumbers(range, into: &applied)
                    for k in range {
                        if (k - range.lowerBound) % Speller.warmed == 0 { speller.warm(book, k..<min(k + Speller.warmed, range.upperBound)) }
                        speller.spell(book.draft(at: k, words: &words, applied: applied[k - range.lowerBound]), into: &taken.into.pointee)
                    }
                    chunks.finish(c)
                }
            }
        }
        for _ in 0..<cores { DispatchQueue.global().async(group: chunks.working, execute: spell) }
        defer { chunks.working.wait() }
        // The file's pages are let go of every 32,768 transactions or so.
        let release = max(1, (1 << 15) / max(1, chunk))
        for c in 0..<count {
            do throws(E) {
                try chunks.handOn(c, emit)
            } catch {
                chunks.stop()
                throw error
            }
            // Each invoice's summary and each payment's `method` and `ref` were read from the
            // file: those pages leave memory again, or a large file would come back into it
            // whole. A page a core is reading meanwhile comes back from the page cache.
            if c % release == release - 1 { book.ledger.files.releasePages() }
        }
    }

    /// Hands on what `out` holds once it reaches `size`: called between transactions, so every
    /// piece ends with a whole line.
    static func handOn<E: Error>(_ out: inout ByteText, ifOver size: Int, to emit: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        guard out.bytes.count >= size else { return }
        try out.bytes.withUnsafeBufferPointer(emit)
        out.bytes.removeAll(keepingCapacity: true)
    }

    /// Text kept to one clean line for `format`. hledger ends a payee at its first `|` and a
    /// description at its first `;`, wherever it stands (what follows is a comment, read for
    /// tags): there `|` is written `/` and `;` is written `,`, so `Acme; Ltd` stays one payee,
    /// `Acme, Ltd`. Beancount quotes its text, where a `;` is only a letter and is kept; `|`
    /// is `/` there too, so both exports name a client alike.
    static func clean(_ s: String, for format: JournalFormat = .hledger) -> String {
        if IDText.isCleanText(s, also: 0x7C) { return s }
        let semicolon: Character = format == .hledger ? "," : ";"
        return String(IDText.text(s).map { $0 == "|" ? "/" : $0 == ";" ? semicolon : $0 })
    }

    /// Each client's payee, receivable account and id (raw, and quoted for beancount) as the
    /// format spells them, worked out once per client rather than once per transaction: one
    /// client's transactions are spread over the whole book, between other clients'. All of
    /// them sit in one run of bytes, so spelling a transaction copies bytes and retains nothing.
    struct Names: Sendable {
        static let fields = 4
        enum Field: Int { case payee, receivable, id, quotedID }
        var bytes: [UInt8] = []
        /// Field `f` of slot `s` is `bytes[marks[4s + f] ..< marks[4s + f + 1]]`.
        var marks: [Int] = [0]

        init(_ book: JournalBook, format: JournalFormat) {
            var out = ByteText()
            for s in book.clients.indices {
                switch format {
                case .hledger: out.append(JournalExport.clean(book.payees[s]))
                case .beancount: JournalExport.quoted(book.payees[s], into: &out)
                }
                marks.append(out.bytes.count)
                out.append(book.receivables[s])
                marks.append(out.bytes.count)
                out.append(book.clients[s])
                marks.append(out.bytes.count)
                if format == .beancount { JournalExport.quoted(book.clients[s], into: &out) }
                marks.append(out.bytes.count)
            }
            bytes = out.bytes
        }

        /// A speller that reads these names in place while `body` runs.
        func withSpeller<R, E: Error>(_ format: JournalFormat, _ body: (inout Speller) throws(E) -> R) throws(E) -> R {
            try bytes.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) throws(E) -> R in
                try marks.withUnsafeBufferPointer { (marks: UnsafeBufferPointer<Int>) throws(E) -> R in
                    var speller = Speller(format, bytes: bytes, marks: marks, text: RawText(capacity: 4096))
                    defer { speller.text.free() }
                    return try body(&speller)
                }
            }
        }
    }

    /// Spells transactions in one format, keeping the date it last wrote. Lives only while the
    /// `Names` it reads are lent to it (`Names.withSpeller`).
    struct Speller {
        let format: JournalFormat
        let bytes: UnsafeBufferPointer<UInt8>
        let marks: UnsafeBufferPointer<Int>
        /// The date last written: transactions come in date order, hundreds to a day.
        var day = LastDay()
        /// The due date last written: invoices come in order of issue, and most are due a fixed
        /// number of days later.
        var due = LastDay()
        /// The transaction being spelled, handed on to the caller's text in one copy.
        var text: RawText
        /// What `warm` read, kept only so that its reads are made.
        var warmth = 0

        init(_ format: JournalFormat, bytes: UnsafeBufferPointer<UInt8>, marks: UnsafeBufferPointer<Int>, text: RawText) {
            self.format = format
            self.bytes = bytes
            self.marks = marks
            self.text = text
        }

        @inline(__always) func name(_ slot: Int32, _ field: Names.Field) -> UnsafeBufferPointer<UInt8> {
            let k = Int(slot) * Names.fields + field.rawValue
            return UnsafeBufferPointer(rebasing: bytes[marks[k]..<marks[k + 1]])
        }

        /// How many transactions `warm` reads ahead together.
        static let warmed = 16

        /// Reads the names the transactions `range` of `book` will spell: their clients' marks,
        /// then the first bytes of each name. One client's transactions are spread over the
        /// whole book, so each transaction's names had left the cache, and spelling waited on
        /// memory twice for each, one wait after another; read together in a loop that does
        /// nothing else, the waits overlap (as `BalanceEngine.Run.warm` does for payments).
        mutating func warm(_ book: JournalBook, _ range: Range<Int>) {
            var sum = 0
            book.events.withUnsafeBufferPointer { events in
                for k in range {
                    let at = Int(events[k].slot) * Names.fields
                    for f in 0..<Names.fields where marks[at + f] < bytes.count { sum &+= Int(bytes[marks[at + f]]) }
                }
            }
            warmth &+= sum
        }

        /// Whether `text` holds exactly `bytes`, compared in place.
        @inline(__always) static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { b in
                guard b.count == bytes.count else { return false }
                for k in 0..<b.count where b[k] != bytes[k] { return false }
                return true
            } ?? bytes.elementsEqual(text.utf8)
        }

        @inline(__always) func account(_ leg: JournalTransaction.Leg, slot: Int32) -> UnsafeBufferPointer<UInt8> {
            if let fixed = leg.account.fixedName { return UnsafeBufferPointer(start: fixed.utf8Start, count: fixed.utf8CodeUnitCount) }
            return name(slot, .receivable)
        }

        /// Account and amount columns aligned within the transaction. Each figure is written
        /// twice (once to measure it) on the stack, never kept.
        func postings(_ t: JournalTransaction, indent: StaticString, into out: inout RawText) {
            // Each figure is formatted once, into the space after the text, and measured there.
            let legs = t.legs.2 == nil ? 2 : 3
            var figures: (Int, Int, Int) = (0, 0, 0)
            var width = 0, amountWidth = 0, k = 0
            t.forEachLeg { p in
                width = max(width, account(p, slot: t.slot).count)
                let n = MoneyFormat.withFigure(p.minor, precision: p.currency.precision, grouping: false) { f in
                    out.put(f)
                    return f.count
                }
                switch k {
                case 0: figures.0 = n
                case 1: figures.1 = n
                default: figures.2 = n
                }
                k += 1
                amountWidth = max(amountWidth, n + 4)
            }
            width += 2
            // The figures move to a scratch run of their own, then the postings are written.
            let stored = figures.0 + figures.1 + figures.2
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stored) { scratch in
                out.count -= stored
                if stored > 0 { scratch.baseAddress!.update(from: out.base + out.count, count: stored) }
                var at = 0
                for j in 0..<legs {
                    let p = j == 0 ? t.legs.0 : j == 1 ? t.legs.1 : t.legs.2!
                    let n = j == 0 ? figures.0 : j == 1 ? figures.1 : figures.2
                    out.words(indent)
                    let name = account(p, slot: t.slot)
                    out.put(name)
                    out.spaces(width - name.count + amountWidth - n - 4)
                    out.put(UnsafeBufferPointer(rebasing: scratch[at..<(at + n)]))
                    at += n
                    out.byte(0x20)
                    out.currency(p.currency)
                    out.byte(0x0A)
                }
            }
        }

        mutating func date(_ d: Day, into out: inout RawText) { day.put(d, into: &out) }

        mutating func dueDate(_ d: Day, into out: inout RawText) { due.put(d, into: &out) }

        /// A day spelled once and written again while the day stays the same.
        struct LastDay {
            private var ordinal: Int32?
            private var text = ByteText()

            mutating func put(_ d: Day, into out: inout RawText) {
                if d.ordinal != ordinal {
                    ordinal = d.ordinal
                    text.bytes.removeAll(keepingCapacity: true)
                    text.day(d)
                }
                text.bytes.withUnsafeBufferPointer { out.put($0) }
            }
        }

        /// Spelled into raw memory and added to `out` whole: a transaction is some twenty short
        /// runs of bytes, and each append to an array costs more than copying its bytes.
        mutating func write(_ t: JournalTransaction, into out: inout ByteText) {
            var raw = text
            raw.count = 0
            spell(t, into: &raw)
            text = raw
            out.bytes.append(contentsOf: UnsafeBufferPointer(start: raw.base, count: raw.count))
        }

        /// Spelled at the end of `out`.
        mutating func spell(_ t: JournalTransaction, into out: inout RawText) {
            switch format {
            case .hledger: hledger(t, into: &out)
            case .beancount: beancount(t, into: &out)
            }
        }

        mutating func hledger(_ t: JournalTransaction, into out: inout RawText) {
            out.byte(0x0A)
            date(t.date, into: &out)
            // Only ids go in the code's parentheses: they never hold `)`.
            if let code = t.code, code.utf8.withContiguousStorageIfAvailable({ LedgerID.problem(in: $0) == nil }) ?? LedgerID.isValid(code) {
                out.words(" (")
                out.append(code)
                out.byte(0x29)
            }
            out.byte(0x20)
            out.put(name(t.slot, .payee))
            out.words(" | ")
            JournalExport.clean(t.words, into: &out)
            out.words("  ; client:")
            out.append(t.client)
            if let due = t.due {
                out.words(", due:")
                dueDate(due, into: &out)
            }
            t.forEachInvoice { n in
                out.words(", invoice:")
                out.append(n)
            }
            out.byte(0x0A)
            postings(t, indent: "    ", into: &out)
        }

        mutating func beancount(_ t: JournalTransaction, into out: inout RawText) {
            out.byte(0x0A)
            date(t.date, into: &out)
            out.words(" * ")
            out.put(name(t.slot, .payee))
            out.byte(0x20)
            JournalExport.quoted(t.words, into: &out)
            switch t.about {
            case .one(let n):
                out.byte(0x20)
                JournalExport.link(n, into: &out)
            case .applied(let a) where a.count == 1:
                out.byte(0x20)
                JournalExport.link(a[0], into: &out)
            case .applied(let a):
                var seen = Set<String>()
                for x in a {
                    let l = JournalExport.link(x)
                    if seen.insert(l).inserted {
                        out.byte(0x20)
                        out.append(l)
                    }
                }
            }
            out.words("\n  client: ")
            if Self.same(name(t.slot, .id), t.client) {
                out.put(name(t.slot, .quotedID))
            } else {
                JournalExport.quoted(t.client, into: &out)
            }
            out.byte(0x0A)
            // The code is an invoice's number, or a credit note's own: each under its name.
            if let code = t.code {
                if case .credit = t.words { out.words("  credit-note: ") } else { out.words("  invoice: ") }
                JournalExport.quoted(code, into: &out)
                out.byte(0x0A)
            }
            if let due = t.due {
                out.words("  due: ")
                dueDate(due, into: &out)
                out.byte(0x0A)
            }
            postings(t, indent: "  ", into: &out)
        }
    }

    /// The comments, then every account and currency the transactions post to, declared, so
    /// `hledger check --strict` (`-s`), which refuses an account or commodity not declared,
    /// takes the journal. A bare `commodity GBP` leaves each amount shown as it is written.
    static func hledgerHeader(_ book: JournalBook, sourceName: String, into out: inout ByteText) {
        out.append("; Receivables exported by `due export hledger` from \(clean(sourceName)).\n")
        out.append("; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n")
        out.append("; Assets:Receivable:<client> holds what each client owes.\n")
        guard !book.postedAccounts.isEmpty else { return }
        out.byte(0x0A)
        for a in book.postedAccounts { out.append("account \(a)\n") }
        for c in book.currencies.map(\.code).sorted() { out.append("commodity \(c)\n") }
    }

    static func beancountHeader(_ book: JournalBook, ledger: Ledger, sourceName: String, into out: inout ByteText) {
        out.append("; Receivables exported by `due export beancount` from \(clean(sourceName, for: .beancount)).\n")
        out.append("; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n")
        out.append("; Assets:Receivable:<client> holds what each client owes.\n\n")
        let operating = ledger.settings.currency?.code ?? book.currencies.map(\.code).sorted().first ?? "USD"
        out.append("option \"operating_currency\" \"\(operating)\"\n\n")
        if let first = book.firstDate {
            for a in book.postedAccounts {
                out.day(first)
                out.append(" open \(a)\n")
            }
        }
    }

    /// The narration as `clean` leaves it for hledger. When each part of the entry's text is clean the
    /// whole is, and the parts are written as they stand; otherwise the joined text is cleaned.
    static func clean<S: JournalSink>(_ n: JournalNarration, into out: inout S) {
        guard n.everyText({ IDText.isCleanText($0, also: 0x7C) }) else { return out.append(clean(n.text)) }
        n.forEachPart { part in
            switch part {
            case .words(let w): out.words(w)
            case .text(let t): out.append(t)
            }
        }
    }

    /// The narration as `quoted` writes it; ASCII parts that are clean are escaped one by one
    /// (the fixed words hold neither `"` nor `\\`).
    static func quoted<S: JournalSink>(_ n: JournalNarration, into out: inout S) {
        guard n.everyText({ IDText.isCleanText($0, also: 0x7C, ascii: true) }) else { return quoted(n.text, into: &out) }
        out.byte(0x22)
        n.forEachPart { part in
            switch part {
            case .words(let w): out.words(w)
            case .text(let t): escapedASCII(t, into: &out)
            }
        }
        out.byte(0x22)
    }

    /// ASCII text with `\\` and `"` escaped: each byte is a character.
    static func escapedASCII<S: JournalSink>(_ s: String, into out: inout S) {
        // Nearly every text holds neither: it goes in as one copy.
        let whole = s.utf8.withContiguousStorageIfAvailable { b in
            guard !b.contains(where: { $0 == 0x5C || $0 == 0x22 }) else { return false }
            out.put(b)
            return true
        }
        if whole == true { return }
        for b in s.utf8 {
            if b == 0x5C || b == 0x22 { out.byte(0x5C) }
            out.byte(b)
        }
    }

    static func quoted(_ s: String) -> String {
        var out = ByteText()
        quoted(s, into: &out)
        return out.string
    }

    static func quoted<S: JournalSink>(_ s: String, into out: inout S) {
        let c = clean(s, for: .beancount)
        out.byte(0x22)
        if c.utf8.allSatisfy({ $0 < 0x80 }) {
            escapedASCII(c, into: &out)
        } else {
            var o = ""
            for ch in c {
                if ch == "\\" || ch == "\"" { o.append("\\") }
                o.append(ch)
            }
            out.append(o)
        }
        out.byte(0x22)
    }

    /// A beancount link: letters, digits and `- _ / .` only; any other character (each
    /// Unicode scalar of it) becomes `-`, and then a digest of the number follows, as on a
    /// client's account name (`JournalAccounts.clientComponents`): `INV#5` and `INV-5`, or
    /// `ÄÖ` and `ÜÉ`, would otherwise share one link, and a link is what ties an invoice's
    /// transactions together. A number that is its own link keeps it as it is.
    static func link<S: JournalSink>(_ number: String, into out: inout S) {
        out.words("^inv-")
        // Nearly every number is letters, digits and marks a link keeps: one copy.
        let whole = number.utf8.withContiguousStorageIfAvailable { b in
            guard b.allSatisfy(linkKeeps) else { return false }
            out.put(b)
            return true
        }
        if whole == true { return }
        for c in number.utf8 {
            if linkKeeps(c) {
                out.byte(c)
            } else if c & 0xC0 != 0x80 {
                // The first byte of a scalar; the bytes that continue it add nothing.
                out.byte(0x2D)
            }
        }
        out.byte(0x2D)
        out.append(SafeName.digest(number))
    }

    @inline(__always) static func linkKeeps(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2F || c == 0x2E
    }

    static func link(_ number: String) -> String {
        var out = ByteText()
        link(number, into: &out)
        return out.string
    }
}

/// Where the journal's spelling writes bytes: `ByteText`, or the raw memory a transaction is
/// spelled into (`RawText`). One spelling of names, links and narrations serves both.
protocol JournalSink {
    mutating func byte(_ b: UInt8)
    mutating func words(_ s: StaticString)
    mutating func append(_ s: String)
    mutating func put(_ b: UnsafeBufferPointer<UInt8>)
    mutating func spaces(_ n: Int)
    mutating func currency(_ c: Currency)
    mutating func day(_ d: Day)
}

extension ByteText: JournalSink {
    mutating func put(_ b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }
}

/// Bytes in memory the speller allocates and frees itself (`free`), growing when a
/// transaction's text is longer than any before: appending a few bytes is a bounds check and
/// a copy.
struct RawText: JournalSink {
    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var count = 0

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    func free() { base.deallocate() }

    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never) mutating func grow(_ need: Int) {
        let bigger = max(need, 2 * capacity)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = bigger
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) mutating func put(_ b: UnsafeBufferPointer<UInt8>) {
        guard let from = b.baseAddress, b.count > 0 else { return }
        reserve(b.count)
        // Most runs are a few bytes: a call to copy them cost more than the copy. Up to 32 bytes
        // go as words that may overlap (a loop would be compiled into that same call).
        let n = b.count, to = UnsafeMutableRawPointer(base + count), at = UnsafeRawPointer(from)
        if n > 16 && n <= 32 {
            let w0 = at.loadUnaligned(as: UInt64.self), w1 = at.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let w2 = at.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), w3 = at.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: w0, as: UInt64.self)
            to.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: w2, toByteOffset: n - 16, as: UInt64.self)
            to.storeBytes(of: w3, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 8 && n <= 16 {
            let first = at.loadUnaligned(as: UInt64.self), last = at.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: first, as: UInt64.self)
            to.storeBytes(of: last, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 && n < 8 {
            let first = at.loadUnaligned(as: UInt32.self), last = at.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: first, as: UInt32.self)
            to.storeBytes(of: last, toByteOffset: n - 4, as: UInt32.self)
        } else if n < 4 {
            base[count] = from[0]
            if n > 1 { base[count + 1] = from[1] }
            if n > 2 { base[count + 2] = from[2] }
        } else {
            (base + count).update(from: from, count: n)
        }
        count += n
    }

    @inline(__always) mutating func words(_ s: StaticString) {
        s.withUTF8Buffer { put($0) }
    }

    @inline(__always) mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ put($0) }) == nil { for b in s.utf8 { byte(b) } }
    }

    mutating func spaces(_ n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (base + count).update(repeating: 0x20, count: n)
        count += n
    }

    @inline(__always) mutating func currency(_ c: Currency) {
        let (a, b, d) = c.letters
        reserve(3)
        base[count] = a
        base[count + 1] = b
        base[count + 2] = d
        count += 3
    }

    mutating func day(_ d: Day) { append(d.description) }
}
