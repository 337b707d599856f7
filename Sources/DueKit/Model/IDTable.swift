
/// Finds client ids and invoice numbers by name: the resolver, the balance engine and the
/// rules look up millions of references on a large ledger, and an open-addressing table with a
/// cheap byte hash does that about five times faster than `Dictionary<String, Int>`, whose
/// seeded hashing is built to resist attacks a local ledger does not face. The hash reads every
/// byte, so ids that differ anywhere land apart.
///
/// Two ids match as Swift compares strings, by canonical equivalence (`é` as one character or as
/// `e` and a combining accent), as the resolver's indexes always have; with `exact`, only when
/// their bytes are equal, as the reference checks have.
public struct IDTable: Sendable {
    /// The ids, where they lie (`IDKeys`).
    private var keys: IDKeys
    /// Each slot holds the place of an id, one more than it (0: free), and above it eight bits
    /// of the id's hash (`tag`, `SlotBits`). A search passes over the slots of other ids by their
    /// tags, without reading those ids, which lie anywhere in `keys`: on a large table each
    /// such read waited on memory. Held in the slot itself, not in an array beside it, the
    /// tag comes with the place in the one read.
    private var slots: [UInt32]
    /// How many slots there are: half as many again as ids, so that a search meets a free slot
    /// within a few (a power of two at least twice the count, as this was, took up to twice the
    /// memory: 8 MB for a million invoices).
    private let capacity: Int
    private let bits: SlotBits
    private let exact: Bool

    /// `ids[k]` is found as `k`; a repeated id finds its first place.
    public init(_ ids: [String], exact: Bool = false) {
        var repeats: [(Int, Int)] = []
        self.init(ids, exact: exact, repeats: &repeats)
    }

    /// The table, and every id met again as (its position, its first position), in order.
    public static func firsts(_ ids: [String]) -> (table: IDTable, repeats: [(Int, Int)]) {
        var repeats: [(Int, Int)] = []
        let table = IDTable(ids, exact: false, repeats: &repeats)
        return (table, repeats)
    }

    @inline(__always) private func same(_ key: String, _ id: String) -> Bool { IDTable.same(key, id, exact: exact) }

    @inline(__always) private static func same(_ key: String, _ id: String, exact: Bool) -> Bool {
        exact ? IDTable.sameBytes(key, id) : key == id
    }

