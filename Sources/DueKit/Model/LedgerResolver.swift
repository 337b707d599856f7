import Dispatch

/// Gives every entry its meaning once all files are read: indexes of clients and invoices,
/// currencies, exact totals, due dates. What it meets that cannot be resolved (duplicates, excess
/// precision, totals that disagree with their items) it records as `ResolutionFact`s in
/// `ledger.facts`, and the rules judge them: `DuplicateRule`, `AmountRule`, `InvoiceTotalRule`
/// and `CurrencyRule`; whether a due date can be is judged by `DueDateRule`.
public enum LedgerResolver {
    /// Largest amount `due` accepts, in minor units: large enough for any real invoice, small
    /// enough that millions of them can be summed without overflow.
    public static let maxMinor: Int64 = 1_000_000_000_000_000
    /// Largest sum of all invoices, or of all payments and credits, in one currency. Every
    /// balance, and any total a report adds up, is then far from the limit of `Int64`; beyond it
    /// amounts are reported (E302) and count as zero rather than overflow.
    public static let maxCurrencyTotal: Int64 = 1_000_000_000_000_000_000

    /// `parallelMinimum`: how many invoices or payments make it worth using several threads.
    ///
    /// Every resolved field is set whatever it held, so resolving a ledger again after some of
    /// its entries changed gives what resolving it fresh gives (the language server keeps a
    /// large ledger resolved between keystrokes).
    ///
    /// `keepingItems: false` lets go of the items as soon as the invoices' totals are made
    /// (`Ledger.releaseItems`), for a reader that reads none after: nothing after the totals
    /// reads one, and linking the `apply` lines, which follows, is where resolving holds most.
    /// A ledger read without its items (`Ledger.itemsTallied`) has none to let go of: each
    /// invoice's total is made from what they add up to.
    public static func resolve(_ ledger: inout Ledger, parallelMinimum: Int = 50_000, keepingItems: Bool = true) {
        // The index of a resolution before may find its numbers in the invoices, which change
        // now (`IDTable.findingNumbers(of:)`).
        ledger.invoiceIndex = IDTable([])
        // The clients and plans were read one at a time and joined part by part, each array
        // growing by doubling: up to half of each is room never used, held through every later
        // stage (some 2.5 MB in a large ledger).
        ledger.clients.releaseSpareCapacity()
        ledger.plans.releaseSpareCapacity()
        var facts: [ResolutionFact] = []
        var r: Resolution
        if ledger.invoices.count >= parallelMinimum {
            // Invoice numbers are indexed on one core while the invoices are resolved on the
            // other: resolving an invoice needs the clients, not the other invoices. Indexing
            // takes the less time, and that core then takes its share of the invoices left
            // (`InvoiceSplit`).
            indexClients(&ledger, &facts)
            r = Resolution(settings: ledger.settings, clients: ledger.clients, clientIndex: ledger.clientIndex, itemsTallied: ledger.itemsTallied)
            let files = ledger.files, count = ledger.invoices.count
            var index = IDTable([])
            var duplicates: [(Int, Int)] = []
            var parts = [r, r]
            let split = InvoiceSplit(count: count)
            let briefs = [InvoiceBrief](unsafeUninitializedCapacity: count) { briefs, made in
                withUnsafeMutablePointer(to: &index) { indexPointer in
                    withUnsafeMutablePointer(to: &duplicates) { duplicatesPointer in
                        parts.withUnsafeMutableBufferPointer { parts in
                            ledger.invoices.withUnsafeMutableBufferPointer { invoices in
                                ledger.items.withUnsafeBufferPointer { items in
                                    let shared = UnsafeSendable((indexPointer, duplicatesPointer, parts, invoices, items, briefs))
                                    DispatchQueue.concurrentPerform(iterations: 2) { k in
                                        let (index, duplicates, parts, invoices, items, briefs) = shared.value
                                        var part = parts[k]
                                        part.facts = []
                                        var clients = ClientsFound()
                                        /// Resolves `range`, then takes the briefs of its invoices while they are
                                        /// still in the cache.
                                        func resolve(_ range: Range<Int>) {
                                            for i in range { invoices[i].isDuplicate = false }
                                            part.invoices(invoices, range, items, files, clients: &clients)
                                            for i in range { (briefs.baseAddress! + i).initialize(to: InvoiceBrief(UnsafeBufferPointer(invoices), i)) }
                                        }
                                        if k == 0 {
                                            // The numbers are read where they lie: resolving an invoice
                                            // changes its other fields, never its number.
                                            (index.pointee, duplicates.pointee) = IDTable.firstNumbers(of: UnsafeBufferPointer(invoices))
                                            resolve(split.back())
                                        } else {
                                            while let range = split.front() { resolve(range) }
                                        }
                                        parts[k] = part
                                    }
                                    // The back part summed its invoices from zero. Unless the two parts'
                                    // sums together stay within the limit, it is resolved again after the
                                    // front, as one core would have, so an invoice that passes the limit is
                                    // the same on any number of cores.
                                    if parts[0].passedLimit || !parts[0].invoiced.fitsWith(parts[1].invoiced) {
                                        var again = r
                                        again.invoiced = parts[1].invoiced
                                        // Resolving took the tallies: what the back part's
                                        // invoices hold now is their totals.
                                        if again.itemSource == .tallied { again.itemSource = .inFile }
                                        again.invoices(invoices, split.backPart, items, files)
                                        for i in split.backPart { briefs[i] = InvoiceBrief(UnsafeBufferPointer(invoices), i) }
                                        parts[0] = again
                                    }
                                }
                            }
                        }
                    }
                }
                made = count
            }
            ledger.briefs = briefs
            for (i, first) in duplicates { duplicate(&ledger, i, first, &facts) }
            ledger.invoiceIndex = index
            // The front part first: what was met is joined in the invoices' order.
            r.join([parts[1], parts[0]])
        } else {
            for i in ledger.invoices.indices where ledger.invoices[i].isDuplicate { ledger.invoices[i].isDuplicate = false }
            index(&ledger, &facts)
            r = Resolution(settings: ledger.settings, clients: ledger.clients, clientIndex: ledger.clientIndex, itemsTallied: ledger.itemsTallied)
            let files = ledger.files
            ledger.items.withUnsafeBufferPointer { items in
                let items = UnsafeSendable(items)
                r.join(inParallel(&ledger.invoices, r, minimum: parallelMinimum) { r, invoices in r.invoices(invoices, invoices.indices, items.value, files) })
            }
            ledger.briefs = ledger.invoices.withUnsafeBufferPointer { brief($0) }
        }
        if ledger.itemsTallied {
            ledger.itemsTallied = false
        } else if !keepingItems {
            ledger.releaseItems()
        }
        // Nothing here changes an invoice after this: the index finds the numbers in them
        // rather than in a copy of every number.
        ledger.invoiceIndex = ledger.invoiceIndex.findingNumbers(of: ledger.invoices)
        link(&ledger, parallelMinimum: parallelMinimum)
        // Payments are resolved each on their own, so a large ledger's are split across the
        // cores; the rest are few.
        let files = ledger.files
        ledger.briefs.withUnsafeBufferPointer { briefs in
            ledger.allocations.withUnsafeMutableBufferPointer { allocations in
                // Each payment changes only its own `apply` lines.
                let shared = UnsafeSendable((briefs, allocations))
                r.join(inParallel(&ledger.payments, r, minimum: parallelMinimum) { r, payments in
                    var references = PaymentReferences()
                    references.resolve(payments, r.clientIndex, r.defaults, shared.value.0, shared.value.1) { k, client, currency in
                        r.payment(&payments[k], client: client, named: currency, shared.value.1, files)
                    }
                })
            }
        }
        ledger.invoices.withUnsafeBufferPointer { invoices in
            for u in ledger.unreadInvoices { r.unreadInvoice(u, files) }
            for i in ledger.writeOffs.indices { r.writeOff(&ledger.writeOffs[i], ledger.invoiceIndex, invoices, files) }
            for i in ledger.plans.indices {
                r.plan(&ledger.plans[i], files)
                for k in ledger.plans[i].instalments.indices {
                    ledger.plans[i].instalments[k].lastDay = ledger.settings.workingDay(ledger.plans[i].instalments[k].date)
                }
            }
            for i in ledger.refunds.indices { r.refund(&ledger.refunds[i], files) }
            for i in ledger.assertions.indices { r.assertion(&ledger.assertions[i], ledger.invoiceIndex, invoices, files) }
            // Each client's invoice currencies, each with the day it was first invoiced in,
            // gathered only if a promise needs them: one with no currency written, for a client
            // that has none of its own.
            var invoicesOf: [[(currency: Currency, first: Day)]]?
            for i in ledger.notes.indices {
                guard let p = ledger.notes[i].promise else { continue }
                let k = r.clientIndex[ledger.notes[i].client]
                var sole: Currency?
                if p.writtenCurrency == nil, let k, r.defaults[k].currency == nil {
                    if invoicesOf == nil { invoicesOf = invoiceCurrencies(ledger.briefs, clients: ledger.clients.count) }
                    sole = promiseCurrency(invoicesOf![k], madeOn: ledger.notes[i].date)
                }
                r.note(&ledger.notes[i], client: k, invoiceCurrency: sole, files)
                ledger.notes[i].promise!.lastDay = ledger.settings.workingDay(p.by)
            }
        }
        // A client's compensation written without a currency is in the currency an amount
        // takes (§2): the client's, else the file's; else the one its invoices are all in. It
        // is claimed only on invoices in that currency, so a client billed in two currencies
        // with none of these is claimed it on neither (W314), not 40.00 of each.
        var soleOfClients: [Currency?]?
        for k in ledger.clients.indices where ledger.clients[k].compensation != nil {
            if ledger.clients[k].compensationCurrency == nil {
                var cur = ledger.clients[k].currency ?? ledger.settings.currency
                if cur == nil {
                    if soleOfClients == nil { soleOfClients = soleCurrencies(ledger.briefs, clients: ledger.clients.count) }
                    cur = soleOfClients![k]
                }
                ledger.clients[k].compensationCurrency = cur
            }
            let c = ledger.clients[k]
            // As an invoice's is (`minor`): zeros past the currency's decimals too, since
            // `1.200` is as likely 1,200.
            if let cur = c.compensationCurrency, c.compensation!.scale > cur.precision || c.compensation!.minorUnits(precision: cur.precision) == nil {
                r.precision(c.compensation!, cur, ledger.files.detail(.compensation, of: c.anchor) ?? ledger.files.header(c.anchor))
            }
        }
        // A client without a currency, or a currency's total passing the limit, is reported once,
        // where it was first met, however many entries and parts met it. (Each part keeps its own
        // running totals, so with two parts a currency's sums stay within twice
        // `maxCurrencyTotal`: still far from overflow.)
        ledger.facts = facts + r.firstMet.facts + r.facts
        if !ledger.returns.isEmpty { ledger.linkReturns() }
    }

