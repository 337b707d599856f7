import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a large file on every core: the file is cut at entry headers, each part is parsed on
/// its own, and the parts are joined in order. Only for files without `include` lines, whose
/// entries must take their place in the order as the file is read.
enum ParallelParse {
    /// Below this size one thread is fast enough and threads cost more than they save.
    static let threshold = 4 << 20

    /// One part per core, at most eight.
    static var cores: Int { min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func cuts(for file: SourceFile, parts: Int = cores) -> [Int]? { plan(for: file, parts: parts)?.cuts }

    /// Where a file is cut, and how many entries each part can hold at most.
    struct Plan {
        /// Offsets: part k is `cuts[k]..<cuts[k + 1]`.
        var cuts: [Int]
        var counts: [EntryCount]
    }

    /// Of one part, the most invoices, payments (and credits), items and `apply` lines it can
    /// hold: the lines whose kind or keyword begins with that word. Each such entry or line is
    /// one of them; a line counted may still turn out to be a mistake, and hold nothing.
    struct EntryCount: Equatable {
        var invoices = 0
        var payments = 0
        var items = 0
        var allocations = 0
        /// Notes and letters, counted the same way: their arrays are made this size at once
        /// (they are joined by copying, see `parse`).
        var notes = 0
        var letters = 0
        /// Lines starting with a digit: the most entries the part can number (each dated
        /// entry takes the next number, `LedgerParser.nextOrder`). A part numbers its entries on
        /// from those of the parts before it, so that on a file without mistakes no entry needs
        /// renumbering when the parts are joined.
        var dated = 0

        /// Counts the line at `at` of a part that ends at `end`; false when it is an `include`.
        /// (A method, not a function nested in the loop: one that changed the loop's counts
        /// had each change checked for exclusive access at run time.)
        @inline(__always) mutating func count(lineAt at: Int, _ b: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
            let base = b.baseAddress!
            @inline(__always) func blank(_ i: Int) -> Bool { b[i] == 0x20 || b[i] == 0x09 }
            // The two common lines, a header `YYYY-MM-DD kind …` and a detail indented by two
            // spaces, are told by one load of the word that counts: the byte-at-a-time reading
            // below, and a call to compare each word, were most of this pass. They are read
            // exactly as it reads them.
            if at + 19 <= end && at != 0 {
                let first = b[at]
                if first >= 0x30 && first <= 0x39 {
                    if b[at + 10] == 0x20 && !blank(at + 11) && ByteRuns.wordEnd(base, from: at + 1, limit: at + 10) == at + 10 {
                        dated += 1
                        countKind(ByteRuns.load(base, at + 11))
                        return true
                    }
                } else if first == 0x20 && b[at + 1] == 0x20 && !blank(at + 2) {
                    let word = ByteRuns.load(base, at + 2)
                    if word & 0xFFFF_FFFF == Self.item { items += 1 } else if word & 0xFF_FFFF_FFFF == Self.apply { allocations += 1 }
                    return true
                } else if first == 0x0A {
                    // An empty line, between every two entries: nothing to count.
                    return true
                }
            }
            @inline(__always) func starts(_ i: Int, _ word: StaticString) -> Bool {
                end - i >= word.utf8CodeUnitCount && memcmp(base + i, word.utf8Start, word.utf8CodeUnitCount) == 0
            }
            // The reader skips a byte order mark before the first line, and so does this count.
            var i = at == 0 && end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : at
            let first = i < end ? b[i] : 0x0A
            if first >= 0x30 && first <= 0x39 {
                dated += 1
                // A dated header: its kind is the word after the date.
                while i < end && !blank(i) && b[i] != 0x0A { i += 1 }
                while i < end && blank(i) { i += 1 }
                if starts(i, "invoice") {
                    invoices += 1
                } else if starts(i, "payment") || starts(i, "credit") {
                    payments += 1
                } else if starts(i, "note") {
                    notes += 1
                } else if starts(i, "letter") {
                    letters += 1
                }
            } else if first == 0x20 || first == 0x09 {
                // A detail: its keyword is its first word.
                while i < end && blank(i) { i += 1 }
                if starts(i, "item") { items += 1 } else if starts(i, "apply") { allocations += 1 }
            } else if starts(i, "include") {
                return false
            }
            return true
        }

        /// The words that count, as the first bytes of a little-endian load. Literals: a
        /// constant worked out at run time is a call to look it up on every line.
        static var invoice: UInt64 { 0x65_6369_6F76_6E69 }
        static var payment: UInt64 { 0x74_6E65_6D79_6170 }
        static var credit: UInt64 { 0x7469_6465_7263 }
        static var note: UInt64 { 0x6574_6F6E }
        static var letter: UInt64 { 0x7265_7474_656C }
        static var item: UInt64 { 0x6D65_7469 }
        static var apply: UInt64 { 0x79_6C70_7061 }

        /// Counts a header's kind from the eight bytes where it starts; a word that merely
        /// begins with a kind counts, as in `count`.
        @inline(__always) mutating func countKind(_ x: UInt64) {
            let seven = x & 0xFF_FFFF_FFFF_FFFF, six = x & 0xFFFF_FFFF_FFFF
            if seven == Self.invoice {
                invoices += 1
            } else if seven == Self.payment || six == Self.credit {
                payments += 1
            } else if x & 0xFFFF_FFFF == Self.note {
                notes += 1
            } else if six == Self.letter {
                letters += 1
            }
        }
    }

    /// Where to cut the file into `parts`, at entry headers, and what each part holds at most;
    /// nil for a small file or one with an `include` line.
    static func plan(for file: SourceFile, parts cores: Int) -> Plan? {
        let count = file.bytes.count
        guard count >= threshold, cores > 1 else { return nil }
        return file.bytes.withUnsafeBufferPointer { b -> Plan? in
            let base = b.baseAddress!
            var cuts = [0]
            for k in 1..<cores {
                var i = max(count * k / cores, cuts.last!)
                // Move to the start of the next header line: a line starting with a digit.
                while i < count {
                    guard let p = memchr(base + i, 0x0A, count - i) else { i = count; break }
                    i = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                    if i < count && b[i] >= 0x30 && b[i] <= 0x39 { break }
                }
                if i < count && i > cuts.last! { cuts.append(i) }
            }
            cuts.append(count)
            guard cuts.count > 2, let counts = survey(b, cuts: cuts, releasing: file.bytes) else { return nil }
            return Plan(cuts: cuts, counts: counts)
        }
    }

    /// Of each part between `cuts` (which fall at line starts), its entries counted, on every
    /// core at once: on a large file this is the one pass made before the parse (whose parts
    /// check their own text as they read it, `LineScanner.checkingText`). Nil when a line
    /// starts with `include`, which rules out parallel parsing.
    /// `b` is the bytes of `source`, whose pages each part hands back behind it as it counts:
    /// held until the pass ends, a mapped file's pages were all in memory at once, more than
    /// the whole ledger the parse then makes.
    static func survey(_ b: UnsafeBufferPointer<UInt8>, cuts: [Int], releasing source: SourceBytes? = nil) -> [EntryCount]? {
        let parts = cuts.count - 1
        var found = [EntryCount?](repeating: nil, count: parts)
        found.withUnsafeMutableBufferPointer { found in
            let found = UnsafeSendable(found), bytes = UnsafeSendable(b)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let b = bytes.value, base = b.baseAddress!
                let end = cuts[k + 1]
                var c = EntryCount()
                // Line by line, its end found eight bytes at a time: with one place that counts
                // a line, the count is inlined (from three it was a call on every line).
                var at = cuts[k], released = at
                while at < end {
                    guard c.count(lineAt: at, b, end: end) else { return }
                    at = ByteRuns.lineEnd(base, from: at, limit: end) + 1
                    if at - released >= LedgerParser.releaseChunk, let source {
                        source.release(released..<at)
                        released = at
                    }
                }
                found.value[k] = c
            }
        }
        return found.contains(where: { $0 == nil }) ? nil : found.map { $0! }
    }