    /// Byte equality over contiguous UTF-8 (a generic walk of the two UTF-8 views cost more
    /// than all the rest of a lookup).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        // Two strings laid out alike hold the same bytes: an id of up to 15 bytes is kept
        // inline, so equal ids are laid out alike, and a longer one laid out alike shares its
        // storage. Most comparisons end here, without reaching the bytes.
        if sameLayout(a, b) { return true }
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in equalBytes(x, y) }
        }
        if let equal = fast ?? nil { return equal }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `key` is the id the UTF-8 `bytes` spell: what comparing it with
    /// `String(decoding: bytes, as: UTF8.self)` finds, by canonical equivalence or, with
    /// `exact`, byte for byte. `ascii`: whether every byte is below 0x80.
    static func same(_ key: String, spelledBy bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, exact: Bool) -> Bool {
        // Bytes beyond ASCII may be invalid UTF-8, which the string repairs: compared as that string.
        guard ascii else { return same(key, String(decoding: bytes, as: UTF8.self), exact: exact) }
        let equal = key.utf8.withContiguousStorageIfAvailable { equalBytes($0, bytes) } ?? key.utf8.elementsEqual(bytes)
        if equal || exact { return equal }
        // An ASCII id equals no other ASCII id but its own bytes; a few other characters are
        // canonically equivalent to ASCII ones (`unicodeHash`), so an id holding them is
        // compared as a string.
        return !key.utf8.allSatisfy { $0 < 0x80 } && key == String(decoding: bytes, as: UTF8.self)
    }

    /// Ids are short: a word at a time, in place, costs less than a call to memcmp.
    @inline(__always) static func equalBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard !x.isEmpty else { return true }
        let a = UnsafeRawPointer(x.baseAddress!), b = UnsafeRawPointer(y.baseAddress!)
        var i = 0
        while i + 8 <= x.count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < x.count {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always) static func sameLayout(_ a: String, _ b: String) -> Bool {
        layout(of: a) == layout(of: b)
    }

    @inline(__always) private func hash(_ id: String) -> Int { IDTable.hash(id, exact: exact) }

    @inline(__always) private static func hash(_ id: String, exact: Bool) -> Int {
        exact ? IDTable.byteHash(id) : IDTable.hash(id)
    }

    /// How many ids the table's making takes together (see `lookUp`).
    private static let group = 32

    @inline(__always) static func layout(of s: String) -> StringLayout {
        unsafeBitCast(s, to: StringLayout.self)
    }

    /// How many slots a table of `count` ids has.
    static func capacity(for count: Int) -> Int { count + count / 2 + 16 }

    /// The slot a search for `hash` begins at: its low 32 bits scaled to the table's size, by a
    /// multiplication rather than a division, so the size need not be a power of two.
    @inline(__always) static func start(_ hash: Int, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(truncatingIfNeeded: hash)) &* UInt64(capacity)) &>> 32)
    }

    /// The bits of a hash kept in its slot: the high ones, as the low ones pick the slot.
    @inline(__always) static func tag(_ hash: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: hash >> 56)
    }

    /// How a slot holds a place and a tag: the place, plus one, in the low bits, as many as the
    /// table's count needs, and the tag above; a table of more than 2^24 ids keeps fewer of
    /// the tag's bits, and compares more ids.
    struct SlotBits: Sendable {
        /// The bits of a place.
        let placeBits: UInt32
        /// The tag's bits dropped for want of room.
        let dropped: UInt32

        init(count: Int) {
            precondition(count < Int(Int32.max), "an id table holds fewer than 2^31 ids")
            let bits = UInt32(max(1, Int.bitWidth - count.leadingZeroBitCount))
            placeBits = bits
            dropped = bits > 24 ? bits - 24 : 0
        }

        /// A slot's bits above its place: the tag of `hash`, in place.
        @inline(__always) func mark(_ hash: Int) -> UInt32 {
            (UInt32(IDTable.tag(hash)) &>> dropped) &<< placeBits
        }

        /// The slot holding `place` with `mark`.
        @inline(__always) func slot(_ place: Int, _ mark: UInt32) -> UInt32 {
            mark | UInt32(truncatingIfNeeded: place + 1)
        }

        /// The bits above a slot's place.
        @inline(__always) func mark(ofSlot s: UInt32) -> UInt32 {
            s & ~((1 &<< placeBits) &- 1)
        }

        /// The place a slot holds; -1 for a free one.
        @inline(__always) func place(_ s: UInt32) -> Int32 {
            Int32(truncatingIfNeeded: s & ((1 &<< placeBits) &- 1)) &- 1
        }
    }

    private init(_ ids: [String], exact: Bool, repeats: inout [(Int, Int)]) {
        let keys = IDKeys.own(ids)
        self = keys.withView { IDTable(keys, count: ids.count, ids: $0, exact: exact, repeats: &repeats) }
    }

    /// The table of the invoices' numbers, made where they lie, as `firsts` makes it, for the
    /// resolver to make while it changes the invoices' other fields. It finds nothing until it
    /// is given the array of these invoices (`findingNumbers(of:)`).
    static func firstNumbers(of invoices: UnsafeBufferPointer<Invoice>) -> (table: IDTable, repeats: [(Int, Int)]) {
        var repeats: [(Int, Int)] = []
        let ids = IDKeys.View(numbersOf: invoices)
        let table = IDTable(.numbersToCome(count: invoices.count), count: invoices.count, ids: ids, exact: false, repeats: &repeats)
        return (table, repeats)
    }

    private init(_ keys: IDKeys, count: Int, ids: IDKeys.View, exact: Bool, repeats: inout [(Int, Int)]) {
        self.exact = exact
        self.keys = keys
        let capacity = IDTable.capacity(for: count)
        self.capacity = capacity
        let bits = SlotBits(count: count)
        self.bits = bits
        var table = [UInt32](repeating: 0, count: capacity)
        // A group at a time, as `lookUp` takes them: the group's ids are hashed, then their
        // slots read together in a pass that does nothing else, so that the reads' waits on
        // memory overlap. A slot found taken then stays taken; one found free is read again,
        // as an earlier id of the group may have taken it since. Ids are compared only when
        // their tags agree, which for ids met once is nearly never.
        withUnsafeTemporaryAllocation(of: (at: Int, held: UInt32, mark: UInt32).self, capacity: IDTable.group) { seen in
            table.withUnsafeMutableBufferPointer { slots in
                var base = 0
                while base < count {
                    let n = min(IDTable.group, count - base)
                    for j in 0..<n {
                        let h = IDTable.hash(ids[base + j], exact: exact)
                        seen[j] = (IDTable.start(h, capacity), 0, bits.mark(h))
                    }
                    for j in 0..<n { seen[j].held = slots[seen[j].at] }
                    for j in 0..<n {
                        let k = base + j
                        var (s, held, mark) = seen[j]
                        if held == 0 { held = slots[s] }
                        while held != 0 && !(bits.mark(ofSlot: held) == mark && IDTable.same(ids[Int(bits.place(held))], ids[k], exact: exact)) {
                            s = s + 1 == capacity ? 0 : s + 1
                            held = slots[s]
                        }
                        if held == 0 {
                            slots[s] = bits.slot(k, mark)
                        } else {
                            repeats.append((k, Int(bits.place(held))))
                        }
                    }
                    base += n
                }
            }
        }
        slots = table
    }

    /// Agrees with `==` on strings, which compares them by canonical equivalence (`é` as one
    /// character or as `e` and a combining accent): ASCII ids, nearly all of them, take a byte
    /// hash; others Swift's own hash, which hashes the normalised form.
    @inline(__always) static func hash(_ s: String) -> Int {
        // Over contiguous bytes (short ids are copied to the stack for this), which a loop
        // over the UTF-8 view does at several times the cost.
        if let h = s.utf8.withContiguousStorageIfAvailable({ asciiHash($0) }), let h { return h }
        return unicodeHash(s)
    }

    /// A hash of every byte of the UTF-8.
    static func byteHash(_ s: String) -> Int {
        if let h = s.utf8.withContiguousStorageIfAvailable({ WordHash($0).value }) { return h }
        return Array(s.utf8).withUnsafeBufferPointer { WordHash($0).value }
    }

    /// A hash of every byte; nil when a byte is beyond ASCII.
    @inline(__always) static func asciiHash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = WordHash(bytes)
        return h.isASCII ? h.value : nil
    }

    /// A few characters are canonically equivalent to an ASCII one (the Kelvin sign to `K`, the
    /// Greek question mark to `;`, the Greek varia to a backtick): an id written with them
    /// equals the ASCII id, so it is hashed as that id.
    static func unicodeHash(_ s: String) -> Int {
        var ascii: [UInt8] = []
        for u in s.unicodeScalars {
            switch u.value {
            case 0..<0x80: ascii.append(UInt8(u.value))
            case 0x212A: ascii.append(0x4B)
            case 0x037E: ascii.append(0x3B)
            case 0x1FEF: ascii.append(0x60)
            default: return s.hashValue
            }
        }
        return ascii.withUnsafeBufferPointer { asciiHash($0) } ?? s.hashValue
    }

    /// Looks many ids up, finding each as `index(_:)` does: `found(k, index)` for every `k` in
    /// `0..<count` whose `id(k)` is not nil, in order of `k`; `id` is asked once for each `k`,
    /// in order (the resolver reads each `apply` line's number from its file for it). On a
    /// large table each lookup waits twice on memory, for its slot and then for the id the
    /// slot points at. Taken a group at a time, in passes that do little besides those reads,
    /// the waits of a group overlap instead of following one another.
    public func lookUp(_ count: Int, id: (Int) -> String?, found: (Int, Int?) -> Void) {
        let group = IDTable.lookUpGroup
        // The group's ids, read once: for the hash, then for the comparison.
        var texts = [String?](repeating: nil, count: group)
        // Per id of the group: the slot its hash points at (-1 for an id skipped) and its tag
        // in place (`SlotBits.mark`); then what that slot holds; then the place in the first slot
        // on from there with the id's tag, as it lies in `keys`, whose words are nearly always
        // the id's own; then where the id is found (-1 for nowhere).
        withUnsafeTemporaryAllocation(of: (at: Int, mark: UInt32).self, capacity: group) { wanted in
          withUnsafeTemporaryAllocation(of: (slot: UInt32, place: Int32).self, capacity: group) { held in
            withUnsafeTemporaryAllocation(of: StringLayout.self, capacity: group) { there in
                keys.withView { keys in
                slots.withUnsafeBufferPointer { slots in
                    var base = 0
                    while base < count {
                        let n = min(group, count - base)
                        for j in 0..<n {
                            texts[j] = id(base + j)
                            wanted[j] = texts[j].map { let h = hash($0); return (IDTable.start(h, capacity), bits.mark(h)) } ?? (-1, 0)
                        }
                        probe(n, wanted, held, slots)
                        for j in 0..<n where wanted[j].at >= 0 && held[j].place >= 0 { there[j] = keys.layout(Int(held[j].place)) }
                        for j in 0..<n where wanted[j].at >= 0 {
                            if held[j].place >= 0 && there[j] == IDTable.layout(of: texts[j]!) { continue }
                            // Nowhere, or a slot whose id is not laid out as this one: the
                            // search again, comparing.
                            if held[j].place >= 0 { held[j].place = find(texts[j]!, at: wanted[j].at, mark: wanted[j].mark, slots, keys) }
                        }
                        for j in 0..<n where wanted[j].at >= 0 { found(base + j, held[j].place >= 0 ? Int(held[j].place) : nil) }
                        base += n
                    }
                }
                }
            }
          }
        }
    }

    /// The slots of a group's ids (`wanted[j].at`, -1 for an id skipped), read together so
    /// that their waits on memory overlap (`held[j].slot`); then, for each, the first slot on
    /// whose tag is the id's: the place it holds goes in `held[j].place` (-1 for a free slot).
    @inline(__always) private func probe(_ n: Int, _ wanted: UnsafeMutableBufferPointer<(at: Int, mark: UInt32)>, _ held: UnsafeMutableBufferPointer<(slot: UInt32, place: Int32)>,
                                         _ slots: UnsafeBufferPointer<UInt32>) {
        for j in 0..<n where wanted[j].at >= 0 { held[j].slot = slots[wanted[j].at] }
        for j in 0..<n where wanted[j].at >= 0 {
            var p = wanted[j].at, v = held[j].slot
            while v != 0 && bits.mark(ofSlot: v) != wanted[j].mark {
                p = p + 1 == capacity ? 0 : p + 1
                v = slots[p]
            }
            held[j].place = bits.place(v)
        }
    }

    /// How many ids `lookUp` takes together: enough for the reads of a group to overlap, few
    /// enough that the group's ids stay in the cache between its passes.
    static let lookUpGroup = 32

    public subscript(_ id: String) -> Int? { index(id) }

    public func index(_ id: String) -> Int? {
        let h = hash(id)
        let v = slots.withUnsafeBufferPointer { slots in
            keys.withView { keys in find(id, at: IDTable.start(h, capacity), mark: bits.mark(h), slots, keys) }
        }
        return v >= 0 ? Int(v) : nil
    }

    /// Where `id` is, searching on from slot `at`, comparing it with the ids whose tag is the
    /// one `mark` holds; -1 for nowhere.
    @inline(__always) private func find(_ id: String, at: Int, mark: UInt32, _ slots: UnsafeBufferPointer<UInt32>, _ keys: IDKeys.View) -> Int32 {
        find(at: at, mark: mark, slots) { same(keys[Int($0)], id) }
    }

    /// The first id, searching on from slot `at`, whose tag is the one `mark` holds and that
    /// `matches`; -1 for nowhere.
    @inline(__always) private func find(at: Int, mark: UInt32, _ slots: UnsafeBufferPointer<UInt32>, matches: (Int32) -> Bool) -> Int32 {
        var s = at
        while true {
            let v = slots[s]
            if v == 0 { return -1 }
            if bits.mark(ofSlot: v) == mark && matches(bits.place(v)) { return bits.place(v) }
            s = s + 1 == capacity ? 0 : s + 1
        }
    }
}

