#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line-by-line unified diff, as `diff -u` prints it, for `due fmt --check`.
///
/// Myers' algorithm on the lines left after the common head and tail are set aside. A large
/// middle is first cut at the lines that occur once in each text and keep their order (as
/// patience diff does), so a reformatted ledger with thousands of changed lines still shows as
/// many small hunks; only a stretch with no such line and more than `maxEdits` differences is
/// shown as one replacement (still a correct diff, just not the shortest), so no input takes
/// quadratic time.
///
/// A large text (over `wholeLimit` bytes) is diffed an entry at a time instead (`write`): an
/// entry's header line that is the same in both texts is where the two line up, and the lines
/// between two such headers are diffed as above. In a formatted ledger the headers are the
/// lines that occur once (invoice numbers, dates), so this is where the whole-text diff lines
/// up too. Only the script is kept, a byte a line; the hunks are then written from it a piece
/// at a time, the lines read again as they are reached. A unified diff can be one hunk as long
/// as the file (every entry of a messy ledger changes), so it is not held to be written.
public enum LineDiff {
    enum Op { case equal, delete, insert }

    public static let context = 3
    static let maxEdits = 2000
    /// Texts up to this size are diffed whole; larger ones an entry at a time.
    static let wholeLimit = 4 << 20
    /// An entry-at-a-time stretch whose headers all differ is cut at the next header after
    /// this many lines, so no input holds more than about this many lines at once.
    static let stretchLimit = 50_000