    struct Part {
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var entries = 0
        var region: PartRegion?
        /// What the text check found in the part (`UTF8Check`), made as it was parsed.
        var text = UTF8Check.Findings()
        /// The part met an `include` line (which the counting rules out).
        var included = false
    }

    /// One slot per part; each thread writes only its own, and the joining waits for all.
    final class Slots: @unchecked Sendable {
        var parts: [Part]
        init(_ n: Int) { parts = [Part](repeating: Part(), count: n) }
    }

    /// Parses the parts of `plan` on every core into `ledger`, after what it holds. Each part
    /// writes its invoices, payments, items and `apply` lines straight into a stretch of the
    /// ledger's arrays set aside for it (`PartRegion`); the stretches are then closed up in
    /// place, a megabyte at a time, handing back the memory behind. Only the few other entries
    /// (clients, notes, letters…) are joined by copying. Each part checks its text as it is
    /// read. False, with nothing added, should a part not fit its stretch or meet an `include`
    /// line (which the counts rule out): the file is then read the plain way. `talliesItems`:
    /// the items are added up as they are read, not kept (`Ledger.itemsTallied`), and have no
    /// stretch.
    static func parse(_ file: SourceFile, plan: Plan, talliesItems: Bool = false, into ledger: inout Ledger, diagnostics: inout [Diagnostic], order: inout Int) -> Bool {
        let n = plan.cuts.count - 1
        // Where each part's stretches start: after the most the parts before it can hold.
        var before: [EntryCount] = []
        var total = EntryCount()
        for c in plan.counts {
            before.append(total)
            total.invoices += c.invoices
            total.payments += c.payments
            total.items += c.items
            total.allocations += c.allocations
            total.notes += c.notes
            total.letters += c.letters
            total.dated += c.dated
        }
        let starts = before, all = total
        // The survey let go of the pages behind it but for the last few of each part, and the
        // parse reads each again behind it; let go of those too, so that the file's pages are
        // held only where the parse is reading (`LedgerParser.releasingBehind`).
        file.bytes.release(0..<file.bytes.count)
        let slots = Slots(n)
        var payments: [Payment] = [], items: [LineItem] = [], allocations: [Allocation] = []
        var parsed = true
        var invoices = [Invoice](unsafeUninitializedCapacity: total.invoices) { invoiceBuffer, invoiceCount in
            payments = [Payment](unsafeUninitializedCapacity: total.payments) { paymentBuffer, paymentCount in
                items = [LineItem](unsafeUninitializedCapacity: talliesItems ? 0 : total.items) { itemBuffer, itemCount in
                    allocations = [Allocation](unsafeUninitializedCapacity: total.allocations) { allocationBuffer, allocationCount in
                        let buffers = (invoiceBuffer.baseAddress!, paymentBuffer.baseAddress!, itemBuffer.baseAddress, allocationBuffer.baseAddress!)
                        slots.parts.withUnsafeMutableBufferPointer { parts in
                            let shared = UnsafeSendable((parts, buffers))
                            DispatchQueue.concurrentPerform(iterations: n) { k in
                                let (parts, buffers) = shared.value
                                var part = Part()
                                var parser = LedgerParser(file: file, order: starts[k].dated, from: plan.cuts[k], to: plan.cuts[k + 1])
                                parser.releasingBehind()
                                parser.checkingText()
                                parser.talliesItems = talliesItems
                                let bound = plan.counts[k]
                                // Notes and letters are joined by copying, onto the first part's
                                // (`Ledger.append`): that one is made large enough for all the
                                // parts', the others their own size, so none grows by doubling,
                                // each time into fresh memory (some 30 MB fewer pages touched at a
                                // million invoices).
                                part.ledger.notes.reserveCapacity(k == 0 ? all.notes : bound.notes)
                                part.ledger.letters.reserveCapacity(k == 0 ? all.letters : bound.letters)
                                parser.region = PartRegion(
                                    invoices: .init(buffers.0, start: starts[k].invoices, capacity: bound.invoices),
                                    payments: .init(buffers.1, start: starts[k].payments, capacity: bound.payments),
                                    items: talliesItems ? nil : .init(buffers.2!, start: starts[k].items, capacity: bound.items),
                                    allocations: .init(buffers.3, start: starts[k].allocations, capacity: bound.allocations))
                                part.included = parser.next(into: &part.ledger, diagnostics: &part.diagnostics) != nil
                                part.entries = parser.order - starts[k].dated
                                part.region = parser.region
                                part.text = parser.textFindings ?? UTF8Check.Findings()
                                parts[k] = part
                            }
                        }
                        let regions = slots.parts.map { $0.region! }
                        if regions.contains(where: \.overflowed) || slots.parts.contains(where: \.included) {
                            for var r in regions {
                                r.invoices.clear()
                                r.payments.clear()
                                r.items?.clear()
                                r.allocations.clear()
                            }
                            parsed = false
                            return
                        }
                        // Close the stretches up. A part's entries were numbered on from its
                        // bound of the entries before it, and its invoices and payments name their
                        // lines by where they were put.
                        var entriesBefore = 0
                        var itemsBefore = 0, allocationsBefore = 0
                        var invoicesBefore = 0, paymentsBefore = 0
                        for (k, r) in regions.enumerated() {
                            // Nothing to change unless a part before numbered fewer entries than
                            // it had dated lines (a header it could not read).
                            let orderShift = entriesBefore - starts[k].dated
                            let itemShift = Int32(itemsBefore - (r.items?.start ?? 0))
                            let allocationShift = Int32(allocationsBefore - r.allocations.start)
                            close(buffers.0, from: r.invoices.start, to: invoicesBefore, count: r.invoices.count, adjust: orderShift == 0 && itemShift == 0 ? nil : { invoice in
                                invoice.order += orderShift
                                invoice.itemRange = invoice.itemRange.shifted(by: itemShift)
                            })
                            close(buffers.1, from: r.payments.start, to: paymentsBefore, count: r.payments.count, adjust: orderShift == 0 && allocationShift == 0 ? nil : { payment in
                                payment.order += orderShift
                                payment.allocationRange = payment.allocationRange.shifted(by: allocationShift)
                            })
                            if let items = r.items { close(buffers.2!, from: items.start, to: itemsBefore, count: items.count) }
                            close(buffers.3, from: r.allocations.start, to: allocationsBefore, count: r.allocations.count)
                            invoicesBefore += r.invoices.count
                            paymentsBefore += r.payments.count
                            itemsBefore += r.items?.count ?? 0
                            allocationsBefore += r.allocations.count
                            entriesBefore += slots.parts[k].entries
                        }
                        allocationCount = allocationsBefore
                        itemCount = itemsBefore
                        paymentCount = paymentsBefore
                        invoiceCount = invoicesBefore
                    }
                }
            }
        }
        guard parsed else { return false }
        // The text was checked part by part as it was parsed; its findings come first, as when
        // one thread reads the file.
        diagnostics += UTF8Check.report(slots.parts.reduce(into: UTF8Check.Findings()) { $0.append($1.text) }, in: file, from: 0)
        // Moved, not shared: an array held twice would be copied whole at its next change.
        var large = Ledger()
        swap(&large.invoices, &invoices)
        swap(&large.payments, &payments)
        swap(&large.items, &items)
        swap(&large.allocations, &allocations)
        ledger.append(&large, order: order, diagnostics: &diagnostics)
        for k in 0..<n {
            var part = Part()
            swap(&part, &slots.parts[k])
            // Its few other entries (notes, letters…) were numbered on from `starts[k].dated`.
            ledger.append(&part.ledger, order: order - starts[k].dated, diagnostics: &diagnostics)
            order += part.entries
            diagnostics += part.diagnostics
        }
        return true
    }

