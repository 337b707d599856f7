import Foundation
import Testing
@testable import DueKit

/// The export's fast paths: transactions spelled in chunks on several cores, and narrations,
/// links and amounts written as bytes from their parts, each give the text the plain way does.
@Suite struct ExportChunkTests {
    static let generated = LedgerLoader.load(bytes: LedgerGenerator(invoices: 300, seed: 11, profile: .realistic).generate(), path: "r.due")

    /// Chunks of any size, joined in order, are the text written in one piece: each chunk is one
    /// piece after the header, and ends after a whole transaction.
    @Test(arguments: JournalFormat.allCases) func chunksJoinedAreTheOnePieceText(_ format: JournalFormat) throws {
        for load in [Self.generated, try LedgerLoader.load(path: Repo.path("samples/studio.due"))] {
            let whole = JournalExport.render(load.ledger, format: format, sourceName: "r.due")
            let count = JournalBuilder.book(load.ledger).count
            #expect(count > 40)
            for chunk in [1, 7, 40, count - 1] {
                var pieces: [[UInt8]] = []
                JournalExport.write(load.ledger, format: format, sourceName: "r.due", chunk: chunk) { pieces.append($0) }
                #expect(pieces.count == 1 + (count + chunk - 1) / chunk, "chunk \(chunk)")
                #expect(pieces.allSatisfy { $0.last == 0x0A })
                #expect(pieces.dropFirst().allSatisfy { $0.first == 0x0A })
                #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole, "chunk \(chunk)")
            }
            // A book no larger than a chunk is written here, in pieces of about `pieceSize`.
            var pieces: [[UInt8]] = []
            JournalExport.write(load.ledger, format: format, sourceName: "r.due", pieceSize: 300, chunk: count) { pieces.append($0) }
            #expect(pieces.count > count / 4)
            #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole)
        }
    }

    struct Refused: Error, Equatable { let piece: Int }

    /// A piece that cannot be handed on stops the export with that error; no later piece is
    /// handed on.
    @Test func aFailedPieceStopsTheChunkedExport() {
        var handed = 0
        do throws(Refused) {
            try JournalExport.write(Self.generated.ledger, format: .hledger, sourceName: "r.due", chunk: 5) { (_: [UInt8]) throws(Refused) in
                if handed == 3 { throw Refused(piece: handed) }
                handed += 1
            }
            Issue.record("the export went on past a refused piece")
        } catch {
            #expect(error == Refused(piece: 3))
        }
        #expect(handed == 3)
    }