    /// How a large ledger's invoices are shared between two cores, one of which first indexes
    /// their numbers: the other takes them from the front a block at a time; once the index
    /// is made, the first takes the back half of what is left. So there are two parts, each
    /// resolved in order by one `Resolution`, and a currency's running sums stay within twice
    /// `maxCurrencyTotal`, as with any two parts.
    final class InvoiceSplit: @unchecked Sendable {
        static let block = 4096
        private let lock = Lock()
        private let count: Int
        /// The front part's next invoice, and where the front part ends.
        private var next = 0
        private var end: Int

        init(count: Int) {
            self.count = count
            end = count
        }

        /// The front part's next block; nil once it is done.
        func front() -> Range<Int>? {
            lock.lock()
            defer { lock.unlock() }
            guard next < end else { return nil }
            let block = next..<min(next + InvoiceSplit.block, end)
            next = block.upperBound
            return block
        }

        /// The back part: half of what the front has not taken yet. Asked once.
        func back() -> Range<Int> {
            lock.lock()
            defer { lock.unlock() }
            end = next + (end - next) / 2
            return end..<count
        }

        /// The back part, once both parts are resolved.
        var backPart: Range<Int> {
            lock.lock()
            defer { lock.unlock() }
            return end..<count
        }
    }

    /// The briefs of resolved invoices, in their order.
    static func brief(_ invoices: UnsafeBufferPointer<Invoice>) -> [InvoiceBrief] {
        var briefs: [InvoiceBrief] = []
        briefs.reserveCapacity(invoices.count)
        for i in invoices.indices { briefs.append(InvoiceBrief(invoices, i)) }
        return briefs
    }