    /// Moves `count` elements from place `from` down to place `to` (not after it), changing
    /// each with `adjust` as it lands, a megabyte at a time, and hands back the pages of the
    /// places left behind as it goes: the moment's extra memory is a few megabytes, not the
    /// part.
    static func close<T>(_ base: UnsafeMutablePointer<T>, from: Int, to: Int, count: Int, adjust: ((inout T) -> Void)? = nil) {
        // The first part stays where it is, and often needs no change at all.
        if from == to && adjust == nil { return }
        let stride = MemoryLayout<T>.stride
        let chunk = max(1, (1 << 20) / stride)
        var done = 0
        var released = from
        while done < count {
            let c = min(chunk, count - done)
            if from != to { (base + to + done).moveInitialize(from: base + from + done, count: c) }
            if let adjust { for i in to + done..<to + done + c { adjust(&base[i]) } }
            done += c
            // Places both read already and not written: before the next chunk to read, after
            // the last written.
            let low = max(released, to + done)
            if from != to, (from + done - low) * stride >= 8 << 20 {
                MemoryPages.release(UnsafeMutableRawPointer(base + low), bytes: (from + done - low) * stride)
                released = from + done
            }
        }
        let low = max(released, to + count)
        if from != to, from + count > low {
            MemoryPages.release(UnsafeMutableRawPointer(base + low), bytes: (from + count - low) * stride)
        }
    }
}

