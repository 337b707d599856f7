#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `LedgerFormatter` fed one line at a time, in file order, with the words its reader already
/// split: `due fmt` prints each line as the parser reads it (`LedgerParser.printer`), so a part
/// is read once and no syntax tree is built; `LedgerFormatter.changes` feeds it a tree's lines.
///
/// It keeps what `FormatChanges` needs: the printed text is compared stretch by stretch with
/// the bytes it came from, and a stretch that prints back to itself is dropped (unless
/// `keepingSame`). Stretches end where `FormatParts` may cut: above the blank lines over a
/// dated header, when a line other than a comment stands above them.
struct LinePrinter {
    var f: LedgerFormatter
    var changes: FormatChanges
    let keepingSame: Bool
    /// The stretch from `from` on has been printed from `printedFrom` on in `f.out`.
    var from: Int
    var printedFrom = 0
    var headers = 0
    /// What the last line that was not blank was; nil before any.
    var lastRole: LineRole?
    /// Where the blank lines since that line start, when the last line read was blank.
    var blanksFrom: Int?

    init(_ b: UnsafeBufferPointer<UInt8>, span: Range<Int>, followsText: Bool, keepingSame: Bool = false) {
        f = LedgerFormatter(b)
        f.started = followsText
        f.out.reserveCapacity(keepingSame ? span.count + span.count / 8 : 1 << 16)
        changes = FormatChanges(span: span)
        self.keepingSame = keepingSame
        from = span.lowerBound
    }

    /// Takes the next line of the span: for a header (`kind`, `dated`: what it opens) or a
    /// detail, `words` are its content's words; `item` an invoice's item line's parts. `b` is
    /// the bytes the printer was made with, handed again by a reader that holds them only
    /// while it reads.
    @inline(__always)
    mutating func take(_ line: SyntaxTree.Line, kind: EntryKind? = nil, dated: Bool = false, item: ItemSyntax? = nil, words: borrowing Words, _ b: UnsafeBufferPointer<UInt8>) {
        f.b = b
        switch line.role {
        case .blank:
            f.pending.append(line)
            if blanksFrom == nil { blanksFrom = line.range.lowerBound }
            return
        case .comment:
            f.pending.append(line)
        case .header:
            f.closeEntry(headerFollows: true)
            if headers > 0, dated, let role = lastRole, role != .comment { close(at: blanksFrom ?? line.range.lowerBound) }
            headers += 1
            f.kind = kind
            f.dated = dated
            f.header = line
            f.headerWords.removeAll(keepingCapacity: true)
            for k in 0..<words.count { f.headerWords.append(words[k]) }
        case .detail, .instalment:
            // Before the first header (in invalid input) a line is kept as text where it is.
            if f.header == nil { f.pending.append(line) } else { f.addDetail(line, item: item, words: words) }
        }
        lastRole = line.role
        blanksFrom = nil
    }

    /// Ends the span: `headerFollows` when a later part starts with a header.
    mutating func finish(headerFollows: Bool, _ b: UnsafeBufferPointer<UInt8>) -> FormatChanges {
        f.b = b
        f.closeEntry(headerFollows: headerFollows)
        close(at: changes.span.upperBound)
        changes.text = f.out
        return changes
    }

    /// Ends the stretch at `to`: kept when it prints otherwise than its bytes.
    mutating func close(at to: Int) {
        f.flush()
        let n = f.out.count - printedFrom
        let b = f.b
        let same = n == to - from && (n == 0 || f.out.withUnsafeBufferPointer { memcmp($0.baseAddress! + printedFrom, b.baseAddress! + from, n) == 0 })
        if !same {
            changes.stretches.append(FormatChanges.Stretch(source: from..<to, printed: printedFrom..<f.out.count))
        } else if !keepingSame {
            f.out.removeLast(n)
        }
        from = to
        printedFrom = f.out.count
    }
}

extension LinePrinter {
    /// Takes the line `s` has just read, `words` its words (`LedgerParser.printer`).
    @inline(__always)
    mutating func take(_ s: SyntaxBuilder, words: borrowing Words, _ b: UnsafeBufferPointer<UInt8>) {
        let l = s.line
        let line = SyntaxTree.Line(
            index: 0, role: s.role, range: l.start..<l.end + 1, content: l.contentStart..<l.contentEnd, comment: l.commentStart.map { $0..<l.commentEnd },
            keyword: s.keyword)
        take(line, kind: s.entry, dated: s.dated, item: s.item, words: words, b)
    }
}