    /// The unified diff from `old` to `new`, or "" when they are equal.
    public static func unified(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String) -> String {
        var out: [UInt8] = []
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                write(a, b, ops: whole(a, b), oldLabel: oldLabel, newLabel: newLabel) { out.append(contentsOf: $0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the unified diff from `old` to `new` to `sink` a piece at a time (nothing when
    /// they are equal). A mapped `old` has its pages handed back behind the diff.
    public static func write(old: SourceBytes, new: SourceBytes, oldLabel: String, newLabel: String, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                let ops = a.count <= wholeLimit && b.count <= wholeLimit ? whole(a, b) : byEntry(a, b, release: { old.release($0) })
                write(a, b, ops: ops, oldLabel: oldLabel, newLabel: newLabel, release: { old.release($0) }, to: sink)
            }
        }
    }

    /// The script for the whole texts at once.
    static func whole(_ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>) -> [Op] {
        let (a, aEndsInNewline) = lines(old)
        let (b, bEndsInNewline) = lines(new)
        if a == b && aEndsInNewline == bEndsInNewline { return [Op](repeating: .equal, count: a.count) }
        // A last line differing only in its line ending still has to show.
        if a == b { return [Op](repeating: .equal, count: max(0, a.count - 1)) + [.delete, .insert] }
        return script(a, b)
    }

    /// The script an entry at a time: the lines up to a header line found in both texts at the
    /// same place are diffed on their own, then the header stands as an equal line. Only the
    /// script is kept (a byte a line), not the lines.
    static func byEntry(_ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>, stretch: Int = stretchLimit, release: (Range<Int>) -> Void = { _ in }) -> [Op] {
        var ops: [Op] = []
        var ra = LineReader(old), rb = LineReader(new)
        var pa: [Line] = [], pb: [Line] = []
        var released = 0
        // Diffs the held lines and lets them go.
        func flush() {
            ops += script(pa, pb)
            pa.removeAll(keepingCapacity: true)
            pb.removeAll(keepingCapacity: true)
            if ra.position - released > 16 << 20 {
                release(released..<ra.position)
                released = ra.position
            }
        }
        while true {
            let ha = ra.next(collecting: &pa), hb = rb.next(collecting: &pb)
            guard ha != nil || hb != nil else { break }
            if let ha, let hb, ha == hb {
                flush()
                ops.append(.equal)
                continue
            }
            if pa.count + pb.count > stretch { flush() }
            if let ha { pa.append(ha) }
            if let hb { pb.append(hb) }
        }
        flush()
        // Equal lines whose texts differ only in the last line ending.
        if ra.endsInNewline != rb.endsInNewline && !ops.isEmpty && !ops.contains(where: { $0 != .equal }) {
            ops.removeLast()
            ops += [.delete, .insert]
        }
        return ops
    }

    /// Writes the hunks of `ops` (each change with `context` lines around it, changes up to
    /// 2 × `context` lines apart in one hunk), reading the lines as it goes.
    static func write(
        _ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>, ops: [Op], oldLabel: String, newLabel: String,
        release: (Range<Int>) -> Void = { _ in }, to sink: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard ops.contains(where: { $0 != .equal }) else { return }
        var out: [UInt8] = []
        out += "--- \(oldLabel)\n+++ \(newLabel)\n".utf8
        var ra = LineReader(old), rb = LineReader(new)
        // Lines of each text before op `at`.
        var at = 0, x = 0, y = 0
        var released = 0
        func step(_ op: Op) -> (Line?, Line?) {
            at += 1
            var a: Line?, b: Line?
            if op != .insert {
                a = ra.nextLine()
                x += 1
            }
            if op != .delete {
                b = rb.nextLine()
                y += 1
            }
            // Lines passed are not read again, but for the few held for context.
            if ra.position - released > 16 << 20 {
                release(released..<ra.position - (1 << 20))
                released = ra.position - (1 << 20)
            }
            return (a, b)
        }
        func put(_ mark: UInt8, _ line: Line, lacksNewline: Bool) {
            out.append(mark)
            out.append(contentsOf: line.bytes)
            out.append(0x0A)
            if lacksNewline { out += "\\ No newline at end of file\n".utf8 }
        }
        var i = 0
        while i < ops.count {
            guard ops[i] != .equal else { i += 1; continue }
            // A hunk: from `context` lines before this change to `context` after the last
            // change that is within 2 × context lines of the one before it.
            let start = max(0, i - context)
            var end = i
            var j = i
            while j < ops.count {
                if ops[j] != .equal {
                    end = j
                    j += 1
                    continue
                }
                var k = j
                while k < ops.count && ops[k] == .equal { k += 1 }
                if k == ops.count || k - j > 2 * context { break }
                j = k
            }
            let stop = min(ops.count, end + 1 + context)
            var aCount = 0, bCount = 0
            for k in start..<stop {
                if ops[k] != .insert { aCount += 1 }
                if ops[k] != .delete { bCount += 1 }
            }
            while at < start { _ = step(ops[at]) }
            out += "@@ -\(range(x, aCount)) +\(range(y, bCount)) @@\n".utf8
            while at < stop {
                let op = ops[at]
                let (a, b) = step(op)
                switch op {
                case .equal: put(0x20, a!, lacksNewline: ra.lacksNewline(a!))
                case .delete: put(0x2D, a!, lacksNewline: ra.lacksNewline(a!))
                case .insert: put(0x2B, b!, lacksNewline: rb.lacksNewline(b!))
                }
                if out.count > 1 << 20 {
                    out.withUnsafeBufferPointer { sink($0) }
                    out.removeAll(keepingCapacity: true)
                }
            }
            i = stop
        }
        out.withUnsafeBufferPointer { sink($0) }
    }

    /// `diff -u` numbering: an empty range is named by the line before it.
    static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(start),0"
        case 1: return "\(start + 1)"
        default: return "\(start + 1),\(count)"
        }
    }