/// Hands a buffer to threads that each touch a different element.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension Ledger {
    /// Moves the entries of `other` (a later part of the same file, whose entries were numbered
    /// from 0) after these, numbering them on from `order`. The invoices with their items and
    /// the payments, nearly all of a large ledger, are moved on two threads at once.
    mutating func append(_ other: inout Ledger, order: Int = 0, diagnostics: inout [Diagnostic]) {
        if let theirs = other.settings.range {
            if let mine = settings.range {
                diagnostics.append(LedgerParser.secondEntry(.settings, at: theirs, first: mine))
            } else {
                settings = other.settings
            }
        }
        if let s = other.sender {
            if let first = sender {
                // A sender's range is its whole header; the diagnostic points at its keyword.
                let keyword = SourceRange(file: s.range.file, start: Int(s.range.start), end: Int(s.range.start) + EntryKind.sender.text.utf8.count)
                diagnostics.append(LedgerParser.secondEntry(.sender, at: keyword, first: first.range))
            } else {
                sender = s
            }
        }
        let itemShift = Int32(items.count), allocationShift = Int32(allocations.count)
        // `self` and `other` are reached through pointers so that each thread changes its own
        // arrays of them; neither is touched elsewhere until both threads are done.
        withUnsafeMutablePointer(to: &self) { mine in
            withUnsafeMutablePointer(to: &other) { theirs in
                let shared = UnsafeSendable((mine, theirs))
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    let (mine, theirs) = shared.value
                    if k == 0 {
                        Self.join(&mine.pointee.invoices, &theirs.pointee.invoices, order: order, adjust: itemShift == 0 ? nil : { invoice in
                            invoice.itemRange = invoice.itemRange.shifted(by: itemShift)
                        })
                        Self.join(&mine.pointee.items, &theirs.pointee.items)
                        mine.pointee.setAside.append(theirs.pointee.setAside)
                    } else {
                        Self.join(&mine.pointee.payments, &theirs.pointee.payments, order: order, adjust: allocationShift == 0 ? nil : { payment in
                            payment.allocationRange = payment.allocationRange.shifted(by: allocationShift)
                        })
                        Self.join(&mine.pointee.allocations, &theirs.pointee.allocations)
                        Self.join(&mine.pointee.clients, &theirs.pointee.clients)
                        Self.join(&mine.pointee.writeOffs, &theirs.pointee.writeOffs, order: order)
                        Self.join(&mine.pointee.notes, &theirs.pointee.notes, order: order)
                        Self.join(&mine.pointee.plans, &theirs.pointee.plans, order: order)
                        Self.join(&mine.pointee.letters, &theirs.pointee.letters, order: order)
                        Self.join(&mine.pointee.assertions, &theirs.pointee.assertions, order: order)
                        Self.join(&mine.pointee.includes, &theirs.pointee.includes)
                    }
                }
            }
        }
        other = Ledger()
    }

    /// Moves `theirs` after `mine`. The first part's arrays are adopted, not copied: at a
    /// million invoices a copy is hundreds of megabytes held twice.
    private static func join<T>(_ mine: inout [T], _ theirs: inout [T]) {
        if mine.isEmpty {
            swap(&mine, &theirs)
        } else {
            mine += theirs
            theirs = []
        }
    }

    /// The same for entries numbered in the order read: theirs are numbered on from `order`
    /// (and given any other change `adjust` makes) as they are moved. Entries needing neither
    /// are not touched: a pass over a million invoices reads 300 MB.
    private static func join<T: Ordered>(_ mine: inout [T], _ theirs: inout [T], order: Int, adjust: ((inout T) -> Void)? = nil) {
        if order != 0 || adjust != nil {
            for i in theirs.indices {
                theirs[i].order += order
                adjust?(&theirs[i])
            }
        }
        join(&mine, &theirs)
    }
}

/// An entry numbered in the order entries are read (`order`), so entries on one date keep the
/// order they are written in.
protocol Ordered {
    var order: Int { get set }
}

extension Invoice: Ordered {}
extension Payment: Ordered {}
extension WriteOff: Ordered {}
extension ClientNote: Ordered {}
extension PaymentPlan: Ordered {}
extension LetterSent: Ordered {}
extension BalanceAssertion: Ordered {}
