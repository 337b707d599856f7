/// A line-by-line unified diff, as `diff -u` prints it, for `due fmt --check`.
///
/// Myers' algorithm on the lines left after the common head and tail are set aside. A large
/// middle is first cut at the lines that occur once in each text and keep their order (as
/// patience diff does), so a reformatted ledger with thousands of changed lines still shows as
/// many small hunks; only a stretch with no such line and more than `maxEdits` differences is
/// shown as one replacement (still a correct diff, just not the shortest), so no input takes
/// quadratic time.
public enum LineDiff {
    enum Op { case equal, delete, insert }

    public static let context = 3
    static let maxEdits = 2000

    /// The unified diff from `old` to `new`, or "" when they are equal.
    public static func unified(old: [UInt8], new: [UInt8], oldLabel: String, newLabel: String) -> String {
        let (a, aEndsInNewline) = lines(old)
        let (b, bEndsInNewline) = lines(new)
        if a == b && aEndsInNewline == bEndsInNewline { return "" }
        var ops = script(a, b)
        // A last line differing only in its line ending still has to show.
        if a == b { ops = [Op](repeating: .equal, count: max(0, a.count - 1)) + [.delete, .insert] }

        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        // Positions of each op in both files.
        var ai = [Int](), bi = [Int]()
        ai.reserveCapacity(ops.count)
        bi.reserveCapacity(ops.count)
        var x = 0, y = 0
        for op in ops {
            ai.append(x)
            bi.append(y)
            if op != .insert { x += 1 }
            if op != .delete { y += 1 }
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
            out += "@@ -\(range(ai[start], aCount)) +\(range(bi[start], bCount)) @@\n"
            for k in start..<stop {
                switch ops[k] {
                case .equal:
                    out += " " + text(a[ai[k]]) + "\n"
                    if ai[k] == a.count - 1 && !aEndsInNewline { out += "\\ No newline at end of file\n" }
                case .delete:
                    out += "-" + text(a[ai[k]]) + "\n"
                    if ai[k] == a.count - 1 && !aEndsInNewline { out += "\\ No newline at end of file\n" }
                case .insert:
                    out += "+" + text(b[bi[k]]) + "\n"
                    if bi[k] == b.count - 1 && !bEndsInNewline { out += "\\ No newline at end of file\n" }
                }
            }
            i = stop
        }
        return out
    }

    static func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self) }

    /// `diff -u` numbering: an empty range is named by the line before it.
    static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: return "\(start),0"
        case 1: return "\(start + 1)"
        default: return "\(start + 1),\(count)"
        }
    }

    /// The lines of a text (without their LF) and whether the last one ended in LF.
    static func lines(_ bytes: [UInt8]) -> ([ArraySlice<UInt8>], Bool) {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            result.append(bytes[start..<i])
            start = i + 1
        }
        if start < bytes.count {
            result.append(bytes[start...])
            return (result, false)
        }
        return (result, true)
    }

    /// The shortest edit script from `a` to `b`.
    static func script(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
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
    static func anchored(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op]? {
        var inA: [LineKey: (count: Int, index: Int)] = [:]
        for (i, line) in a.enumerated() { inA[LineKey(line), default: (0, i)].count += 1 }
        var inB: [LineKey: (count: Int, index: Int)] = [:]
        for (j, line) in b.enumerated() where inA[LineKey(line)]?.count == 1 { inB[LineKey(line), default: (0, j)].count += 1 }
        // (index in a, index in b) of each line unique to both, in the order of `a`.
        var pairs: [(Int, Int)] = []
        for (i, line) in a.enumerated() {
            if let x = inA[LineKey(line)], x.count == 1, let y = inB[LineKey(line)], y.count == 1 { pairs.append((i, y.index)) }
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
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pairs[tails[mid]].1 < pair.1 { lo = mid + 1 } else { hi = mid }
            }
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

    static func myers(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Op]? {
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
}

/// A line as a dictionary key, hashed over all its bytes at once: hashing an array slice feeds
/// the hasher one byte at a time, most of the time of diffing a large file.
struct LineKey: Hashable {
    let line: ArraySlice<UInt8>

    init(_ line: ArraySlice<UInt8>) { self.line = line }

    func hash(into hasher: inout Hasher) {
        line.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (a: LineKey, b: LineKey) -> Bool { a.line == b.line }
}