    /// Links every `apply` line to its invoice (`Allocation.target`), all in one pass before
    /// the payments are resolved, so the lookups can be taken together (`IDTable.lookUp`); a
    /// large ledger's on both cores. Each line's number is read again from its file (the
    /// allocation keeps none), front to back, and the pages of a mapped file are handed back
    /// behind the reading as the parser handed them back behind it.
    static func link(_ ledger: inout Ledger, parallelMinimum: Int) {
        let index = ledger.invoiceIndex, files = ledger.files
        ledger.invoices.withUnsafeBufferPointer { invoices in
            ledger.payments.withUnsafeBufferPointer { payments in
                ledger.allocations.withUnsafeMutableBufferPointer { allocations in
                    let shared = UnsafeSendable((invoices, payments, allocations))
                    let count = payments.count
                    let parts = allocations.count >= parallelMinimum ? 2 : 1
                    DispatchQueue.concurrentPerform(iterations: parts) { k in
                        let (invoices, payments, allocations) = shared.value
                        link(allocations, of: UnsafeBufferPointer(rebasing: payments[count * k / parts..<count * (k + 1) / parts]), index, invoices, files)
                    }
                }
            }
        }
    }

    /// Links the `apply` lines of `payments`. Each line's number is hashed and compared where
    /// it lies in the file (`IDTable.lookUp(_:utf8:found:)`): a string made for each, only to
    /// be looked up, cost more than the lookup.
    static func link(_ allocations: UnsafeMutableBufferPointer<Allocation>, of payments: UnsafeBufferPointer<Payment>, _ index: IDTable, _ invoices: UnsafeBufferPointer<Invoice>, _ files: [SourceFile]) {
        withBytes(of: files) { texts in
            var reader = NumberReader(files, texts)
            // A ledger resolved again (the language server's) mostly names the invoice it named
            // before: an invoice with this number that is no duplicate is the first with it, which
            // is what the index would find, without hashing. Any other target, stale, is looked
            // up again.
            var stale = false
            var lines = 0
            for p in payments.indices {
                lines += payments[p].allocationRange.count
                for k in payments[p].allocationRange.lowerBound..<payments[p].allocationRange.upperBound {
                    guard let t = allocations[Int(k)].target.map(Int.init) else { continue }
                    let number = reader.number(of: allocations[Int(k)], inFile: Int(payments[p].anchor.file))
                    if !(t >= 0 && t < invoices.count && !invoices[t].isDuplicate && invoices[t].number == String(decoding: number, as: UTF8.self)) {
                        allocations[Int(k)].target = nil
                        stale = true
                    }
                }
            }
            if stale { reader = NumberReader(files, texts) }
            // The lines of a ledger's payments stand in their order, so the lookups read the lines'
            // numbers in that order too. `lookUp` asks for the lines in order and reports them in
            // order, so each is found by walking on, with no list of the lines made first (nine
            // megabytes at a million lines).
            var asked = LineWalk(payments), reported = LineWalk(payments)
            index.lookUp(lines, utf8: { k in
                let (line, p) = asked.at(k)
                guard allocations[line].target == nil else { return nil }
                return reader.number(of: allocations[line], inFile: Int(payments[p].anchor.file))
            }) { k, found in
                let (line, _) = reported.at(k)
                allocations[line].target = found.map(Int32.init)
            }
        }
    }

    /// The bytes of every one of `files`, read in place for the length of `body`. A mapped or
    /// copied file's stay where they are while `files` lives; only those in arrays are opened
    /// one inside another: the language server's ledger of a million invoices is thousands of
    /// copied pieces, which, opened so, ran its thread out of stack.
    static func withBytes<R>(of files: [SourceFile], _ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
        var texts: [UnsafeBufferPointer<UInt8>] = []
        texts.reserveCapacity(files.count)
        var inArrays: [Int] = []
        for (k, f) in files.enumerated() {
            if let b = f.bytes.stableBuffer {
                texts.append(b)
            } else {
                texts.append(UnsafeBufferPointer(start: nil, count: 0))
                inArrays.append(k)
            }
        }
        return withArrays(inArrays[...], of: files, &texts, body)
    }

    private static func withArrays<R>(_ left: ArraySlice<Int>, of files: [SourceFile], _ texts: inout [UnsafeBufferPointer<UInt8>], _ body: ([UnsafeBufferPointer<UInt8>]) -> R) -> R {
        guard let k = left.first else { return body(texts) }
        return files[k].bytes.withUnsafeBufferPointer { b in
            texts[k] = b
            return withArrays(left.dropFirst(), of: files, &texts, body)
        }
    }