extension IDTable {
    /// Looks many ids up as `lookUp(_:id:found:)` does, each given as its UTF-8 bytes where
    /// they lie (`utf8(k)`, read until `found` reports it): the resolver hashes and compares
    /// an `apply` line's number in the file itself, with no string made for it. Finds what
    /// looking up `String(decoding: utf8(k), as: UTF8.self)` finds.
    func lookUp(_ count: Int, utf8: (Int) -> UnsafeBufferPointer<UInt8>?, found: (Int, Int?) -> Void) {
        let group = IDTable.lookUpGroup
        // Per id of the group, as in `lookUp(_:id:found:)`: its bytes and whether they are
        // ASCII; the slot its hash points at (-1 for an id skipped) and its tag in place; then
        // what that slot holds, then the place in the first slot on with the id's tag; then
        // where the id is found (-1 for nowhere).
        withUnsafeTemporaryAllocation(of: (bytes: UnsafeBufferPointer<UInt8>, ascii: Bool).self, capacity: group) { asked in
          withUnsafeTemporaryAllocation(of: (at: Int, mark: UInt32).self, capacity: group) { wanted in
            withUnsafeTemporaryAllocation(of: (slot: UInt32, place: Int32).self, capacity: group) { held in
              withUnsafeTemporaryAllocation(of: StringLayout.self, capacity: group) { there in
                keys.withView { keys in
                slots.withUnsafeBufferPointer { slots in
                    var base = 0
                    while base < count {
                        let n = min(group, count - base)
                        for j in 0..<n {
                            guard let bytes = utf8(base + j) else {
                                wanted[j] = (-1, 0)
                                continue
                            }
                            let h = WordHash(bytes)
                            // Beyond ASCII, hashed as the string is (`hash(_:)`).
                            let value = h.isASCII ? h.value : hash(String(decoding: bytes, as: UTF8.self))
                            asked[j] = (bytes, h.isASCII)
                            wanted[j] = (IDTable.start(value, capacity), bits.mark(value))
                        }
                        probe(n, wanted, held, slots)
                        // The ids the slots point at, read together so that their waits on
                        // memory overlap, before any is compared.
                        for j in 0..<n where wanted[j].at >= 0 && held[j].place >= 0 { there[j] = keys.words(Int(held[j].place)) }
                        for j in 0..<n where wanted[j].at >= 0 && held[j].place >= 0 {
                            let (bytes, ascii) = asked[j]
                            if keys.same(Int(held[j].place), spelledBy: bytes, ascii: ascii, exact: exact) { continue }
                            held[j].place = find(at: wanted[j].at, mark: wanted[j].mark, slots) { keys.same(Int($0), spelledBy: bytes, ascii: ascii, exact: exact) }
                        }
                        for j in 0..<n where wanted[j].at >= 0 { found(base + j, held[j].place >= 0 ? Int(held[j].place) : nil) }
                        base += n
                    }
                }
                }
              }
            }
          }
        }
    }
}

