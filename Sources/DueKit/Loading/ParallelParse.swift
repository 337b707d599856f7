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

    /// Where a file is cut, and how many entries each part's stretches have room for.
    struct Plan {
        /// Offsets: part k is `cuts[k]..<cuts[k + 1]`.
        var cuts: [Int]
        /// An estimate for each part: a part that holds more spills the rest (`PartRegion`).
        var room: [EntryCount]
    }

    /// Of one part, how many invoices, payments (and credits), items, `apply` lines, notes and
    /// letters it holds, by the lines whose kind or keyword begins with that word: each such
    /// entry or line is one of them, and a line counted may still turn out to be a mistake.
    struct EntryCount: Equatable {
        var invoices = 0
        var payments = 0
        var items = 0
        var allocations = 0
        var notes = 0
        var letters = 0

        mutating func add(_ other: EntryCount) {
            invoices += other.invoices
            payments += other.payments
            items += other.items
            allocations += other.allocations
            notes += other.notes
            letters += other.letters
        }

        /// Each count times `factor`, rounded up, and `slack` more.
        func scaled(by factor: Double, plus slack: Int) -> EntryCount {
            func scale(_ n: Int) -> Int { Int((Double(n) * factor).rounded(.up)) + slack }
            return EntryCount(
                invoices: scale(invoices), payments: scale(payments), items: scale(items),
                allocations: scale(allocations), notes: scale(notes), letters: scale(letters))
        }

        /// Counts the line at `at` of a part that ends at `end`; false when it is an `include`.
        /// (A method, not a function nested in the loop: one that changed the loop's counts
        /// had each change checked for exclusive access at run time.)
        @inline(__always) mutating func count(lineAt at: Int, _ b: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
            let base = b.baseAddress!
            @inline(__always) func blank(_ i: Int) -> Bool { b[i] == 0x20 || b[i] == 0x09 }
            // The two common lines, a header `YYYY-MM-DD kind …` and a detail indented by two
            // spaces, are told by one load of the word that counts. They are read exactly as
            // the byte-at-a-time reading below reads them.
            if at + 19 <= end && at != 0 {
                let first = b[at]
                if first >= 0x30 && first <= 0x39 {
                    if b[at + 10] == 0x20 && !blank(at + 11) && ByteRuns.wordEnd(base, from: at + 1, limit: at + 10) == at + 10 {
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

    /// How a part's entries are estimated: from `windows` runs of lines of `windowBytes` each,
    /// spread evenly over the part, scaled up to the part's size, with `margin` (a fraction)
    /// and `slack` more of each. A part no larger than twice its sample is counted whole.
    /// Counting a whole large file before parsing it took a sixth of `due check`'s time; a
    /// megabyte a part takes a few milliseconds. Many small windows, not a few large ones: a
    /// ledger's entries come in runs (a client's invoices, a month's payments), and sixteen
    /// windows of 64 KB missed a million-invoice ledger's payments by 40% where a thousand of
    /// 1 KB came within 4%.
    struct Sampling {
        var windows = 1024
        var windowBytes = 1 << 10
        var margin = 0.1
        var slack = 512

        static var standard: Sampling { Sampling() }
    }

    /// Where to cut the file into `parts`, at entry headers, and what each part is estimated
    /// to hold; nil for a small file, or when a line read for the estimate starts with
    /// `include` (the parse finds any other, `Part.included`).
    static func plan(for file: SourceFile, parts cores: Int, sampling: Sampling = .standard) -> Plan? {
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
            guard cuts.count > 2 else { return nil }
            file.bytes.expect(.hereAndThere)
            defer { file.bytes.expect(.frontToBack) }
            var room: [EntryCount] = []
            for k in 0..<cuts.count - 1 {
                guard let r = estimate(b, from: cuts[k], to: cuts[k + 1], sampling: sampling, releasing: file.bytes) else { return nil }
                room.append(r)
            }
            return Plan(cuts: cuts, room: room)
        }
    }

    /// What the part `b[from..<to]` (which starts at a line) holds, counted in a sample of its
    /// lines and scaled up (`Sampling`); nil when a line read starts with `include`.
    /// `b` is the bytes of `source`, whose pages are let go of behind the windows read: a
    /// file's pages are cached in runs of up to megabytes, and reading one byte maps its whole
    /// run, so a thousand small windows left the whole file in this process's memory.
    static func estimate(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, sampling: Sampling, releasing source: SourceBytes? = nil) -> EntryCount? {
        let size = to - from, windows = max(1, sampling.windows), window = max(1, sampling.windowBytes)
        if size <= 2 * windows * window {
            // Read whole, so asked for whole: pages read here and there are not read ahead.
            source?.prefetch(from..<to)
            return count(b, from: from, to: to)
        }
        let base = b.baseAddress!
        var found = EntryCount()
        var read = 0
        var released = from
        defer { source?.release(released..<to) }
        func start(_ w: Int) -> Int { from + (size - window) * w / max(1, windows - 1) }
        if let source {
            // Twice the window: it starts after the first line break in it and runs to the end
            // of its last line.
            for w in 0..<windows { source.prefetch(start(w)..<min(to, start(w) + 2 * window)) }
        }
        for w in 0..<windows {
            var at = start(w)
            // A window starts at the first whole line in it.
            if at > from {
                guard let p = memchr(base + at, 0x0A, to - at) else { break }
                at = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
            }
            let first = at, stop = min(to, at + window)
            while at < stop {
                guard found.count(lineAt: at, b, end: to) else { return nil }
                at = ByteRuns.lineEnd(base, from: at, limit: to) + 1
            }
            read += min(at, to) - first
            if let source, at - released >= LedgerParser.releaseChunk {
                source.release(released..<at)
                released = at
            }
        }
        guard read > 0 else { return count(b, from: from, to: to) }
        return found.scaled(by: Double(size) / Double(read) * (1 + sampling.margin), plus: sampling.slack)
    }

    /// What `b[from..<to]` (which starts at a line) holds, every line counted; nil when a line
    /// starts with `include`.
    static func count(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> EntryCount? {
        let base = b.baseAddress!
        var c = EntryCount()
        var at = from
        // Line by line, its end found eight bytes at a time.
        while at < to {
            guard c.count(lineAt: at, b, end: to) else { return nil }
            at = ByteRuns.lineEnd(base, from: at, limit: to) + 1
        }
        return c
    }

    struct Part {
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        /// How many entries the part numbered, from 0.
        var entries = 0
        var region: PartRegion?
        /// What the text check found in the part (`UTF8Check`), made as it was parsed.
        var text = UTF8Check.Findings()
        /// The part met an `include` line.
        var included = false
    }

    /// One slot per part; each thread writes only its own, and the joining waits for all.
    final class Slots: @unchecked Sendable {
        var parts: [Part]
        init(_ n: Int) { parts = [Part](repeating: Part(), count: n) }
    }

    /// What a part spilled past its stretches, numbered and pointing at its lines as it will
    /// stand, and where in each array (closed up, before any spill is put in) it goes.
    struct Spill {
        var invoices: [Invoice] = []
        var payments: [Payment] = []
        var items: [LineItem] = []
        var allocations: [Allocation] = []
        var at = (invoices: 0, payments: 0, items: 0, allocations: 0)
    }

    /// How a part's stretches are closed up: moved down to `to` in each array, its invoices and
    /// payments changed as they land.
    struct Move {
        var region: PartRegion
        var to: (invoices: Int, payments: Int, items: Int, allocations: Int)
        var invoiceChange: ((inout Invoice) -> Void)?
        var paymentChange: ((inout Payment) -> Void)?
    }

    /// Parses the parts of `plan` on every core into `ledger`, after what it holds. Each part
    /// writes its invoices, payments, items and `apply` lines straight into a stretch of the
    /// ledger's arrays set aside for it (`PartRegion`), and on into arrays of its own should it
    /// hold more than its stretch has room for; the stretches are then closed up in place, a
    /// megabyte at a time, handing back the memory behind, and what was spilled is put in
    /// after its part. Only the few other entries (clients, notes, letters…) are joined by
    /// copying. Each part numbers its entries from 0, and they are numbered on as they are
    /// moved; each checks its text as it is read. False, with nothing added, should a part meet
    /// an `include` line: the file is then read the plain way, which follows it where it
    /// stands. `talliesItems`: the items are added up as they are read, not kept
    /// (`Ledger.itemsTallied`), and have no stretch.
    static func parse(_ file: SourceFile, plan: Plan, talliesItems: Bool = false, into ledger: inout Ledger, diagnostics: inout [Diagnostic], order: inout Int) -> Bool {
        let n = plan.cuts.count - 1
        // Where each part's stretches start: after the room of the parts before it.
        var before: [EntryCount] = []
        var total = EntryCount()
        for room in plan.room {
            before.append(total)
            total.add(room)
        }
        let starts = before, all = total
        let slots = Slots(n)
        var spills = [Spill](repeating: Spill(), count: n)
        var payments: [Payment] = [], items: [LineItem] = [], allocations: [Allocation] = []
        var parsed = true
        // At least one place each, so that every stretch has somewhere to start.
        var invoices = [Invoice](unsafeUninitializedCapacity: max(1, total.invoices)) { invoiceBuffer, invoiceCount in
            payments = [Payment](unsafeUninitializedCapacity: max(1, total.payments)) { paymentBuffer, paymentCount in
                items = [LineItem](unsafeUninitializedCapacity: talliesItems ? 0 : max(1, total.items)) { itemBuffer, itemCount in
                    allocations = [Allocation](unsafeUninitializedCapacity: max(1, total.allocations)) { allocationBuffer, allocationCount in
                        let buffers = (invoiceBuffer.baseAddress!, paymentBuffer.baseAddress!, itemBuffer.baseAddress, allocationBuffer.baseAddress!)
                        slots.parts.withUnsafeMutableBufferPointer { parts in
                            let shared = UnsafeSendable((parts, buffers))
                            DispatchQueue.concurrentPerform(iterations: n) { k in
                                let (parts, buffers) = shared.value
                                var part = Part()
                                var parser = LedgerParser(file: file, order: 0, from: plan.cuts[k], to: plan.cuts[k + 1])
                                parser.releasingBehind()
                                parser.checkingText()
                                parser.talliesItems = talliesItems
                                let room = plan.room[k]
                                // Notes and letters are joined by copying, onto the first part's
                                // (`Ledger.append`): that one is made large enough for all the
                                // parts', the others their own size, so none grows by doubling,
                                // each time into fresh memory (some 30 MB fewer pages touched at a
                                // million invoices).
                                part.ledger.notes.reserveCapacity(k == 0 ? all.notes : room.notes)
                                part.ledger.letters.reserveCapacity(k == 0 ? all.letters : room.letters)
                                parser.region = PartRegion(
                                    invoices: .init(buffers.0, start: starts[k].invoices, capacity: room.invoices),
                                    payments: .init(buffers.1, start: starts[k].payments, capacity: room.payments),
                                    items: talliesItems ? nil : .init(buffers.2!, start: starts[k].items, capacity: room.items),
                                    allocations: .init(buffers.3, start: starts[k].allocations, capacity: room.allocations))
                                part.included = parser.next(into: &part.ledger, diagnostics: &part.diagnostics) != nil
                                part.entries = parser.order
                                part.region = parser.region
                                part.text = parser.textFindings ?? UTF8Check.Findings()
                                parts[k] = part
                            }
                        }
                        if slots.parts.contains(where: \.included) {
                            for k in 0..<n {
                                slots.parts[k].region!.invoices.clear()
                                slots.parts[k].region!.payments.clear()
                                slots.parts[k].region!.items?.clear()
                                slots.parts[k].region!.allocations.clear()
                            }
                            parsed = false
                            return
                        }
                        // Close the stretches up. A part's invoices and payments name their items
                        // and `apply` lines by where they were put, as if its stretches had no
                        // end: they are moved on by where the part's own stand once every part
                        // before it, spill and all, is in place.
                        var entriesBefore = 0
                        var itemsBefore = 0, allocationsBefore = 0
                        var placed = (invoices: 0, payments: 0, items: 0, allocations: 0)
                        var moves: [Move] = []
                        for k in 0..<n {
                            var r = slots.parts[k].region!
                            slots.parts[k].region = nil
                            let orderShift = entriesBefore
                            let itemShift = Int32(itemsBefore - (r.items?.start ?? 0))
                            let allocationShift = Int32(allocationsBefore - r.allocations.start)
                            let invoiceChange: ((inout Invoice) -> Void)? = orderShift == 0 && itemShift == 0 ? nil : { invoice in
                                invoice.order += orderShift
                                invoice.itemRange = invoice.itemRange.shifted(by: itemShift)
                            }
                            let paymentChange: ((inout Payment) -> Void)? = orderShift == 0 && allocationShift == 0 ? nil : { payment in
                                payment.order += orderShift
                                payment.allocationRange = payment.allocationRange.shifted(by: allocationShift)
                            }
                            itemsBefore += r.items?.count ?? 0
                            allocationsBefore += r.allocations.count
                            entriesBefore += slots.parts[k].entries
                            spills[k].invoices = r.invoices.takeSpilled(adjust: invoiceChange)
                            spills[k].payments = r.payments.takeSpilled(adjust: paymentChange)
                            spills[k].items = r.items?.takeSpilled() ?? []
                            spills[k].allocations = r.allocations.takeSpilled()
                            moves.append(Move(region: r, to: placed, invoiceChange: invoiceChange, paymentChange: paymentChange))
                            placed.invoices += r.invoices.placed
                            placed.payments += r.payments.placed
                            placed.items += r.items?.placed ?? 0
                            placed.allocations += r.allocations.placed
                            spills[k].at = placed
                        }
                        // Invoices with their items on one core, payments with their `apply`
                        // lines on the other: each array is moved part after part.
                        let work = UnsafeSendable((moves, buffers))
                        DispatchQueue.concurrentPerform(iterations: 2) { lane in
                            let (moves, buffers) = work.value
                            for m in moves {
                                let r = m.region
                                if lane == 0 {
                                    close(buffers.0, from: r.invoices.start, to: m.to.invoices, count: r.invoices.placed, adjust: m.invoiceChange)
                                    if let items = r.items { close(buffers.2!, from: items.start, to: m.to.items, count: items.placed) }
                                } else {
                                    close(buffers.1, from: r.payments.start, to: m.to.payments, count: r.payments.placed, adjust: m.paymentChange)
                                    close(buffers.3, from: r.allocations.start, to: m.to.allocations, count: r.allocations.placed)
                                }
                            }
                        }
                        allocationCount = placed.allocations
                        itemCount = placed.items
                        paymentCount = placed.payments
                        invoiceCount = placed.invoices
                    }
                }
            }
        }
        guard parsed else { return false }
        // What the parts spilled, after each part's own: the last part's first, so that where
        // each goes has not moved yet. Each moves what stands after it, once; a clean ledger
        // spills nothing.
        for s in spills.reversed() {
            if !s.invoices.isEmpty { invoices.insert(contentsOf: s.invoices, at: s.at.invoices) }
            if !s.payments.isEmpty { payments.insert(contentsOf: s.payments, at: s.at.payments) }
            if !s.items.isEmpty { items.insert(contentsOf: s.items, at: s.at.items) }
            if !s.allocations.isEmpty { allocations.insert(contentsOf: s.allocations, at: s.at.allocations) }
        }
        spills = []
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
            // Its few other entries (notes, letters…) were numbered from 0.
            ledger.append(&part.ledger, order: order, diagnostics: &diagnostics)
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
                        Self.join(&mine.pointee.refunds, &theirs.pointee.refunds, order: order)
                        Self.join(&mine.pointee.returns, &theirs.pointee.returns, order: order)
                        Self.join(&mine.pointee.notes, &theirs.pointee.notes, order: order)
                        Self.join(&mine.pointee.plans, &theirs.pointee.plans, order: order)
                        Self.join(&mine.pointee.letters, &theirs.pointee.letters, order: order)
                        Self.join(&mine.pointee.assertions, &theirs.pointee.assertions, order: order)
                        Self.join(&mine.pointee.includes, &theirs.pointee.includes)
                        Self.join(&mine.pointee.unreadInvoices, &theirs.pointee.unreadInvoices)
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
extension Refund: Ordered {}
extension PaymentReturn: Ordered {}
extension ClientNote: Ordered {}
extension PaymentPlan: Ordered {}
extension LetterSent: Ordered {}
extension BalanceAssertion: Ordered {}