    /// The `apply` lines of payments one after the other, each with its payment: the `k`th
    /// line is found by walking on from the last one found.
    struct LineWalk {
        let payments: UnsafeBufferPointer<Payment>
        /// The line last found, its payment and its place among all the lines.
        var line = 0
        var payment = 0
        var ordinal = 0

        init(_ payments: UnsafeBufferPointer<Payment>) {
            self.payments = payments
            line = payments.isEmpty ? 0 : Int(payments[0].allocationRange.lowerBound)
        }

        /// The `k`th line and its payment; `k` is at least the last one asked for, and less
        /// than the number of lines.
        mutating func at(_ k: Int) -> (line: Int, payment: Int) {
            line += k - ordinal
            ordinal = k
            while line >= Int(payments[payment].allocationRange.upperBound) {
                let beyond = line - Int(payments[payment].allocationRange.upperBound)
                payment += 1
                line = Int(payments[payment].allocationRange.lowerBound) + beyond
            }
            return (line, payment)
        }
    }

    /// Finds `apply` lines' numbers in their files, handing back the pages it has passed.
    struct NumberReader {
        let files: [SourceFile]
        /// The files' bytes, parallel to `files`.
        let texts: [UnsafeBufferPointer<UInt8>]
        /// For each mapped file, begun where this reader first reads it: each half of a large
        /// ledger's lines is read on its own core, and hands back only the pages of its half.
        var behind: [ReleaseBehind?]

        init(_ files: [SourceFile], _ texts: [UnsafeBufferPointer<UInt8>]) {
            self.files = files
            self.texts = texts
            behind = Array(repeating: nil, count: files.count)
        }

        /// The bytes of the number `a` names; `f`: its payment's file. The file, not the
        /// payment: a copy of the payment, for every line, retained and released all of its
        /// strings.
        mutating func number(of a: Allocation, inFile f: Int) -> UnsafeBufferPointer<UInt8> {
            let page = Int(a.line.offset) & ~4095
            if behind[f] == nil, files[f].bytes.isMapped { behind[f] = ReleaseBehind(files[f].bytes, step: LedgerParser.releaseChunk, from: page) }
            behind[f]?.passed(page)
            return Allocation.numberBytes(in: texts[f], line: a.line)
        }
    }

    /// Applies `body` to every element, on several threads when there are many, each with its
    /// own copy of `base`; returns what the parts found, joined in element order.
    static func inParallel<T>(_ array: inout [T], _ base: Resolution, minimum: Int = 50_000, _ body: (inout Resolution, inout T) -> Void) -> [Resolution] {
        inParallel(&array, base, minimum: minimum) { r, part in
            for i in part.indices { body(&r, &part[i]) }
        }
    }

    /// The same, handing `body` each thread's part of the array at once.
    static func inParallel<T>(_ array: inout [T], _ base: Resolution, minimum: Int = 50_000, _ body: (inout Resolution, UnsafeMutableBufferPointer<T>) -> Void) -> [Resolution] {
        let parts = array.count >= minimum ? 2 : 1
        var found = [Resolution](repeating: base, count: parts)
        let count = array.count
        withoutActuallyEscaping(body) { body in
            let work = UnsafeSendable(body)
            array.withUnsafeMutableBufferPointer { elements in
                found.withUnsafeMutableBufferPointer { out in
                    let elements = UnsafeSendable(elements), out = UnsafeSendable(out)
                    DispatchQueue.concurrentPerform(iterations: parts) { k in
                        var r = base
                        r.facts = []
                        work.value(&r, UnsafeMutableBufferPointer(rebasing: elements.value[(count * k / parts)..<(count * (k + 1) / parts)]))
                        out.value[k] = r
                    }
                }
            }
        }
        return found
    }

    /// What resolving a payment reads elsewhere: its client (`ClientsFound`) and,
    /// for a payment that writes no currency, the currency of the invoice its first `apply`
    /// line names (`Resolution.payment` takes it). That invoice lies anywhere in a brief array
    /// far larger than the cache; read one payment at a time, each read waited on memory
    /// while nothing else was asked of it. Read a group at a time, in a pass that does nothing
    /// else, the waits of a group overlap, as in `IDTable.lookUp`.
    struct PaymentReferences {
        static let group = 32
        private var currencies = [Currency?](repeating: nil, count: PaymentReferences.group)
        private var clients = ClientsFound()

        /// Calls `body(k, client, currency)` for every payment, in order; `client` is the
        /// payment's client, nil when none has its id.
        mutating func resolve(_ payments: UnsafeMutableBufferPointer<Payment>, _ clientIndex: IDTable, _ defaults: [ClientDefaults], _ briefs: UnsafeBufferPointer<InvoiceBrief>, _ allocations: UnsafeMutableBufferPointer<Allocation>, _ body: (Int, FoundClient?, Currency?) -> Void) {
            var stretch = 0
            while stretch < payments.count {
                let end = min(stretch + ClientsFound.stretch, payments.count)
                clients.find(end - stretch, in: clientIndex, defaults, ids: IDKeys.View(payments, from: stretch, at: MemoryLayout<Payment>.offset(of: \Payment.client)!))
                var base = stretch
                while base < end {
                    let n = min(PaymentReferences.group, end - base)
                    for j in 0..<n {
                        let lines = payments[base + j].allocationRange
                        currencies[j] = nil
                        if payments[base + j].writtenCurrency == nil, !lines.isEmpty, let first = allocations[Int(lines.lowerBound)].target {
                            currencies[j] = briefs[Int(first)].currency
                        }
                    }
                    for j in 0..<n { body(base + j, clients[base + j - stretch], currencies[j]) }
                    base += n
                }
                stretch = end
            }
        }
    }


