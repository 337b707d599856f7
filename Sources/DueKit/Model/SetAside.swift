/// What the entries of a ledger read without positions (`FormatVerifier`) do not keep, because
/// a ledger read with positions reads it again from its file when wanted: an invoice's `ref`
/// and purpose, a tax's name, each item's description and its quantity and price as written, a payment's
/// `method` and `ref`, a letter's `channel` and `to`, and the invoice each `apply` line names. A reading without positions
/// cannot find its lines again, so it sets these values aside instead, and two such readings
/// are equal only when these values are too: that is how `fmt`'s proof still compares
/// everything a ledger says.
///
/// All of it sits in a few flat arrays, whatever the number of entries: a reading of a million
/// payments allocates nothing for each.
public struct SetAside: Sendable, Hashable {
    /// Each value's keyword: the detail line it was read from. Within an entry, values come in
    /// the order of their keywords (`appendSorted`), each keyword's in the order read.
    public private(set) var keywords: [Keyword] = []
    /// Where each value's text ends in `bytes`; it starts where the one before it ends.
    private var ends: [Int] = []
    private var bytes: [UInt8] = []
    /// The quantity and unit price of each `item` value, in the order of the items: two to an item.
    private var figures: [DecimalValue] = []

    public init() {}

    public var count: Int { keywords.count }
    public var isEmpty: Bool { keywords.isEmpty }

    /// The text of the `k`-th value.
    public func text(_ k: Int) -> String {
        String(decoding: bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]], as: UTF8.self)
    }

    /// Every value written on a `keyword` line, in order.
    public func texts(_ keyword: Keyword) -> [String] {
        keywords.indices.filter { keywords[$0] == keyword }.map(text)
    }

    /// Every item's quantity and unit price, in order.
    public var itemFigures: [(quantity: DecimalValue, unitPrice: DecimalValue)] {
        stride(from: 0, to: figures.count, by: 2).map { (figures[$0], figures[$0 + 1]) }
    }

    mutating func add(_ keyword: Keyword, _ text: UnsafeBufferPointer<UInt8>) {
        keywords.append(keyword)
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
    }

    mutating func addItem(_ description: UnsafeBufferPointer<UInt8>, quantity: DecimalValue, unitPrice: DecimalValue) {
        // A tab inside it is printed as a space (`LedgerFormatter.copyBlanked`): the same words.
        keywords.append(.item)
        bytes.append(contentsOf: description.lazy.map { $0 == 0x09 ? 0x20 : $0 })
        ends.append(bytes.count)
        figures.append(quantity)
        figures.append(unitPrice)
    }

    /// Where the values read after this point begin: an entry's, for `sortEntry(from:scratch:)`.
    struct Mark {
        var values: Int
        var figures: Int
    }

    var mark: Mark { Mark(values: keywords.count, figures: figures.count) }

    /// Puts the values after `mark`, one entry's, in the order of their keywords: `fmt` puts an
    /// entry's details in their canonical order, which changes no meaning, while lines of one
    /// keyword (items, `apply` lines) keep their order, which is meaning. Most entries are in
    /// order already and are left as they are; the others are moved out to `scratch` (emptied
    /// first, its storage kept) and back.
    mutating func sortEntry(from mark: Mark, scratch: inout SetAside) {
        let n = keywords.count
        guard n - mark.values > 1 else { return }
        var sorted = true
        for i in (mark.values + 1)..<n where keywords[i].rawValue < keywords[i - 1].rawValue { sorted = false }
        if sorted { return }
        scratch.removeAll(keepingCapacity: true)
        let from = mark.values == 0 ? 0 : ends[mark.values - 1]
        for i in mark.values..<n {
            scratch.keywords.append(keywords[i])
            scratch.bytes.append(contentsOf: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
            scratch.ends.append(scratch.bytes.count)
        }
        scratch.figures.append(contentsOf: figures[mark.figures...])
        keywords.removeSubrange(mark.values...)
        ends.removeSubrange(mark.values...)
        bytes.removeSubrange(from...)
        figures.removeSubrange(mark.figures...)
        appendSorted(scratch)
    }

    /// Appends `entry`'s values grouped by keyword, each keyword's in the order read. An entry
    /// holds a few values; they are taken in turns, one keyword a turn, rather than sorted.
    private mutating func appendSorted(_ entry: SetAside) {
        let n = entry.keywords.count
        var last = -1
        while true {
            // The lowest keyword after the last one taken.
            var next = Int.max
            for k in entry.keywords where Int(k.rawValue) > last { next = min(next, Int(k.rawValue)) }
            if next == Int.max { break }
            for i in 0..<n where Int(entry.keywords[i].rawValue) == next {
                keywords.append(entry.keywords[i])
                bytes.append(contentsOf: entry.bytes[(i == 0 ? 0 : entry.ends[i - 1])..<entry.ends[i]])
                ends.append(bytes.count)
            }
            last = next
        }
        // Items are one keyword, so their figures keep their order.
        figures += entry.figures
    }

    /// Appends `other`'s values after these, in the order they stand.
    mutating func append(_ other: SetAside) {
        let shift = bytes.count
        keywords += other.keywords
        ends += other.ends.lazy.map { $0 + shift }
        bytes += other.bytes
        figures += other.figures
    }

    /// Takes back the values set aside after `mark`: those of an entry left out after some of
    /// its lines were read.
    mutating func removeAfter(_ mark: Mark) {
        keywords.removeSubrange(mark.values...)
        ends.removeSubrange(mark.values...)
        bytes.removeSubrange((mark.values == 0 ? 0 : ends[mark.values - 1])...)
        figures.removeSubrange(mark.figures...)
    }

    mutating func removeAll(keepingCapacity keep: Bool) {
        keywords.removeAll(keepingCapacity: keep)
        ends.removeAll(keepingCapacity: keep)
        bytes.removeAll(keepingCapacity: keep)
        figures.removeAll(keepingCapacity: keep)
    }

    /// The keyword of the first value that differs from `other`'s, or of the first one only
    /// one of them has; nil when they are equal.
    public func firstDifference(from other: SetAside) -> Keyword? {
        guard self != other else { return nil }
        var item = 0
        for k in 0..<min(count, other.count) {
            let differs = keywords[k] != other.keywords[k] || text(k) != other.text(k)
                || (keywords[k] == .item && (figures[2 * item] != other.figures[2 * item] || figures[2 * item + 1] != other.figures[2 * item + 1]))
            if differs { return keywords[k] }
            if keywords[k] == .item { item += 1 }
        }
        return count > other.count ? keywords[other.count] : other.keywords[min(count, other.count - 1)]
    }
}