    /// The lines of a text (without their LF) and whether the last one ended in LF.
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Line], Bool) {
        var reader = LineReader(bytes)
        var result: [Line] = []
        while let l = reader.nextLine() { result.append(l) }
        return (result, reader.endsInNewline)
    }

    /// The shortest edit script from `a` to `b`.
    static func script(_ a: [Line], _ b: [Line]) -> [Op] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        if head == a.count && head == b.count { return [Op](repeating: .equal, count: head) }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let am = Array(a[head..<(a.count - tail)])
        let bm = Array(b[head..<(b.count - tail)])
        let middle: [Op]
        if am.count + bm.count <= maxEdits {
            middle = myers(am, bm)!
        } else if let anchored = anchored(am, bm) {
            middle = anchored
        } else {
            middle = myers(am, bm) ?? [Op](repeating: .delete, count: am.count) + [Op](repeating: .insert, count: bm.count)
        }
        return [Op](repeating: .equal, count: head) + middle + [Op](repeating: .equal, count: tail)
    }

    /// The script through the lines found once in each text, in an order both agree on (the
    /// longest such run); the stretches between them are diffed on their own. nil when there
    /// is no such line.
    static func anchored(_ a: [Line], _ b: [Line]) -> [Op]? {
        var inA: [Line: (count: Int, index: Int)] = [:]
        for (i, line) in a.enumerated() { inA[line, default: (0, i)].count += 1 }
        var inB: [Line: (count: Int, index: Int)] = [:]
        for (j, line) in b.enumerated() where inA[line]?.count == 1 { inB[line, default: (0, j)].count += 1 }
        // (index in a, index in b) of each line unique to both, in the order of `a`.
        var pairs: [(Int, Int)] = []
        for (i, line) in a.enumerated() {
            if let x = inA[line], x.count == 1, let y = inB[line], y.count == 1 { pairs.append((i, y.index)) }
        }
        guard !pairs.isEmpty else { return nil }
        let anchors = increasingRun(pairs)
        var ops: [Op] = []
        var x = 0, y = 0
        for (i, j) in anchors + [(a.count, b.count)] {
            ops += script(Array(a[x..<i]), Array(b[y..<j]))
            if i < a.count { ops.append(.equal) }
            x = i + 1
            y = j + 1
        }
        return ops
    }

    /// The longest run of `pairs` (ordered by their first index) whose second indexes increase.
    static func increasingRun(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        var tails: [Int] = []  // tails[k]: index into pairs of the smallest end of a run of k + 1
        var previous = [Int](repeating: -1, count: pairs.count)
        for (p, pair) in pairs.enumerated() {
            let lo = tails.partitionPoint(before: { pairs[$0].1 < pair.1 })
            if lo > 0 { previous[p] = tails[lo - 1] }
            if lo == tails.count { tails.append(p) } else { tails[lo] = p }
        }
        var run: [(Int, Int)] = []
        var p = tails.last ?? -1
        while p >= 0 {
            run.append(pairs[p])
            p = previous[p]
        }
        return run.reversed()
    }

    static func myers(_ a: [Line], _ b: [Line]) -> [Op]? {
        let n = a.count, m = b.count
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[k + offset] = x
                if x >= n && y >= m { return backtrack(trace, n, m, offset) }
            }
        }
        return nil
    }

    static func backtrack(_ trace: [[Int]], _ n: Int, _ m: Int, _ offset: Int) -> [Op] {
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]) ? k + 1 : k - 1
            let previousX = v[previousK + offset]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                ops.append(.equal)
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == previousX {
                    ops.append(.insert)
                    y -= 1
                } else {
                    ops.append(.delete)
                    x -= 1
                }
            }
            x = previousX
            y = previousY
        }
        return ops.reversed()
    }

    /// One line of a text being diffed, without its LF, compared and hashed over all its
    /// bytes at once (hashing byte by byte was most of the time of diffing a large file). It
    /// points into the text, which outlives every diff that holds it.
    struct Line: Hashable {
        let start: UnsafePointer<UInt8>
        let count: Int

        func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count)) }

        static func == (x: Line, y: Line) -> Bool { x.count == y.count && (x.count == 0 || memcmp(x.start, y.start, x.count) == 0) }

        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

        /// A line that opens an entry: it starts in the first column with something other
        /// than a comment mark.
        var isHeader: Bool {
            // A byte order mark before the first line is not part of it: a formatted text has none.
            let bom = count >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF ? 3 : 0
            guard count > bom else { return false }
            let c = start[bom]
            return c != 0x20 && c != 0x09 && c != 0x3B && c != 0x23 && c != 0x0D
        }
    }

    /// Reads a text's lines front to back.
    struct LineReader {
        let bytes: UnsafeBufferPointer<UInt8>
        private(set) var position = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var endsInNewline: Bool { bytes.isEmpty || bytes[bytes.count - 1] == 0x0A }

        /// Whether `line` is the last one and has no LF.
        func lacksNewline(_ line: Line) -> Bool { !endsInNewline && line.start + line.count == bytes.baseAddress! + bytes.count }

        mutating func nextLine() -> Line? {
            guard position < bytes.count, let base = bytes.baseAddress else { return nil }
            let start = base + position
            let rest = bytes.count - position
            let count: Int
            if let p = memchr(start, 0x0A, rest) {
                count = start.distance(to: p.assumingMemoryBound(to: UInt8.self))
                position += count + 1
            } else {
                count = rest
                position = bytes.count
            }
            return Line(start: start, count: count)
        }

        /// Adds the lines up to the next header to `lines`, and returns that header; nil at
        /// the end.
        mutating func next(collecting lines: inout [Line]) -> Line? {
            while let l = nextLine() {
                if l.isHeader { return l }
                lines.append(l)
            }
            return nil
        }
    }
}
