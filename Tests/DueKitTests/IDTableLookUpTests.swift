import Testing
@testable import DueKit

extension IDTableTests {
    /// Ids whose hashes pick the same slot of a small table (eight ids) queue one after the
    /// other; each is still found at its own place, and an unknown id on that slot is not.
    @Test func idsOnOneSlotAreFoundEachAtItsPlace() {
        let candidates = (0..<4_000).map { "INV-\($0)" }
        let capacity = IDTable.capacity(for: 8)
        let slot = IDTable.start(IDTable.hash(candidates[0]), capacity)
        let crowded = candidates.filter { IDTable.start(IDTable.hash($0), capacity) == slot }
        #expect(crowded.count > 9)
        let ids = Array(crowded.prefix(8))
        let table = IDTable(ids)
        for (k, id) in ids.enumerated() { #expect(table[id] == k) }
        #expect(table[crowded[8]] == nil)
        var found: [Int?] = []
        table.lookUp(crowded.count, id: { crowded[$0] }) { _, index in found.append(index) }
        #expect(found == crowded.indices.map { $0 < 8 ? $0 : nil })
    }

    /// A search that runs off the table's last slot goes on from its first: ids whose hashes
    /// pick the last slot are each found, as is an id on the first.
    @Test func searchesWrapAroundTheTable() {
        let candidates = (0..<20_000).map { "C\($0)" }
        let capacity = IDTable.capacity(for: 6)
        let last = candidates.filter { IDTable.start(IDTable.hash($0), capacity) == capacity - 1 }
        let first = candidates.filter { IDTable.start(IDTable.hash($0), capacity) == 0 }
        #expect(last.count >= 4 && first.count >= 2)
        let ids = Array(last.prefix(4)) + Array(first.prefix(2))
        let table = IDTable(ids)
        for (k, id) in ids.enumerated() { #expect(table[id] == k) }
        #expect(table[last[4]] == nil && table[first[2]] == nil)
        var found: [Int?] = []
        table.lookUp(ids.count, id: { ids[$0] }) { _, index in found.append(index) }
        #expect(found == ids.indices.map { $0 })
    }

    /// Looking many ids up at once finds what looking each up finds: the first of a repeated
    /// id, canonically equivalent forms as one id, nothing for an unknown one; skipped ids are
    /// not reported, and the rest come in order.
    @Test func lookingUpManyAtOnceFindsWhatOneAtATimeFinds() {
        let ids = (0..<300).map { "INV-\(1_000 + $0)" } + ["zo\u{E9}", "INV-1005", "\u{212A}elvin", "\u{5BA2}\u{6237}-7", ""]
        let table = IDTable(ids)
        let asked = ids + ["zoe\u{301}", "Kelvin", "INV-99", "zo", "INV-1005 "] + (0..<40).map { "X\($0)" }
        var found: [(Int, Int?)] = []
        table.lookUp(asked.count, id: { $0 % 7 == 3 ? nil : asked[$0] }) { k, index in found.append((k, index)) }
        let expected = asked.indices.filter { $0 % 7 != 3 }
        #expect(found.map(\.0) == expected)
        for (k, index) in found { #expect(index == table.index(asked[k]), "\(asked[k])") }
        #expect(table["INV-1005"] == 5 && table["zoe\u{301}"] == 300 && table["Kelvin"] == 302 && table[""] == 304)
    }

    /// An exact table looks many up by their bytes, as it looks up one.
    @Test func anExactTableLooksManyUpByTheirBytes() {
        let table = IDTable(["zo\u{E9}", "\u{212A}elvin", "acme"], exact: true)
        let asked = ["zoe\u{301}", "zo\u{E9}", "Kelvin", "\u{212A}elvin", "acme", "acme2"]
        var found: [Int?] = []
        table.lookUp(asked.count, id: { asked[$0] }) { _, index in found.append(index) }
        #expect(found == [nil, 0, nil, 1, 2, nil])
    }

    /// The word-at-a-time hash reads every byte of ids of every length up to a few words:
    /// changing any one byte changes the hash.
    @Test func everyByteOfAnIdCountsInItsHash() {
        for length in 0...27 {
            let id = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })
            var hashes: Set<Int> = [IDTable.hash(id)]
            for k in 0..<length {
                var bytes = Array(id.utf8)
                bytes[k] = UInt8(ascii: "0")
                hashes.insert(IDTable.hash(String(decoding: bytes, as: UTF8.self)))
            }
            #expect(hashes.count == length + 1, "length \(length)")
            #expect(IDTable.byteHash(id) == IDTable.hash(id))
        }
        // Beyond ASCII: the hash of the bytes, for an exact table; Swift's, for the other.
        #expect(IDTable.byteHash("zo\u{E9}") != IDTable.byteHash("zoe\u{301}"))
        #expect(IDTable.hash("zo\u{E9}") == IDTable.hash("zoe\u{301}"))
    }
}

extension IDTableTests {
    /// `lookUp` asks for each id once, in order, whatever the groups it takes them in: the
    /// resolver reads each `apply` line's number from its file when asked. Counts around the
    /// group's size, with skipped ids at its edges, find what one lookup at a time finds.
    @Test func lookUpAsksForEachIdOnceInOrder() {
        let ids = (0..<500).map { "INV-\(7_000 + $0)" }
        let table = IDTable(ids)
        let group = IDTable.lookUpGroup
        for count in [0, 1, group - 1, group, group + 1, 3 * group + 5] {
            let asked = (0..<count).map { $0 % 3 == 0 ? ids[($0 * 37) % ids.count] : "X-\($0)" }
            var askedFor: [Int] = []
            var found: [(Int, Int?)] = []
            table.lookUp(count, id: { k in
                askedFor.append(k)
                return k % group == 0 || k % group == group - 1 ? nil : asked[k]
            }) { k, index in found.append((k, index)) }
            #expect(askedFor == Array(0..<count), "count \(count)")
            let expected = (0..<count).filter { $0 % group != 0 && $0 % group != group - 1 }
            #expect(found.map(\.0) == expected, "count \(count)")
            for (k, index) in found { #expect(index == table.index(asked[k]), "count \(count), \(asked[k])") }
            #expect(found.contains { $0.1 != nil } == expected.contains { $0 % 3 == 0 }, "count \(count)")
        }
    }
}

extension IDTableTests {
    /// A search passes over the slots of other ids by their tags; ids whose hashes pick the
    /// same slot and carry the same tag are told apart by comparing them, one at a time or
    /// many at once, and an unknown one among them is not found.
    @Test func idsWithTheSameSlotAndTagAreToldApart() {
        let candidates = (0..<200_000).map { "N-\($0)" }
        let first = IDTable.hash(candidates[0])
        let twins = candidates.filter { IDTable.hash($0) & 15 == first & 15 && IDTable.tag(IDTable.hash($0)) == IDTable.tag(first) }
        #expect(twins.count > 5)
        let ids = Array(twins.prefix(5))
        let table = IDTable(ids)
        for (k, id) in ids.enumerated() { #expect(table[id] == k) }
        #expect(table[twins[5]] == nil)
        var found: [Int?] = []
        table.lookUp(6, id: { twins[$0] }) { _, index in found.append(index) }
        #expect(found == [0, 1, 2, 3, 4, nil])
        let (_, repeats) = IDTable.firsts(ids + [twins[2], twins[0]])
        #expect(repeats.map(\.0) == [5, 6] && repeats.map(\.1) == [2, 0])
    }

    /// Ids too long to be held inside a string, looked up with strings made apart from the
    /// table's (same bytes, other storage), are found by comparing their bytes.
    @Test func longIdsMadeApartAreFound() {
        let ids = (0..<100).map { "LONG-INVOICE-NUMBER-\($0)" }
        let table = IDTable(ids)
        let asked = (0..<100).map { String(decoding: Array("LONG-INVOICE-NUMBER-\($0)".utf8), as: UTF8.self) } + ["LONG-INVOICE-NUMBER-100"]
        var found: [Int?] = []
        table.lookUp(asked.count, id: { asked[$0] }) { _, index in found.append(index) }
        #expect(found == Array(0..<100) + [nil])
        #expect(asked.map { table[$0] } == Array(0..<100) + [nil])
    }
}

extension IDTableTests {
    /// Ids given as bytes where they lie are found as the strings of those bytes are: ASCII
    /// ids by their bytes, an ASCII id equal to one written with a character canonically
    /// equivalent to ASCII (the Kelvin sign), accented ids in either form, long ids, the empty
    /// id, and bytes that are not valid UTF-8 as the string that repairs them; skipped ids are
    /// not reported. An exact table compares bytes alone.
    @Test func idsGivenAsBytesAreFoundAsTheirStrings() {
        let ids = (0..<200).map { "INV-\(5_000 + $0)" } + ["zo\u{E9}", "\u{212A}elvin", "LONG-INVOICE-NUMBER-1234567", "", "\u{FFFD}x", "INV-5003"]
        let asked: [[UInt8]] = ids.map { Array($0.utf8) } + [
            Array("zoe\u{301}".utf8), Array("Kelvin".utf8), Array("LONG-INVOICE-NUMBER-1234568".utf8),
            [0xFF, 0x78], Array("INV-99".utf8), Array("INV-5003 ".utf8),
        ] + (0..<40).map { Array("Y-\($0)".utf8) }
        for exact in [false, true] {
            let table = IDTable(ids, exact: exact)
            var found: [(Int, Int?)] = []
            let whole = asked.flatMap { $0 }
            var starts = [0]
            for bytes in asked { starts.append(starts.last! + bytes.count) }
            whole.withUnsafeBufferPointer { whole in
                table.lookUp(asked.count, utf8: { k in
                    k % 9 == 4 ? nil : UnsafeBufferPointer(rebasing: whole[starts[k]..<starts[k + 1]])
                }) { k, index in found.append((k, index)) }
            }
            #expect(found.map(\.0) == asked.indices.filter { $0 % 9 != 4 })
            for (k, index) in found {
                let text = String(decoding: asked[k], as: UTF8.self)
                #expect(index == table.index(text), "\(text), exact: \(exact)")
            }
            #expect(found.contains { asked[$0.0] == Array("Kelvin".utf8) && $0.1 == (exact ? nil : 201) })
            #expect(found.contains { asked[$0.0] == [0xFF, 0x78] && $0.1 == 204 })
        }
    }
}

extension IDTableTests {
    /// A slot holds its id's place and tag together, for tables of any size: each place and
    /// tag read back as written, no taken slot reads as free, and a table too large for all
    /// eight bits of the tag keeps its high bits, so ids whose tags differ there still differ.
    @Test func aSlotHoldsItsPlaceAndTag() {
        let hashes = [0, -1, Int.max, Int.min, 0x0123_4567_89AB_CDEF, -0x0123_4567_89AB_CDEF, 1 << 56, 0x7F << 56]
        for count in [0, 1, 2, 3, 16, 1_000, 1 << 20, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, 1 << 28, Int(Int32.max) - 1] {
            let slots = IDTable.SlotBits(count: count)
            let places = [0, max(0, count / 2), max(0, count - 1)]
            for h in hashes {
                let mark = slots.mark(h)
                for place in places {
                    let slot = slots.slot(place, mark)
                    #expect(slot != 0, "count \(count)")
                    #expect(slots.place(slot) == Int32(place), "count \(count)")
                    #expect(slots.mark(ofSlot: slot) == mark, "count \(count)")
                }
            }
            #expect(slots.place(0) == -1)
            let tagBits = min(8, 32 - Int(slots.placeBits))
            let keptTags: Set<UInt8> = Set(hashes.map { (h: Int) -> UInt8 in IDTable.tag(h) >> UInt8(8 - tagBits) })
            let marks: Set<UInt32> = Set(hashes.map { (h: Int) -> UInt32 in slots.mark(h) })
            #expect(keptTags.count == marks.count, "count \(count)")
        }
    }
}