extension IDTable {
    /// The same table, finding its ids as the numbers of `invoices`, in place: `invoices` are
    /// those whose numbers, in order, it was made of, and a million numbers are then not held
    /// twice. The table keeps the array, so whoever changes the invoices after lets go of the
    /// table first, or the array would be copied whole.
    func findingNumbers(of invoices: [Invoice]) -> IDTable {
        precondition(invoices.count == keys.count, "a table finds the numbers of the invoices it was made of")
        var table = self
        table.keys = .numbers(of: invoices)
        return table
    }
}

/// Where a table's ids lie: in its own array of them, or as the number of each invoice in the
/// ledger's own array of invoices (`IDTable.findingNumbers(of:)`).
enum IDKeys: Sendable {
    case own([String])
    case numbers(of: [Invoice])
    /// The numbers of invoices the table is yet to be given (`IDTable.firstNumbers(of:)`).
    case numbersToCome(count: Int)

    var count: Int {
        switch self {
        case .own(let ids): ids.count
        case .numbers(let invoices): invoices.count
        case .numbersToCome(let count): count
        }
    }

    /// Where an invoice's number lies within it.
    static let numberOffset = MemoryLayout<Invoice>.offset(of: \Invoice.numberHeld)!

    /// The ids, read in place for the length of `body`.
    @inline(__always) func withView<R>(_ body: (View) -> R) -> R {
        switch self {
        case .own(let ids):
            ids.withUnsafeBufferPointer { body(View(first: UnsafeRawPointer($0.baseAddress), stride: MemoryLayout<String>.stride)) }
        case .numbers(let invoices):
            invoices.withUnsafeBufferPointer { body(View(numbersOf: $0)) }
        case .numbersToCome:
            preconditionFailure("a table of invoice numbers finds nothing before it is given the invoices")
        }
    }