    /// The ledgers the chunked writer is compared on: none, one entry, generated in date order
    /// (two profiles), the same with its entries in reverse order, and the sample studio.
    static func varied() throws -> [(name: String, load: LoadResult)] {
        let realistic = LedgerGenerator(invoices: 300, seed: 11, profile: .realistic).generate()
        // Entries after the opening comment, last first: transactions must still come in date order.
        var blocks = String(decoding: realistic, as: UTF8.self).components(separatedBy: "\n\n")
        let head = blocks.removeFirst()
        let reversed = ([head] + blocks.filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: .newlines) }.reversed()).joined(separator: "\n\n") + "\n"
        return [
            ("empty", LedgerLoader.load(bytes: [], path: "e.due")),
            ("one invoice", LedgerLoader.load(bytes: Array(Self.oneInvoice.utf8), path: "one.due")),
            ("realistic", generated),
            ("realistic, reversed", LedgerLoader.load(bytes: Array(reversed.utf8), path: "r.due")),
            ("uniform", LedgerLoader.load(bytes: LedgerGenerator(invoices: 200, seed: 5, profile: .uniform).generate(), path: "u.due")),
            ("studio", try LedgerLoader.load(path: Repo.path("samples/studio.due"))),
        ]
    }

    static let oneInvoice = """
        settings
          currency  GBP

        client acme Acme Ltd
          terms  net 30

        2026-01-05 invoice acme INV-1
          for    Design
          item   Design (days)   1 x 100.00
          tax    VAT 20%
          total  120.00

        """

    /// On every ledger, each chunk size (one transaction, a few, about a round of lanes, one
    /// short of the book, the whole book and more) gives the text spelled in one piece on one
    /// core.
    @Test(arguments: JournalFormat.allCases) func everyLedgerInAnyChunksIsTheOnePieceText(_ format: JournalFormat) throws {
        for (name, load) in try Self.varied() {
            #expect(load.diagnostics.filter { $0.severity == .error }.isEmpty, "\(name)")
            var one: [[UInt8]] = []
            JournalExport.write(load.ledger, format: format, sourceName: "r.due", pieceSize: .max, chunk: .max) { one.append($0) }
            #expect(one.count == 1, "\(name)")
            let whole = one.flatMap { $0 }
            #expect(whole == Array(JournalExport.render(load.ledger, format: format, sourceName: "r.due").utf8), "\(name)")
            let count = JournalBuilder.book(load.ledger).count
            let lanes = 2 * ParallelParse.cores
            let sizes = Set([1, 2, 3, 5, max(1, count / lanes), max(1, count / lanes + 1), max(1, count / (2 * lanes)), max(1, count - 1), max(1, count), count + 1])
            for chunk in sizes.sorted() {
                var pieces: [[UInt8]] = []
                JournalExport.write(load.ledger, format: format, sourceName: "r.due", chunk: chunk) { pieces.append($0) }
                #expect(pieces.flatMap { $0 } == whole, "\(name), chunk \(chunk)")
                #expect(pieces.allSatisfy { $0.last == 0x0A }, "\(name), chunk \(chunk)")
            }
        }
    }

    /// What an empty ledger and a one-invoice ledger export to, in full.
    @Test func emptyAndOneEntryLedgersExportExactly() {
        let empty = LedgerLoader.load(bytes: [], path: "e.due")
        let header = "; Receivables exported by `due export hledger` from e.due.\n; One transaction per invoice, payment, credit note, write-off and early-payment discount;\n; Assets:Receivable:<client> holds what each client owes.\n"
        #expect(JournalExport.render(empty.ledger, format: .hledger, sourceName: "e.due") == header)
        #expect(JournalExport.render(empty.ledger, format: .beancount, sourceName: "e.due") == header.replacingAll("hledger", with: "beancount") + "\noption \"operating_currency\" \"USD\"\n\n")
        let one = LedgerLoader.load(bytes: Array(Self.oneInvoice.utf8), path: "one.due")
        #expect(JournalExport.render(one.ledger, format: .hledger, sourceName: "one.due") == """
            ; Receivables exported by `due export hledger` from one.due.
            ; One transaction per invoice, payment, credit note, write-off and early-payment discount;
            ; Assets:Receivable:<client> holds what each client owes.

            account Assets:Receivable:Acme
            account Income:Sales
            account Liabilities:Tax
            commodity GBP

            2026-01-05 (INV-1) Acme Ltd | Invoice INV-1: Design  ; client:acme, due:2026-02-04, invoice:INV-1
                Assets:Receivable:Acme   120.00 GBP
                Income:Sales            -100.00 GBP
                Liabilities:Tax          -20.00 GBP

            """)
        #expect(JournalExport.render(one.ledger, format: .beancount, sourceName: "one.due") == """
            ; Receivables exported by `due export beancount` from one.due.
            ; One transaction per invoice, payment, credit note, write-off and early-payment discount;
            ; Assets:Receivable:<client> holds what each client owes.

            option "operating_currency" "GBP"

            2026-01-05 open Assets:Receivable:Acme
            2026-01-05 open Income:Sales
            2026-01-05 open Liabilities:Tax

            2026-01-05 * "Acme Ltd" "Invoice INV-1: Design" ^inv-INV-1
              client: "acme"
              invoice: "INV-1"
              due: 2026-02-04
              Assets:Receivable:Acme   120.00 GBP
              Income:Sales            -100.00 GBP
              Liabilities:Tax          -20.00 GBP

            """)
    }

    /// An export that fails part-way through, after pieces were written to the temporary file,
    /// leaves the file it was to replace as it was, and no temporary file beside it.
    @Test(arguments: JournalFormat.allCases) func aFailedWriteLeavesTheOldFileUntouched(_ format: JournalFormat) throws {
        let dir = try temporaryDirectory()
        let path = dir + "/r.journal"
        let old = Array("; an older export\n".utf8)
        try SafeFileWriter.write(old, to: path)
        var handed = 0
        do throws(WriteError) {
            try SafeFileWriter.write(to: path) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
                try JournalExport.write(Self.generated.ledger, format: format, sourceName: "r.due", chunk: 5) { (piece: [UInt8]) throws(WriteError) in
                    if handed == 4 { throw WriteError(path: path, reason: "the disk is full") }
                    try file.write(piece)
                    handed += 1
                }
            }
            Issue.record("the write went on past a failed piece")
        } catch {
            #expect(error.reason == "the disk is full")
        }
        #expect(handed == 4)
        #expect(try FileSystem.readFile(path) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.journal"])
        // The same export, let through, replaces it with the whole text.
        try SafeFileWriter.write(to: path) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
            try JournalExport.write(Self.generated.ledger, format: format, sourceName: "r.due", chunk: 5) { (piece: [UInt8]) throws(WriteError) in try file.write(piece) }
        }
        #expect(try FileSystem.readFile(path) == Array(JournalExport.render(Self.generated.ledger, format: format, sourceName: "r.due").utf8))
    }

    /// Narrations whose own text needs cleaning or escaping (spaces, `;`, `|`, quotes,
    /// backslashes, accents, an empty part) are written as the joined text cleaned and quoted.
    @Test func narrationsFromPartsEqualTheJoinedTextCleanedAndQuoted() {
        let texts = ["PO 5531", "", "a  b", " lead", "trail ", "x; y", "a | b", "say \"hi\"", "back\\slash", "café", "e\u{301}", "\u{301}start", "tab\there", "line\nbreak", ";first"]
        var narrations: [JournalNarration] = []
        for a in texts {
            narrations.append(.invoice(number: a, summary: "Design"))
            narrations.append(.discount(invoice: a))
            narrations.append(.writeOff(invoice: "INV-1", reason: a))
            narrations.append(.writeOff(invoice: a, reason: nil))
            narrations.append(.waived(invoice: "INV-1", reason: a))
            narrations.append(.credit(number: nil, reason: a))
            narrations.append(.payment(ref: nil, method: a))
            for b in texts {
                narrations.append(.invoice(number: a, summary: b))
                narrations.append(.credit(number: a, reason: b))
                narrations.append(.payment(ref: a, method: b))
            }
        }
        narrations.append(.credit(number: nil, reason: nil))
        narrations.append(.payment(ref: nil, method: nil))
        for n in narrations {
            var cleaned = ByteText(), quoted = ByteText()
            JournalExport.clean(n, into: &cleaned)
            JournalExport.quoted(n, into: &quoted)
            #expect(cleaned.string == JournalExport.clean(n.text), "\(n.text)")
            #expect(quoted.string == JournalExport.quoted(n.text), "\(n.text)")
        }
        #expect(JournalNarration.payment(ref: "R 1", method: "card").text == "Payment R 1 (card)")
        #expect(JournalNarration.credit(number: "CN-2", reason: "damaged").text == "Credit note CN-2: damaged")
    }

    /// A link keeps letters, digits and `- _ / .` and turns every other Unicode scalar into one
    /// `-`; a number so changed gets its digest after it, as a client's account name does.
    @Test func linksReplaceEachOtherScalarWithADash() {
        let cases = ["INV-0012", "2025/001.a_b", "inv 7", "café", "e\u{301}x", "😀", "a+b=c", ""]
        for n in cases {
            let kept = String(n.unicodeScalars.map { u -> Character in
                let ok = (u.value < 0x80 && (u.properties.isAlphabetic || (0x30...0x39).contains(u.value))) || "-_/.".unicodeScalars.contains(u)
                return ok ? Character(u) : "-"
            })
            let expected = "^inv-" + kept + (kept == n ? "" : "-" + SafeName.digest(n))
            #expect(JournalExport.link(n) == expected, "\(n)")
        }
    }

    /// Distinct invoices never share a link: `INV#5` and `INV-5`, or `ÄÖ` and `ÜÉ`, were both
    /// `^inv-INV-5` and `^inv---`.
    @Test func numbersThatALinkChangesKeepLinksOfTheirOwn() {
        #expect(JournalExport.link("INV-5") == "^inv-INV-5")
        #expect(JournalExport.link("INV#5") == "^inv-INV-5-" + SafeName.digest("INV#5"))
        #expect(JournalExport.link("ÄÖ") != JournalExport.link("ÜÉ"))
        #expect(JournalExport.link("ÄÖ").hasPrefix("^inv----"))
        #expect(Set(["INV#5", "INV-5", "INV 5", "ÄÖ", "ÜÉ"].map { JournalExport.link($0) }).count == 5)
    }

    /// Amounts written as bytes are `MoneyFormat.format`'s text, grouped or not.
    @Test func amountsAsBytesAreTheFormattedText() {
        for minor: Int64 in [0, 5, -5, 99, 100, -100, 123_456_789, -1_000_000, .max, .min] {
            for precision in [0, 2, 3] {
                for grouping in [true, false] {
                    var out = ByteText()
                    out.money(minor, precision: precision, grouping: grouping)
                    #expect(out.string == MoneyFormat.format(minor, precision: precision, grouping: grouping))
                }
            }
        }
        #expect(MoneyFormat.format(-123_456, precision: 2) == "-1,234.56")
    }

    /// A payment's `method` and `ref`, read for the export in one pass over its lines, are what
    /// the payment itself reads: the first line of each, a keyword with nothing after it, lines
    /// in any order, comments and blank lines between, and a payment without either.
    @Test func paymentNotesReadInOnePassAreThePaymentsOwn() {
        let text = """
            client acme Acme Ltd

            2026-01-01 invoice acme A-1
              item  Work  1 x 100.00

            2026-01-02 payment acme 10.00
              ref     R 1   ; a comment after it
              method  bank transfer
              apply   A-1

            2026-01-03 payment acme 10.00
              method
              ref     first
              ; a comment line

              ref     second
              method  card
              apply   A-1

            2026-01-04 payment acme 10.00
              apply   A-1

            2026-01-05 credit acme C-1 5.00
              ref     CR
              apply   A-1

            """
        let ledger = LedgerLoader.load(bytes: Array(text.utf8), path: "n.due").ledger
        for load in [ledger, Self.generated.ledger] {
            #expect(load.payments.count >= 3)
            for p in load.payments where !p.isCredit {
                let notes = p.notes(in: load.files), read = JournalBook.notes(at: p.anchor, in: load.files)
                #expect(read.method == notes.method && read.ref == notes.ref, "payment at \(p.anchor.offset)")
            }
        }
    }

    /// The invoice numbers a chunk's payments are applied to, looked up together, are those the
    /// ledger names for each (nil for every other transaction and for a payment of several).
    @Test func appliedNumbersAreTheLedgersOwn() {
        let ledger = Self.generated.ledger
        let book = JournalBuilder.book(ledger)
        var numbers: [String?] = []
        book.appliedNumbers(3..<book.count, into: &numbers)
        #expect(numbers.count == book.count - 3)
        var found = 0
        for k in 3..<book.count {
            let e = book.events[k]
            let p = e.kind == .payment ? ledger.payments[Int(e.entry)] : nil
            if let p, p.allocationRange.count == 1 {
                #expect(numbers[k - 3] == ledger.invoiceNumber(applied: 0, of: p))
                found += 1
            } else {
                #expect(numbers[k - 3] == nil)
            }
        }
        #expect(found > 50)
    }

    /// Runs of every length up to past the word-sized copies land whole and in order, the
    /// text growing as it must.
    @Test func rawTextPutsRunsOfEveryLength() {
        var text = RawText(capacity: 8)
        defer { text.free() }
        var expected: [UInt8] = []
        let source = (0..<80).map { UInt8(0x21 + $0) }
        for n in 0...source.count {
            source.withUnsafeBufferPointer { text.put(UnsafeBufferPointer(rebasing: $0[..<n])) }
            expected += source[..<n]
        }
        #expect(Array(UnsafeBufferPointer(start: text.base, count: text.count)) == expected)
    }

    /// Clients no entry defines, met in invoices, then payments, then write-offs: a ledger
    /// with errors, which `JournalBook` still makes a book of.
    static let unknownClients = """
        settings
          currency  GBP

        client acme Acme Ltd
          terms  net 30

        2026-01-05 invoice ghost-b B-1
          total  100.00

        2026-01-06 invoice acme A-1
          total  50.00

        2026-01-07 invoice ghost-a B-2
          total  70.00

        2026-01-07 invoice ghost-b B-3
          total  10.00

        2026-02-01 payment ghost-c 20.00

        2026-02-02 payment ghost-a 70.00
          apply  B-2

        2026-02-03 payment ghost-d 5.00

        2026-02-03 payment ghost-b 100.00
          apply  B-1

        2026-02-04 writeoff ghost-b B-3 10.00

        """

    /// The book gathers the invoices' transactions and the payments' on two cores and merges
    /// them: its transactions, client slots (ids no client entry has in the order first met),
    /// accounts and currencies are those of one gathering in file order, sorted.
    @Test func theBookGatheredOnTwoCoresIsTheBookGatheredInOrder() throws {
        var ledgers = try Self.varied()
        ledgers.append(("unknown clients", LedgerLoader.load(bytes: Array(Self.unknownClients.utf8), path: "u.due")))
        for (name, load) in ledgers {
            let ledger = load.ledger
            let book = JournalBuilder.book(ledger)
            var one = JournalEvents(ledger, sheet: book.sheet, asOf: book.sheet.asOf)
            ledger.invoices.withUnsafeBufferPointer { all in
                for i in all.indices { one.invoice(all[i], at: i) }
            }
            ledger.payments.withUnsafeBufferPointer { all in
                for i in all.indices { one.payment(all[i], at: i) }
            }
            for k in ledger.writeOffs.indices { one.writeOff(k, in: ledger) }
            let sorted = one.events.sorted(by: JournalBook.Event.precedes)
            func fields(_ e: JournalBook.Event) -> [Int] { [Int(e.date), Int(e.slot), Int(e.entry), Int(e.order), Int(e.kind.rawValue)] }
            #expect(book.events.map(fields) == sorted.map(fields), "\(name)")
            #expect(book.clients == one.known, "\(name)")
            #expect(Set(book.postedAccounts) == one.postedAccounts(receivables: book.receivables), "\(name)")
            #expect(book.currencies == Set(one.currencies), "\(name)")
        }
        let unknown = JournalBuilder.book(LedgerLoader.load(bytes: Array(Self.unknownClients.utf8), path: "u.due").ledger)
        #expect(unknown.clients == ["acme", "ghost-b", "ghost-a", "ghost-c", "ghost-d"])
        #expect(unknown.count == 9)
    }
}