    static func index(_ ledger: inout Ledger, _ facts: inout [ResolutionFact]) {
        indexClients(&ledger, &facts)
        let (index, duplicates) = numberIndex(ledger.invoices.map(\.number))
        ledger.invoiceIndex = index
        for (i, first) in duplicates { duplicate(&ledger, i, first, &facts) }
    }

    static func indexClients(_ ledger: inout Ledger, _ facts: inout [ResolutionFact]) {
        let (table, repeats) = IDTable.firsts(ledger.clients.map(\.id))
        ledger.clientIndex = table
        for (i, first) in repeats { facts.append(.clientDefinedTwice(client: i, first: first)) }
    }

    /// The first position of each invoice number, and the (later, first) positions of numbers
    /// used again.
    static func numberIndex(_ numbers: [String]) -> (IDTable, [(Int, Int)]) {
        let (table, repeats) = IDTable.firsts(numbers)
        return (table, repeats)
    }

    static func duplicate(_ ledger: inout Ledger, _ i: Int, _ first: Int, _ facts: inout [ResolutionFact]) {
        ledger.invoices[i].isDuplicate = true
        facts.append(.invoiceNumberUsedTwice(invoice: i, first: first))
    }

    struct Resolution {
        let settings: Settings
        let clients: [Client]
        let clientIndex: IDTable
        /// Parallel to `clients`: what an entry takes from its client.
        let defaults: [ClientDefaults]
        var facts: [ResolutionFact] = []
        var firstMet = FirstMet()
        /// Running sums per currency of invoices and of money received, to keep every later sum
        /// within `maxCurrencyTotal`.
        var invoiced = CurrencySums()
        var received = CurrencySums()
        /// Whether a sum would have passed `maxCurrencyTotal` (`fits`).
        var passedLimit = false
        /// Where the invoices' items are found.
        var itemSource: ItemSource

        /// Where an invoice's items are found.
        enum ItemSource {
            /// In the ledger's items (`Invoice.itemRange`).
            case kept
            /// Not kept: the invoice holds what they add up to (`Invoice.itemTally`), and they are
            /// read again from the file only when that cannot tell the total.
            case tallied
            /// Not kept, and the invoices' tallies already taken (resolved again): read from the
            /// file.
            case inFile
        }

        init(settings: Settings, clients: [Client], clientIndex: IDTable, itemsTallied: Bool = false) {
            self.settings = settings
            self.clients = clients
            self.clientIndex = clientIndex
            itemSource = itemsTallied ? .tallied : .kept
            defaults = clients.map(ClientDefaults.init)
        }

        /// Takes in what copies of this resolution found over parts of the ledger, in order.
        mutating func join(_ parts: [Resolution]) {
            for part in parts {
                facts += part.facts
                firstMet.join(part.firstMet)
            }
        }

        mutating func join(_ part: Resolution) { join([part]) }

        /// Adds `amount` to the running sum of invoices (or of money received) in `c`, or
        /// returns false when that would pass `maxCurrencyTotal`, and the caller reports it
        /// (`passed`). The place is not asked for here: a closure finding it held the files,
        /// retained and released for every invoice and payment.
        mutating func fits(_ amount: Int64, invoice: Bool, _ c: Currency) -> Bool {
            // Each sum read in place: a copy of the chosen `CurrencySums` would retain and release
            // its arrays once for every invoice and payment.
            let sum = (invoice ? invoiced[c] : received[c]) + amount  // both at most 10^18: cannot overflow
            if sum <= LedgerResolver.maxCurrencyTotal {
                if invoice { invoiced[c] = sum } else { received[c] = sum }
                return true
            }
            passedLimit = true
            return false
        }

        /// The sum of invoices (or of money received) in `c` would have passed
        /// `maxCurrencyTotal` at `range` (`fits`).
        mutating func passed(invoice: Bool, _ c: Currency, at range: SourceRange) {
            firstMet.total(of: invoice ? "invoices" : "payments and credits", passed: c, at: range)
        }

        func clientCurrency(_ id: String) -> Currency? { clientIndex[id].flatMap { defaults[$0].currency } }
        func clientTerms(_ id: String) -> Terms? { clientIndex[id].flatMap { defaults[$0].terms } }

        mutating func currency(written: Currency?, client id: String, order: Int, at range: @autoclosure () -> SourceRange) -> Currency {
            currency(written: written, client: clientIndex[id].map { FoundClient(number: $0, defaults: defaults[$0]) }, id, order: order, at: range())
        }

        /// As above, with the client already looked up (nil when unknown).
        /// `id` is read only to report the want of a currency: a copy of a long id is a count
        /// kept on storage that all its client's entries share.
        /// `figures`: the currency the entry's figures write, if any (an invoice's `total 100.00
        /// EUR`): not the entry's own, but what the hint suggests.
        /// `order`: the entry's place among all entries as read, to report the earliest.
        mutating func currency(written: Currency?, client: FoundClient?, _ id: @autoclosure () -> String, order: Int, at range: @autoclosure () -> SourceRange, figures: @autoclosure () -> Currency? = nil) -> Currency {
            if let c = written ?? client?.defaults.currency ?? settings.currency { return c }
            firstMet.noCurrency(for: id(), order: order, at: range(), figures: figures())
            return Currency.unknown
        }

        mutating func precision(_ v: DecimalValue, _ c: Currency, _ range: SourceRange) {
            facts.append(.amountNotHeld(v, c, at: range))
        }

