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

    /// Where to cut the file into `parts`, and how many dated entries it holds at most (lines
    /// starting with a digit), so each part can reserve its arrays once instead of growing them
    /// by copying.
    static func plan(for file: SourceFile, parts cores: Int) -> (cuts: [Int], dated: Int)? {
        let count = file.bytes.count
        guard count >= threshold, cores > 1 else { return nil }
        return file.bytes.withUnsafeBufferPointer { b -> (cuts: [Int], dated: Int)? in
            let base = b.baseAddress!
            guard let dated = datedLines(b, parts: cores) else { return nil }
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
            return cuts.count > 2 ? (cuts, dated) : nil
        }
    }

    /// How many lines start with a digit (the most dated entries the file can hold); nil when a
    /// line starts with `include`, which rules out parallel parsing. The file is read in `parts`
    /// stretches at once: on a large file this count is the one pass made before the parse.
    static func datedLines(_ b: UnsafeBufferPointer<UInt8>, parts: Int) -> Int? {
        let count = b.count
        var found = [Int](repeating: 0, count: parts)
        found.withUnsafeMutableBufferPointer { found in
            let found = UnsafeSendable(found), bytes = UnsafeSendable(b)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let b = bytes.value, base = b.baseAddress!
                let end = count * (k + 1) / parts
                // Each stretch counts the lines that start in it.
                var at = count * k / parts
                if at > 0 {
                    guard let p = memchr(base + at - 1, 0x0A, count - at + 1) else { return }
                    at = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                }
                var dated = 0
                while at < end {
                    let c = b[at]
                    if c >= 0x30 && c <= 0x39 {
                        dated += 1
                    } else if c == 0x69, count - at >= 7, memcmp(base + at, "include", 7) == 0 {
                        found.value[k] = -1
                        return
                    }
                    guard let p = memchr(base + at, 0x0A, count - at) else { break }
                    at = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                }
                found.value[k] = dated
            }
        }
        return found.contains(-1) ? nil : found.reduce(0, +)
    }

    struct Part {
        var ledger = Ledger()
        var diagnostics: [Diagnostic] = []
        var entries = 0
    }

    /// One slot per part; each thread writes only its own, and the joining waits for all.
    final class Slots: @unchecked Sendable {
        var parts: [Part]
        init(_ n: Int) { parts = [Part](repeating: Part(), count: n) }
    }

    static func parse(_ file: SourceFile, cuts: [Int], dated: Int = 0, into ledger: inout Ledger, diagnostics: inout [Diagnostic], order: inout Int) {
        let n = cuts.count - 1
        // One more part than cuts: the last one checks the whole file's text (invalid UTF-8,
        // control characters) while the others parse.
        let slots = Slots(n + 1)
        slots.parts.withUnsafeMutableBufferPointer { buffer in
            let parts = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: n + 1) { k in
                var part = Part()
                if k == n {
                    UTF8Check.diagnose(file, into: &part.diagnostics, releasingBehind: true)
                    parts.value[k] = part
                    return
                }
                // Room for every dated entry of the file: only the pages written are ever
                // touched, and the first part's arrays then take the others' without moving.
                part.ledger.invoices.reserveCapacity(dated)
                part.ledger.payments.reserveCapacity(k == 0 ? dated : dated / n)
                // A few items an invoice, and the first part takes all of them.
                part.ledger.items.reserveCapacity(k == 0 ? 3 * dated : 3 * dated / n)
                part.ledger.allocations.reserveCapacity(k == 0 ? dated : dated / n)
                var parser = LedgerParser(file: file, order: 0, from: cuts[k], to: cuts[k + 1])
                parser.releasingBehind()
                while parser.next(into: &part.ledger, diagnostics: &part.diagnostics) != nil {}
                part.entries = parser.order
                parts.value[k] = part
            }
        }
        diagnostics += slots.parts[n].diagnostics
        for k in 0..<n {
            var part = Part()
            swap(&part, &slots.parts[k])
            ledger.append(&part.ledger, order: order, diagnostics: &diagnostics)
            order += part.entries
            diagnostics += part.diagnostics
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
                        Self.join(&mine.pointee.invoices, &theirs.pointee.invoices, order: order) { invoice in
                            invoice.itemRange = invoice.itemRange.lowerBound + itemShift..<invoice.itemRange.upperBound + itemShift
                        }
                        Self.join(&mine.pointee.items, &theirs.pointee.items)
                    } else {
                        Self.join(&mine.pointee.payments, &theirs.pointee.payments, order: order) { payment in
                            payment.allocationRange = payment.allocationRange.lowerBound + allocationShift..<payment.allocationRange.upperBound + allocationShift
                        }
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
    /// (and given any other change `adjust` makes) as they are moved.
    private static func join<T: Ordered>(_ mine: inout [T], _ theirs: inout [T], order: Int, adjust: (inout T) -> Void = { _ in }) {
        for i in theirs.indices {
            theirs[i].order += order
            adjust(&theirs[i])
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