    /// The `k`th id lies `k` strides on from the first: a `String`, or an invoice's number
    /// (`InvoiceNumber`).
    struct View {
        let first: UnsafeRawPointer?
        let stride: Int
        let numbers: Bool

        init(first: UnsafeRawPointer?, stride: Int) {
            self.first = first
            self.stride = stride
            numbers = false
        }

        /// The strings at `offset` in each of `entries` from `start` on, where they lie: the
        /// client ids of invoices or payments (`offset`: where the id lies within one).
        init<Entry>(_ entries: UnsafeMutableBufferPointer<Entry>, from start: Int, at offset: Int) {
            first = UnsafeRawPointer(entries.baseAddress).map { $0 + start * MemoryLayout<Entry>.stride + offset }
            stride = MemoryLayout<Entry>.stride
            numbers = false
        }

        /// The numbers of `invoices`, where they lie.
        init(numbersOf invoices: UnsafeBufferPointer<Invoice>) {
            first = UnsafeRawPointer(invoices.baseAddress).map { $0 + IDKeys.numberOffset }
            stride = MemoryLayout<Invoice>.stride
            numbers = true
        }

        @inline(__always) subscript(_ k: Int) -> String {
            let at = first! + k * stride
            return numbers ? at.assumingMemoryBound(to: InvoiceNumber.self).pointee.text : at.assumingMemoryBound(to: String.self).pointee
        }