        /// Minor units of `v`, or 0 after reporting why it has none.
        mutating func minor(_ v: DecimalValue, _ c: Currency, _ range: @autoclosure () -> SourceRange) -> Int64 {
            if let m = v.minorUnits(precision: c.precision), m.magnitude <= LedgerResolver.maxMinor.magnitude {
                // Zeros past the currency's decimals are not harmless: `1.200` is as likely
                // 1,200 written the continental way as 1.20. Reported; the value is kept.
                if v.scale > c.precision { precision(v, c, range()) }
                return m
            }
            precision(v, c, range())
            return 0
        }

        /// Whether `written` is another currency than `expected`, which is then recorded (E304).
        @discardableResult
        mutating func mismatch(_ written: Currency?, _ expected: Currency, _ what: String, _ range: @autoclosure () -> SourceRange) -> Bool {
            guard let w = written, w != expected, expected.isKnown else { return false }
            facts.append(.currencyDiffersFromInvoice(what: what, written: w, expected: expected, at: range()))
            return true
        }

        /// Resolves `invoices[range]` in order, their clients looked up a stretch at a time
        /// (`ClientsFound`): one at a time, each lookup waited on memory in turn.
        mutating func invoices(_ invoices: UnsafeMutableBufferPointer<Invoice>, _ range: Range<Int>, _ items: UnsafeBufferPointer<LineItem>, _ files: [SourceFile]) {
            var clients = ClientsFound()
            self.invoices(invoices, range, items, files, clients: &clients)
        }

        /// `invoices` with the clients met lately kept in `clients`, from one block of a
        /// thread's invoices to its next.
        mutating func invoices(_ invoices: UnsafeMutableBufferPointer<Invoice>, _ range: Range<Int>, _ items: UnsafeBufferPointer<LineItem>, _ files: [SourceFile], clients: inout ClientsFound) {
            var base = range.lowerBound
            while base < range.upperBound {
                let n = min(ClientsFound.stretch, range.upperBound - base)
                clients.find(n, in: clientIndex, defaults, ids: IDKeys.View(invoices, from: base, at: MemoryLayout<Invoice>.offset(of: \Invoice.client)!))
                for k in 0..<n { invoice(&invoices[base + k], client: clients[k], items, files) }
                base += n
            }
        }

        /// `client`: the invoice's client, nil when none has its id.
        /// `items`: the ledger's items, of which the invoice's own are priced and added up.
        /// `files`: for the places facts point at, found only when one is recorded. A
        /// parameter, not a field: the places are found while `self` is being changed, and a
        /// field would be copied (retained and released) for every invoice and payment, on
        /// both cores at once.
        mutating func invoice(_ inv: inout Invoice, client: FoundClient?, _ items: UnsafeBufferPointer<LineItem>, _ files: [SourceFile]) {
            // Taken first: it is held in places this sets (`Invoice.itemTally`).
            let tally = itemSource == .tallied ? inv.itemTally : nil
            if tally != nil { inv.itemRange = 0..<0 }
            inv.clientNumber = client.map { Int32($0.number) }
            let itemsKept = itemSource == .kept
            /// The one currency the items write, as a tally keeps it: nil for none or several.
            func itemsCurrency() -> Currency? {
                guard itemsKept else { return tally?.currency }
                let written = Set(items[Int(inv.itemRange.lowerBound)..<Int(inv.itemRange.upperBound)].compactMap(\.currency))
                return written.count == 1 ? written.first : nil
            }
            let cur = currency(written: inv.writtenCurrency, client: client, inv.client, order: inv.order, at: files.header(inv.anchor),
                               figures: inv.writtenTotalCurrency ?? itemsCurrency())
            inv.currency = cur
            if let w = inv.writtenCurrency, let cc = client?.defaults.currency, w != cc {
                facts.append(.invoiceCurrencyDiffersFromClient(number: inv.number, written: w, client: inv.client, clientCurrency: cc, at: files.detail(.currency, of: inv.anchor) ?? files.header(inv.anchor)))
            }
            if let w = inv.compensationCurrency {
                mismatch(w, cur, "the compensation", files.detail(.compensation, of: inv.anchor) ?? files.header(inv.anchor))
            }
            var subtotal: Int128 = 0
            var ok = true
            // An item or total in another currency (E304): the figures cannot be trusted.
            var otherCurrency = false
            /// Prices `items[range]` one by one, recording what is wrong with each.
            func price(_ items: UnsafeBufferPointer<LineItem>, _ range: Range<Int>) {
                for k in range {
                    let item = items[k]
                    if mismatch(item.currency, cur, "an item", files.line(item.line, of: inv.anchor)) { otherCurrency = true }
                    if item.priceLooksGrouped && cur.precision < 3 {
                        facts.append(.priceLooksGrouped(cur, at: files.line(item.line, of: inv.anchor)))
                    }
                    guard let line = item.amount(in: cur) else {
                        facts.append(.itemTooLarge(at: files.line(item.line, of: inv.anchor)))
                        ok = false
                        continue
                    }
                    subtotal += Int128(line)
                }
            }
            let hasItems: Bool
            if let tally, let s = tally.subtotal(in: cur) {
                hasItems = tally.hasItems
                subtotal = Int128(s)
            } else if itemSource == .kept {
                hasItems = !inv.itemRange.isEmpty
                price(items, Int(inv.itemRange.lowerBound)..<Int(inv.itemRange.upperBound))
            } else {
                // Rare: an item to round, in another currency, or too large. Priced as when the
                // items are kept, read again from the file.
                let again = files.items(ofInvoiceAt: inv.anchor)
                hasItems = !again.isEmpty
                again.withUnsafeBufferPointer { price($0, $0.indices) }
            }
            var tax: Int128 = 0
            if let t = inv.tax {
                tax = t.amount(on: subtotal)
            }
            if subtotal + tax > Int128(LedgerResolver.maxMinor) {
                if ok { facts.append(.invoiceTooLarge(number: inv.number, at: inv.numberRange(in: files))) }
                subtotal = 0
                tax = 0
                ok = false
            }
            inv.subtotal = Int64(subtotal)
            inv.taxAmount = Int64(tax)
            if let written = inv.writtenTotal {
                let anchor = inv.anchor
                func r() -> SourceRange { files.detail(.total, of: anchor) ?? files.header(anchor) }
                if mismatch(inv.writtenTotalCurrency, cur, "the total", r()) { otherCurrency = true }
                let w = minor(written, cur, r())
                if !hasItems {
                    // No items: no tax on them either, so the total is what is written.
                    inv.subtotal = w
                    if inv.tax != nil {
                        facts.append(.taxWithoutItems(number: inv.number, at: files.detail(.tax, of: inv.anchor) ?? files.header(inv.anchor)))
                    }
                } else if ok && !otherCurrency && w != inv.total {
                    facts.append(.totalDiffers(number: inv.number, written: w, subtotal: inv.subtotal, tax: inv.tax == nil ? nil : inv.taxAmount, total: inv.total, cur, at: r()))
                }
            }
            if !fits(inv.total, invoice: true, cur) {
                passed(invoice: true, cur, at: inv.numberRange(in: files))
                inv.subtotal = 0
                inv.taxAmount = 0
            }
            inv.figuresInOtherCurrency = otherCurrency
            let terms = inv.terms ?? client?.defaults.terms ?? .net30
            // The due date follows: the `due` line's, else these terms' (`Invoice.resolvedDue`).
            inv.resolvedTerms = terms
            // Whether that due date can be is `DueDateRule`'s to judge (E305, E306, E312).
            // In another currency it is an error of its own (E304), not one of that currency's decimals.
            if let c = inv.compensation, inv.compensationCurrency.map({ $0 == cur }) ?? true {
                _ = minor(c, cur, files.detail(.compensation, of: inv.anchor) ?? files.header(inv.anchor))
            }
        }

        /// An invoice left out for a figure that cannot be read (`Ledger.unreadInvoices`): the
        /// figures it has that can be are judged as any invoice's are, so the same run reports
        /// an item or total in another currency (E304) or a price that may be thousands (W313)
        /// beside the line that cannot be read. It carries no money all the same.
        mutating func unreadInvoice(_ u: UnreadInvoice, _ files: [SourceFile]) {
            guard let anchor = u.anchor, let (inv, items) = files.readableFigures(ofInvoiceAt: anchor),
                  let cur = inv.writtenCurrency ?? clientCurrency(inv.client) ?? settings.currency else { return }
            for item in items {
                mismatch(item.currency, cur, "an item", files.line(item.line, of: anchor))
                if item.priceLooksGrouped && cur.precision < 3 {
                    facts.append(.priceLooksGrouped(cur, at: files.line(item.line, of: anchor)))
                }
            }
            if inv.writtenTotal != nil {
                mismatch(inv.writtenTotalCurrency, cur, "the total", files.detail(.total, of: anchor) ?? files.header(anchor))
            }
        }

        /// `allocations`: the ledger's `apply` lines, of which the payment's own are given
        /// amounts. The lines are linked to their invoices already (`link`). `client`: the
        /// payment's client, nil when none has its id. `named`: the currency
        /// of the invoice its first line names, which a payment takes when it writes none (both
        /// found by `PaymentReferences`).
        mutating func payment(_ p: inout Payment, client: FoundClient?, named: Currency?, _ allocations: UnsafeMutableBufferPointer<Allocation>, _ files: [SourceFile]) {
            let lines = Int(p.allocationRange.lowerBound)..<Int(p.allocationRange.upperBound)
            let written = p.writtenCurrency ?? named
            p.clientNumber = client.map { Int32($0.number) }
            let cur = currency(written: written, client: client, p.client, order: p.order, at: files.header(p.anchor))
            p.currency = cur
            let m = minor(p.amount, cur, p.amountRange(in: files))
            if fits(m, invoice: false, cur) {
                p.resolve(minor: m)
            } else {
                passed(invoice: false, cur, at: p.amountRange(in: files))
                p.resolve(minor: 0)
            }
            for k in lines {
                if let a = allocations[k].amount {
                    allocations[k].resolve(minor: minor(a, cur, files.line(allocations[k].line, of: p.anchor)), precision: cur.precision)
                } else {
                    allocations[k].resolve(minor: nil, precision: cur.precision)
                }
            }
        }

        mutating func writeOff(_ w: inout WriteOff, _ index: IDTable, _ invoices: UnsafeBufferPointer<Invoice>, _ files: [SourceFile]) {
            w.minor = nil
            guard let a = w.amount else { return }
            let cur = index[w.invoice].map { invoices[$0].currency } ?? currency(written: w.writtenCurrency, client: w.client, order: w.order, at: files.header(w.anchor))
            mismatch(w.writtenCurrency, cur, "the write-off", files.header(w.anchor))
            w.minor = minor(a, cur, files.header(w.anchor))
        }

        mutating func plan(_ p: inout PaymentPlan, _ files: [SourceFile]) {
            let cur = currency(written: p.writtenCurrency, client: p.client, order: p.order, at: files.header(p.anchor))
            p.currency = cur
            p.minor = minor(p.amount, cur, files.header(p.anchor))
            for k in p.instalments.indices { p.instalments[k].minor = minor(p.instalments[k].amount, cur, files.line(p.instalments[k].line, of: p.anchor)) }
        }

        mutating func refund(_ r: inout Refund, _ files: [SourceFile]) {
            let cur = currency(written: r.writtenCurrency, client: r.client, order: r.order, at: files.header(r.anchor))
            r.currency = cur
            r.minor = minor(r.amount, cur, files.header(r.anchor))
        }