        /// The `k`th id's first 16 bytes, whatever they hold: read to bring them into the
        /// cache before they are compared.
        @inline(__always) func words(_ k: Int) -> StringLayout {
            (first! + k * stride).loadUnaligned(as: StringLayout.self)
        }

        /// Whether the `k`th id is the one the UTF-8 `bytes` spell (`IDTable.same(_:spelledBy:ascii:exact:)`):
        /// an invoice's number compared where it lies, with no string made for it.
        @inline(__always) func same(_ k: Int, spelledBy bytes: UnsafeBufferPointer<UInt8>, ascii: Bool, exact: Bool) -> Bool {
            guard numbers else { return IDTable.same(self[k], spelledBy: bytes, ascii: ascii, exact: exact) }
            let number = (first! + k * stride).assumingMemoryBound(to: InvoiceNumber.self)
            let (equal, keyASCII) = number.pointee.withUTF8 { key in (IDTable.equalBytes(key, bytes), !key.contains { $0 >= 0x80 }) }
            if equal { return true }
            // Two ASCII ids are equal only byte for byte; beyond ASCII, as `IDTable.same` finds.
            if ascii && keyASCII { return false }
            return IDTable.same(number.pointee.text, spelledBy: bytes, ascii: ascii, exact: exact)
        }