        mutating func assertion(_ a: inout BalanceAssertion, _ index: IDTable, _ invoices: UnsafeBufferPointer<Invoice>, _ files: [SourceFile]) {
            var written = a.writtenCurrency
            if written == nil, let n = a.invoice, let i = index[n] { written = invoices[i].currency }
            let cur = currency(written: written, client: a.client, order: a.order, at: files.header(a.anchor))
            a.currency = cur
            a.minor = minor(a.amount, cur, a.amountRange(in: files))
        }

        /// `invoiceCurrency`: for a client with no currency of its own, the currency of the
        /// invoices the promise is about (`promiseCurrency`); `unknown` when that cannot be told.
        /// `client`: the place of the note's client, nil when no client has its id.
        mutating func note(_ n: inout ClientNote, client: Int?, invoiceCurrency: Currency?, _ files: [SourceFile]) {
            guard n.promise != nil else { return }
            let found = client.map { FoundClient(number: $0, defaults: defaults[$0]) }
            // Not the settings': a currency the client did not write is not put in their words.
            let cur = invoiceCurrency == .unknown ? Currency.unknown
                : currency(written: n.promise!.writtenCurrency ?? invoiceCurrency, client: found, n.client, order: n.order, at: files.header(n.anchor))
            n.promise!.currency = cur
            // Its minor units are worked out when asked; one that has none is reported here.
            guard let amount = n.promise!.amount, cur.isKnown else { return }
            _ = minor(amount, cur, files.line(n.promise!.line, of: n.anchor))
        }
    }

    /// For each client (by its place), the currencies it is invoiced in, each with the day of
    /// its first invoice in it: a client has one or two, where a list of every invoice held a
    /// million entries to answer a few promises.
    static func invoiceCurrencies(_ briefs: [InvoiceBrief], clients: Int) -> [[(currency: Currency, first: Day)]] {
        var out = [[(currency: Currency, first: Day)]](repeating: [], count: clients)
        for b in briefs {
            guard let k = b.clientNumber.map(Int.init), k < clients, b.currency.isKnown else { continue }
            if let j = out[k].firstIndex(where: { $0.currency == b.currency }) {
                if b.issued < out[k][j].first { out[k][j].first = b.issued }
            } else {
                out[k].append((b.currency, b.issued))
            }
        }
        return out
    }

    /// The currency of a promise with none written, made on `day` by a client with none of its
    /// own (§3.9): the one currency of its invoices issued by that day, which are what the
    /// promise is about, or, none issued by then, of all of them; `unknown` when they are in
    /// several, for the client named none of them; nil when it has no invoices.
    static func promiseCurrency(_ invoiced: [(currency: Currency, first: Day)], madeOn day: Day) -> Currency? {
        let byThen = invoiced.filter { $0.first <= day }
        let among = byThen.isEmpty ? invoiced : byThen
        return among.count > 1 ? .unknown : among.first?.currency
    }

    /// For each client (by its place), the one currency all its invoices are in; nil when it
    /// has none or several.
    static func soleCurrencies(_ briefs: [InvoiceBrief], clients: Int) -> [Currency?] {
        var sole = [Currency?](repeating: nil, count: clients)
        var mixed = [Bool](repeating: false, count: clients)
        for b in briefs {
            guard let k = b.clientNumber.map(Int.init), k < clients, !mixed[k], b.currency.isKnown else { continue }
            if let c = sole[k], c != b.currency {
                mixed[k] = true
                sole[k] = nil
            } else {
                sole[k] = b.currency
            }
        }
        return sole
    }

    /// What is reported once per client or currency however many entries meet it: where each
    /// was first met. Each part of a large ledger keeps its own, and they are joined in order.
    struct FirstMet {
        private var clients: [(id: String, order: Int, range: SourceRange, figures: Currency?)] = []
        /// Each client's place in `clients`.
        private var clientSlot: [String: Int] = [:]
        private var totals: [(what: String, currency: Currency, range: SourceRange)] = []
        private var seen: Set<String> = []

        /// A client none of whose entries, nor the settings, give a currency (E308), placed at
        /// the earliest of its entries as read (`order`): the resolver meets invoices before
        /// payments and plans, not in the order they are written.
        /// `figures`: a currency the entry's figures write, which the hint suggests.
        mutating func noCurrency(for id: String, order: Int, at range: @autoclosure () -> SourceRange, figures: Currency? = nil) {
            guard let k = clientSlot[id] else {
                clientSlot[id] = clients.count
                clients.append((id, order, range(), figures))
                return
            }
            if order < clients[k].order { clients[k] = (id, order, range(), figures) }
        }

        /// The sum of invoices (or of money received) in a currency passing `maxCurrencyTotal` (E302).
        mutating func total(of what: String, passed c: Currency, at range: @autoclosure () -> SourceRange) {
            if seen.insert(what + " " + c.code).inserted { totals.append((what, c, range())) }
        }

        mutating func join(_ other: FirstMet) {
            for c in other.clients { noCurrency(for: c.id, order: c.order, at: c.range, figures: c.figures) }
            for t in other.totals { total(of: t.what, passed: t.currency, at: t.range) }
        }

        var facts: [ResolutionFact] {
            clients.map { .noCurrency(client: $0.id, figures: $0.figures, at: $0.range) }
                + totals.map { .currencyTotalPassed(what: $0.what, $0.currency, at: $0.range) }
        }
    }
}

extension CurrencySums {
    /// Whether these sums and `other`'s, added currency by currency, all stay within
    /// `LedgerResolver.maxCurrencyTotal`.
    func fitsWith(_ other: CurrencySums) -> Bool {
        currencies.allSatisfy { self[$0] + other[$0] <= LedgerResolver.maxCurrencyTotal }
    }
}