        /// The `k`th id as it lies there: its two words, read without retaining its storage.
        /// Two strings with the same words hold the same bytes (`IDTable.sameLayout`). An
        /// invoice's number is laid out as the string of its text would be when it holds it in
        /// itself (up to 15 bytes); a longer one gives words no string has, and is compared.
        @inline(__always) func layout(_ k: Int) -> StringLayout {
            let at = first! + k * stride
            guard numbers else { return at.loadUnaligned(as: StringLayout.self) }
            let number = at.assumingMemoryBound(to: InvoiceNumber.self)
            return number.pointee.isInline ? IDTable.layout(of: number.pointee.text) : .none
        }
    }
}

/// A string's two words as they lie in memory.
struct StringLayout: Equatable {
    let low: UInt64
    let high: UInt64

    /// Words no string has: even the empty string sets bits of its second word.
    static let none = StringLayout(low: 0, high: 0)
}

/// The ledger's ids, indexed once for all the rules.
public struct LedgerIDs: Sendable {
    public let clients: IDTable
    public let invoices: InvoiceNumbers
    /// The invoices the letters name, found once for the three rules that read them.
    public let letters: LetterInvoices

    public init(_ ledger: Ledger) {
        clients = IDTable(ledger.clients.map(\.id), exact: true)
        invoices = InvoiceNumbers(index: ledger.invoiceIndex)
        letters = LetterInvoices(ledger.letters, ledger.invoiceIndex)
    }
}

/// The invoice behind each number a letter names (`LetterSent.invoices`). A large ledger's
/// letters name hundreds of thousands, which the reference check, the ladder and the
/// settled-letter check would each look up again.
public struct LetterInvoices: Sendable {
    /// Where each letter's numbers start in `targets`; one more than the letters.
    private let starts: [Int32]
    /// Each number's invoice, its place plus one, zero for none: four bytes a number, where an
    /// optional place took eight.
    private let targetsAfterOne: [UInt32]

    init(_ letters: [LetterSent], _ index: IDTable) {
        var starts: [Int32] = [0]
        starts.reserveCapacity(letters.count + 1)
        var count = 0
        for k in letters.indices {
            count += letters[k].invoices.count
            starts.append(Int32(count))
        }
        var targets = [UInt32](repeating: 0, count: count)
        // `lookUp` asks for the numbers in order, so each is read from its letter by walking
        // on, with no list of every number made first (megabytes while the balances are
        // being computed beside it).
        // The numbers are read on from one iterator per letter, not by place: a letter that
        // names thousands of invoices would otherwise be walked again for each of them.
        var letter = -1
        var numbers = NamedInvoices().makeIterator()
        index.lookUp(count, id: { k in
            while Int(starts[letter + 1]) <= k {
                letter += 1
                numbers = letters[letter].invoices.makeIterator()
            }
            return numbers.next()
        }) { k, found in targets[k] = found.map { UInt32($0 + 1) } ?? 0 }
        self.starts = starts
        targetsAfterOne = targets
    }

    /// The index in `Ledger.invoices` of the `j`th invoice letter `letter` names, as
    /// `Ledger.invoiceIndex` finds it; nil when no invoice has that number.
    public func invoice(_ j: Int, of letter: Int) -> Int? {
        let place = targetsAfterOne[Int(starts[letter]) + j]
        return place == 0 ? nil : Int(place) - 1
    }
}

/// Invoice numbers through the index the resolver already built. The references met by the
/// million (payments' `apply` lines) carry their invoice in `Allocation.target`; the few
/// others (write-offs, disputes, plans, letters, assertions) are looked up here, which costs
/// less than building a second table of every number.
public struct InvoiceNumbers: Sendable {
    let index: IDTable

    /// The first invoice with this number, as `Ledger.invoiceIndex`.
    public func index(_ number: String) -> Int? { index.index(number) }
}
