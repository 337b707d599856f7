/// Everything about one client up to the as-of date that the stage choice, the letters and the
/// agenda read: open invoices (from the balance sheet), letters sent, notes, plans, disputes.
/// Entries dated after the as-of date are left out, so a past date sees the past as it was.
public struct ClientStory: Sendable {
    public let client: Client
    public let asOf: Day
    /// Indices into `ledger.invoices` of the client's issued invoices with money open, oldest first.
    public let open: [Int]
    /// Indices of the client's issued invoices, open or not.
    public let issued: [Int]
    /// Each list is in date order (as written within a day), read in place in the ledger.
    public let letters: EntrySelection<LetterSent>
    public let notes: EntrySelection<ClientNote>
    public let plans: EntrySelection<PaymentPlan>
    /// The client's payments (not credits) up to the as-of date.
    public let payments: EntrySelection<Payment>
    /// The client's credit notes up to the as-of date.
    public let credits: EntrySelection<Payment>
    /// The client's write-offs up to the as-of date: a letter asks of them for each client, and
    /// a search of the ledger's for each letter grew with letters × write-offs.
    public let writeOffs: EntrySelection<WriteOff>
    /// The client's payments that came back unpaid by the as-of date (3.6), taken out of
    /// `payments`: no money, but the client was heard from when they made them.
    public let returned: EntrySelection<PaymentReturn>
    /// Open invoice number → the note that disputed it, for disputes not yet resolved.
    public let openDisputes: [String: ClientNote]
    /// The client's latest promise to pay, unless a payment plan agreed on a later day about
    /// the money it promised took its place (`PaymentPlan.replaces`).
    public let latestPromise: ClientNote?

    /// One client's story. Scans every entry of the ledger: to tell the story of every client,
    /// use `all`, which reads the ledger once.
    public init(client: Client, ledger: Ledger, sheet: BalanceSheet) {
        var issued: [Int] = []
        for i in ledger.invoices.indices where sheet.invoices[i].issued && ledger.invoices[i].client == client.id { issued.append(i) }
        let asOf = sheet.asOf
        func picked<T>(_ list: [T], _ keep: (T) -> Bool) -> [Int32] {
            list.indices.filter { keep(list[$0]) }.map { Int32($0) }
        }
        self.init(
            client: client, ledger: ledger, sheet: sheet, issued: issued,
            letters: picked(ledger.letters) { $0.client == client.id && $0.date <= asOf },
            notes: picked(ledger.notes) { $0.client == client.id && $0.date <= asOf },
            plans: picked(ledger.plans) { $0.client == client.id && $0.date <= asOf },
            payments: picked(ledger.payments) { $0.client == client.id && !$0.isCredit && $0.date <= asOf },
            credits: picked(ledger.payments) { $0.client == client.id && $0.isCredit && $0.date <= asOf },
            writeOffs: picked(ledger.writeOffs) { $0.client == client.id && $0.date <= asOf },
            returned: picked(ledger.returns) { Self.isReturned($0, asOf: asOf) && $0.paid?.client == client.id })
    }

    /// Whether a `returned` line had taken its payment out by `asOf` (one returned later still
    /// stands as a payment then).
    static func isReturned(_ r: PaymentReturn, asOf: Day) -> Bool { r.takenOut && r.date <= asOf && r.paid != nil }

    /// From the indices of the client's own entries in the ledger's lists, in any order: they
    /// are put in date order here. A caller that gathered them in order may say so, and spare
    /// the check, which reads each entry again from wherever it lies: `open`, the open invoices
    /// of `issued` in its order, when `issued` is known to be in date order; `paymentsInOrder`
    /// and `creditsInOrder`, when those are.
    init(client: Client, ledger: Ledger, sheet: BalanceSheet, issued: [Int], open knownOpen: [Int]? = nil, letters: [Int32], notes: [Int32], plans: [Int32], payments: [Int32], paymentsInOrder: Bool = false, credits: [Int32], creditsInOrder: Bool = false, writeOffs: [Int32], returned: [Int32]) {
        self.client = client
        let asOf = sheet.asOf
        self.asOf = asOf
        func before(_ a: Int, _ b: Int) -> Bool {
            let x = ledger.invoices[a].issued, y = ledger.invoices[b].issued
            return x != y ? x < y : ledger.invoices[a].order < ledger.invoices[b].order
        }
        // Invoices gathered in the ledger's order are nearly always in date order already:
        // checked in one pass rather than moved through a sort.
        if let knownOpen {
            self.issued = issued
            open = knownOpen
        } else {
            self.issued = zip(issued, issued.dropFirst()).contains { before($0.1, $0.0) } ? issued.sorted(by: before) : issued
            // `self.`: the parameter `issued` is the list as gathered, in the ledger's order.
            open = self.issued.filter { sheet.invoices[$0].open > 0 }
        }
        // `key` reads the date and place of the entry at an index: the fields alone, not a
        // copy of the whole entry per comparison.
        func byDate<T>(_ all: [T], _ picked: [Int32], inOrder: Bool = false, _ key: (Int) -> (Day, Int)) -> EntrySelection<T> {
            if inOrder { return EntrySelection(all, picked) }
            // Ledgers are mostly written in date order: a sorted list is kept as it is rather
            // than moved through a sort.
            var sorted = true
            for k in picked.indices.dropFirst() where key(Int(picked[k])) < key(Int(picked[k - 1])) {
                sorted = false
                break
            }
            if sorted { return EntrySelection(all, picked) }
            return EntrySelection(all, picked.sorted { key(Int($0)) < key(Int($1)) })
        }
        self.letters = byDate(ledger.letters, letters) { (ledger.letters[$0].date, ledger.letters[$0].order) }
        self.notes = byDate(ledger.notes, notes) { (ledger.notes[$0].date, ledger.notes[$0].order) }
        self.plans = byDate(ledger.plans, plans) { (ledger.plans[$0].date, ledger.plans[$0].order) }
        self.payments = byDate(ledger.payments, payments, inOrder: paymentsInOrder) { (ledger.payments[$0].date, ledger.payments[$0].order) }
        self.credits = byDate(ledger.payments, credits, inOrder: creditsInOrder) { (ledger.payments[$0].date, ledger.payments[$0].order) }
        self.writeOffs = byDate(ledger.writeOffs, writeOffs) { (ledger.writeOffs[$0].date, ledger.writeOffs[$0].order) }
        // In the order the payments were made, as the payments are.
        self.returned = byDate(ledger.returns, returned) { (ledger.returns[$0].paid!.date, ledger.returns[$0].paid!.order) }
        var disputes: [String: ClientNote] = [:]
        if !sheet.disputes.isEmpty {
            for i in open {
                let number = ledger.invoices[i].number
                if let d = sheet.openDispute(number) { disputes[number] = ledger.notes[d.note] }
            }
        }
        openDisputes = disputes
        let promised = self.notes.last { $0.promise != nil }
        let agreed = self.plans
        latestPromise = promised.flatMap { n in agreed.contains { $0.replaces(n, ledger: ledger) } ? nil : n }
    }

    /// The story of every client defined in the ledger (first definition of each id), in
    /// client-id order. Each entry is read once and handed to its client, so the cost grows
    /// with the ledger, not with clients × entries.
    public static func all(_ ledger: Ledger, sheet: BalanceSheet) -> [ClientStory] {
        var defined: [Int] = []
        for (k, c) in ledger.clients.enumerated() where ledger.clientIndex[c.id] == k { defined.append(k) }
        defined.sort { ledger.clients[$0].id < ledger.clients[$1].id }
        let table = IDTable(defined.map { ledger.clients[$0].id })
        let n = defined.count
        let asOf = sheet.asOf
        // The invoices and payments, a million each on a large ledger, are found in the
        // ledger's order and grouped by client once all are found (`ClientGroups`); the few
        // letters, notes and plans are added to each client's list as they come.
        var issued: [(client: Int32, value: Int)] = []
        issued.reserveCapacity(ledger.invoices.count)
        var open: [(client: Int32, value: Int)] = []
        var payments: [(client: Int32, value: Int32)] = []
        payments.reserveCapacity(ledger.payments.count)
        var credits: [(client: Int32, value: Int32)] = []
        var letters = [[Int32]](repeating: [], count: n)
        var notes = [[Int32]](repeating: [], count: n)
        var plans = [[Int32]](repeating: [], count: n)
        var writeOffs = [[Int32]](repeating: [], count: n)
        var returned = [[Int32]](repeating: [], count: n)
        // A client the resolver found is known by its place in `ledger.clients` (its first
        // definition), which names its slot without hashing the id.
        var slotOfClient = [Int?](repeating: nil, count: ledger.clients.count)
        for (s, k) in defined.enumerated() { slotOfClient[k] = s }
        // Entries of one client often follow each other; remembering the last id found saves
        // most lookups.
        var lastID = "", lastSlot: Int? = nil
        func slot(_ id: String) -> Int? {
            if id == lastID { return lastSlot }
            lastID = id
            lastSlot = table.index(id)
            return lastSlot
        }
        // Whether each client's invoices and payments come in date order, and which invoices
        // are open, seen here as the ledger is read in order: asked later of each client's
        // lists, it read every entry again from wherever it lies.
        var lastIssued = [(day: Day, order: Int)?](repeating: nil, count: n)
        var issuedInOrder = [Bool](repeating: true, count: n)
        for i in ledger.invoices.indices where sheet.invoices[i].issued {
            let number = ledger.invoices[i].clientNumber
            guard let s = number.map({ slotOfClient[Int($0)] }) ?? slot(ledger.invoices[i].client) else { continue }
            let key = (day: ledger.invoices[i].issued, order: ledger.invoices[i].order)
            if let last = lastIssued[s], key < last { issuedInOrder[s] = false }
            lastIssued[s] = key
            issued.append((Int32(s), i))
            if sheet.invoices[i].open > 0 { open.append((Int32(s), i)) }
        }
        for k in ledger.letters.indices where ledger.letters[k].date <= asOf {
            if let s = slot(ledger.letters[k].client) { letters[s].append(Int32(k)) }
        }
        for k in ledger.notes.indices where ledger.notes[k].date <= asOf {
            if let s = slot(ledger.notes[k].client) { notes[s].append(Int32(k)) }
        }
        for k in ledger.plans.indices where ledger.plans[k].date <= asOf {
            if let s = slot(ledger.plans[k].client) { plans[s].append(Int32(k)) }
        }
        for k in ledger.writeOffs.indices where ledger.writeOffs[k].date <= asOf {
            if let s = slot(ledger.writeOffs[k].client) { writeOffs[s].append(Int32(k)) }
        }
        for k in ledger.returns.indices where isReturned(ledger.returns[k], asOf: asOf) {
            if let s = slot(ledger.returns[k].paid!.client) { returned[s].append(Int32(k)) }
        }
        var lastPayment = [(day: Day, order: Int)?](repeating: nil, count: n), lastCredit = lastPayment
        var paymentsInOrder = [Bool](repeating: true, count: n), creditsInOrder = paymentsInOrder
        for k in ledger.payments.indices where ledger.payments[k].date <= asOf {
            let number = ledger.payments[k].clientNumber
            guard let s = number.map({ slotOfClient[Int($0)] }) ?? slot(ledger.payments[k].client) else { continue }
            let key = (day: ledger.payments[k].date, order: ledger.payments[k].order)
            if ledger.payments[k].isCredit {
                if let last = lastCredit[s], key < last { creditsInOrder[s] = false }
                lastCredit[s] = key
                credits.append((Int32(s), Int32(k)))
            } else {
                if let last = lastPayment[s], key < last { paymentsInOrder[s] = false }
                lastPayment[s] = key
                payments.append((Int32(s), Int32(k)))
            }
        }
        let issuedOf = ClientGroups(issued, count: n), openOf = ClientGroups(open, count: n)
        let paymentsOf = ClientGroups(payments, count: n), creditsOf = ClientGroups(credits, count: n)
        var out: [ClientStory] = []
        out.reserveCapacity(n)
        for s in 0..<n {
            out.append(ClientStory(
                client: ledger.clients[defined[s]], ledger: ledger, sheet: sheet, issued: Array(issuedOf[s]), open: issuedInOrder[s] ? Array(openOf[s]) : nil,
                letters: letters[s], notes: notes[s], plans: plans[s], payments: Array(paymentsOf[s]), paymentsInOrder: paymentsInOrder[s],
                credits: Array(creditsOf[s]), creditsInOrder: creditsInOrder[s], writeOffs: writeOffs[s], returned: returned[s]))
        }
        return out
    }

    /// Letters that count as contact (a statement on request does not move the ladder).
    public var contactLetters: [LetterSent] { letters.filter(ClientStory.isContact) }

    static func isContact(_ letter: LetterSent) -> Bool { letter.stage != .statement }

    /// Found from the end: the stage choice asks it of every client, and gathering all the
    /// contact letters to take the last copied each one.
    public var lastLetter: LetterSent? { letters.last(where: ClientStory.isContact) }

    /// Notes recording a contact with the client (not notes for the file).
    public var contacts: [ClientNote] { notes.filter(\.isContact) }

    /// What was last heard from the client: a contact, or a payment (paying is answering),
    /// one that came back unpaid on `back` among them (3.6): the client acted when they made it.
    public enum Reply: Sendable {
        case contact(ClientNote)
        case payment(Payment)
        case returned(Payment, back: Day)
        /// A payment plan agreed with the client: they answered us to agree it (7.2).
        case plan(PaymentPlan)

        public var date: Day {
            switch self {
            case .contact(let n): n.date
            case .payment(let p), .returned(let p, _): p.date
            case .plan(let p): p.date
            }
        }

        public var order: Int {
            switch self {
            case .contact(let n): n.order
            case .payment(let p), .returned(let p, _): p.order
            case .plan(let p): p.order
            }
        }
    }

    /// The last reply to a chase of the invoices `numbers` (nil: of everything), and what it
    /// was: a contact whose only business was a query about other invoices (raised or settled)
    /// did not answer it, nor did a payment for other work alone. The one source of "last
    /// heard from" (`lastHeard`, about everything). A payment that came back unpaid counts as
    /// one (3.6), as it does for the ladder's count of letters unanswered (`lastAnswer`): a letter
    /// that said it had not heard from the client since an earlier call would deny the cheque
    /// they sent after it.
    public func lastHeard(about numbers: Set<String>?, ledger: Ledger? = nil) -> Reply? {
        let word = lastWord(about: numbers)
        let indices = Self.indices(of: numbers, ledger: ledger)
        let answers = { (p: Payment) in Self.answers(p, about: indices, ledger: ledger) }
        let money = lastPayment(after: word, where: answers).map(Reply.payment)
        let back = returned.last { answers($0.paid!) }.map { Reply.returned($0.paid!, back: $0.date) }
        return Self.latest([money, back, word])
    }

    /// The client's last word answering letters about `numbers` (any, when nil): a contact
    /// note that answers them (`answers`), or a payment plan agreed with them, which they
    /// agreed by answering us, as in a call (7.2). The one source of the client's words for
    /// every count of replies: a plan agreed after two letters leaves them answered.
    func lastWord(about numbers: Set<String>?) -> Reply? {
        Self.latest([notes.last { Self.answers($0, about: numbers) }.map(Reply.contact), plans.last { Self.answers($0, about: numbers) }.map(Reply.plan)])
    }

    /// The client's last payment, whatever it paid, one that came back unpaid among them (3.6).
    public var lastPaid: Reply? {
        Self.latest([payments.last.map(Reply.payment), returned.last.map { Reply.returned($0.paid!, back: $0.date) }])
    }

    /// The latest of `replies`, by date then as written.
    static func latest(_ replies: [Reply?]) -> Reply? {
        replies.compactMap { $0 }.max { ($0.date, $0.order) < ($1.date, $1.order) }
    }

    /// The last of the client's payments that `answers`, among those after `word` (by date,
    /// then as written): one before it cannot be the later reply. The scan stops there, as each
    /// payment is read from wherever it lies in a large ledger, and a client who paid only
    /// other work since was read back to their first payment.
    func lastPayment(after word: Reply?, where answers: (Payment) -> Bool) -> Payment? {
        for p in payments.reversed() {
            if let word, (p.date, p.order) < (word.date, word.order) { return nil }
            if answers(p) { return p }
        }
        return nil
    }

    /// `lastHeard`, by date then as written.
    public func lastReply(about numbers: Set<String>?, ledger: Ledger? = nil) -> (date: Day, order: Int)? {
        lastHeard(about: numbers, ledger: ledger).map { ($0.date, $0.order) }
    }

    /// The last answer to the ladder letters `episode` about the chased invoices `chased`
    /// (`numbers` being those and every invoice the letters named, nil: everything), for the
    /// ladder's count of letters left unanswered, which the letters recite; not for what holds
    /// the next letter, nor for "last heard from" (`lastHeard`, about everything). A payment answers them only when it went
    /// towards a chased invoice, or one the ladder letter before it asked for, as money counts
    /// towards them (`StageChooser.lastPaidTowards`): a plan's instalment on work last asked for
    /// before the plan is the plan being kept, not an answer to the letters since about other
    /// work (7.2). A payment that came back unpaid (3.6) still answered the letters before it:
    /// the client acted on them, and only the money is undone.
    public func lastAnswer(to episode: [LetterSent], chased: Set<String>, about numbers: Set<String>?, ledger: Ledger) -> (date: Day, order: Int)? {
        let word = lastWord(about: numbers)
        let indices = Self.indices(of: numbers, ledger: ledger)
        let demands = letters.filter { $0.stage == .demand }
        func answersLetters(_ p: Payment) -> Bool {
            if paysDemanded(p, demands: demands, ledger: ledger) { return true }
            guard Self.answers(p, about: indices, ledger: ledger) else { return false }
            guard let before = episode.last(where: { ($0.date, $0.order) < (p.date, p.order) }), !before.invoices.isEmpty else { return true }
            let lines = ledger.allocations(of: p)
            return lines.isEmpty || lines.contains { a in
                guard let t = a.target else { return true }
                let n = ledger.invoices[Int(t)].number
                return chased.contains(n) || before.invoices.contains(n)
            }
        }
        let money = lastPayment(after: word, where: answersLetters).map(Reply.payment)
        let back = returned.last { answersLetters($0.paid!) }.map { Reply.returned($0.paid!, back: $0.date) }
        return Self.latest([money, back, word]).map { ($0.date, $0.order) }
    }

    /// What holds the next letter on the ladder, of the replies since `letter` (7.2): the first
    /// word from the client, and any payment since, whichever came later. Later calls or emails
    /// with no money do not hold it again: a client who rings every fortnight without paying
    /// would otherwise stop the letters for good. (A promise holds letters by itself.)
    public func replyHolding(after letter: LetterSent?, about numbers: Set<String>?, ledger: Ledger? = nil) -> Day? {
        let from = letter.map { ($0.date, $0.order) }
        func since(_ d: Day, _ o: Int) -> Bool { from.map { (d, o) > $0 } ?? true }
        let note = notes.first { since($0.date, $0.order) && Self.answers($0, about: numbers) }?.date
        let plan = plans.first { since($0.date, $0.order) && Self.answers($0, about: numbers) }?.date
        let word = [note, plan].compactMap { $0 }.min()
        let indices = Self.indices(of: numbers, ledger: ledger)
        let demands = ledger == nil ? [] : letters.filter { $0.stage == .demand }
        let money = payments.last { p in
            since(p.date, p.order) && (Self.answers(p, about: indices, ledger: ledger) || ledger.map { paysDemanded(p, demands: demands, ledger: $0) } ?? false)
        }?.date
        return [word, money].compactMap { $0 }.max()
    }

    /// Whether payment `p` went to an invoice that a formal demand sent before it asked for
    /// (one recorded with no invoices asked for all that was past due on its day). Money
    /// towards the demanded debt is the client engaging with it: it answers our letters about
    /// their other invoices beside the demand as a reply does, and holds the next one back
    /// (7.2), so the ladder does not go on as if they were silent.
    func paysDemanded(_ p: Payment, demands: [LetterSent], ledger: Ledger) -> Bool {
        let before = demands.filter { ($0.date, $0.order) < (p.date, p.order) }
        guard !before.isEmpty else { return false }
        return ledger.allocations(of: p).contains { a in
            guard let t = a.target else { return false }
            let invoice = ledger.invoices[Int(t)]
            return before.contains { d in d.invoices.isEmpty ? invoice.due < d.date : d.invoices.contains(invoice.number) }
        }
    }

    /// Whether a note is the client answering letters about `numbers` (any letter, when nil): a
    /// contact, not one whose only business was a query about other work.
    static func answers(_ n: ClientNote, about numbers: Set<String>?) -> Bool {
        guard n.isContact else { return false }
        guard let numbers else { return true }
        let named = n.disputes.map(\.invoice) + n.resolutions.map(\.invoice)
        return named.isEmpty || n.promise != nil || named.contains(where: numbers.contains)
    }

    /// Whether a plan agreed is the client answering letters about `numbers` (any letter, when
    /// nil): one for the whole balance (no `for`) is, and one naming an invoice among them; one
    /// for other work alone is not, as a query about other work alone is not.
    static func answers(_ plan: PaymentPlan, about numbers: Set<String>?) -> Bool {
        guard let numbers else { return true }
        return plan.invoices.isEmpty || plan.invoices.contains(where: numbers.contains)
    }

    /// Whether a payment answers letters about `numbers`: unless all it paid was other work (an
    /// invoice issued since, paid on time, or work not yet invoiced, a deposit): a client who
    /// pays new work promptly while leaving the one asked for has not answered for it.
    static func answers(_ p: Payment, about numbers: Set<String>?, ledger: Ledger?) -> Bool {
        answers(p, about: indices(of: numbers, ledger: ledger), ledger: ledger)
    }

    /// `answers` with the invoices as the ledger's indices: a client's payments are asked one
    /// after another, and hashing each `apply` line's number again cost more than the rest.
    /// A deposit (`on-account`, 3.6) is money for work not yet invoiced: it answers letters
    /// about open invoices only by what its `apply` lines pay them, however it is asked.
    static func answers(_ p: Payment, about indices: Set<Int>?, ledger: Ledger?) -> Bool {
        guard let ledger else { return true }
        let lines = ledger.allocations(of: p)
        if p.onAccount { return lines.contains { a in a.target.map { indices?.contains(Int($0)) ?? true } ?? true } }
        guard let indices else { return true }
        return lines.isEmpty || lines.contains { a in a.target.map { indices.contains(Int($0)) } ?? true }
    }

    /// The indices of the invoices `numbers` names (nil: every invoice, or no ledger to look in).
    static func indices(of numbers: Set<String>?, ledger: Ledger?) -> Set<Int>? {
        guard let numbers, let ledger else { return nil }
        return Set(numbers.compactMap { ledger.invoiceIndex[$0] })
    }

    /// The client's last word or payment, by date then as written: what counts as a reply.
    public var lastReply: (date: Day, order: Int)? { lastReply(about: nil) }

    /// The last thing heard from the client, whatever it was about: what a letter names when it
    /// says when it last heard from them (a payment for other work is hearing from them too),
    /// so no two letters, nor two sentences of one, name different things.
    public var lastHeard: Reply? { lastHeard(about: nil) }

    /// The invoices a letter showed in its table: every one issued by its date and not settled
    /// before it. A dispute acknowledgement names only the disputed invoices but shows these.
    public func shown(by letter: LetterSent, ledger: Ledger, sheet: BalanceSheet) -> [Int] {
        issued.filter { ledger.invoices[$0].issued <= letter.date && (sheet.invoices[$0].settled.map { $0 > letter.date } ?? true) }
    }

    /// The numbers of the invoices a letter told the client about: those it named, or, for a
    /// dispute acknowledgement (which names the disputed invoices only), the whole account it
    /// set out.
    public func told(by letter: LetterSent, ledger: Ledger, sheet: BalanceSheet) -> [String] {
        letter.stage == .dispute ? shown(by: letter, ledger: ledger, sheet: sheet).map { ledger.invoices[$0].number } : Array(letter.invoices)
    }

    /// Notes written after `letter` (same day counts when written below it).
    public func notes(after letter: LetterSent?) -> [ClientNote] {
        guard let l = letter else { return Array(notes) }
        return notes.filter { ($0.date, $0.order) > (l.date, l.order) }
    }

    /// The latest promise that still held when `letter` went, or was made after it: a
    /// promise made before a letter (drafted before the call, sent after it) whose day had not
    /// come is not ended by it (7.2).
    public func promise(standingAfter letter: LetterSent?) -> ClientNote? {
        guard let n = latestPromise else { return nil }
        guard let l = letter, (n.date, n.order) < (l.date, l.order) else { return n }
        return n.promise!.lastDay >= l.date ? n : nil
    }

    public func payments(after letter: LetterSent?) -> [Payment] {
        guard let l = letter else { return Array(payments) }
        return payments.filter { ($0.date, $0.order) > (l.date, l.order) }
    }
}

extension ClientStory {
    /// What was written off invoice `i`, split as letters must tell it, as the balance engine
    /// judged each write-off on its day (3.8): `waived`, with the client's knowledge (a
    /// `waived` write-off, or part of an invoice the client disputed, waived to settle the
    /// query: an agreed reduction, as a credit note would be); `lost`, the user's own loss, of
    /// which no letter speaks and which letters still ask for.
    public func writtenOff(_ i: Int, ledger: Ledger, sheet: BalanceSheet) -> (waived: Int64, lost: Int64) {
        let b = sheet.invoices[i]
        return (b.waived, b.lost)
    }

    /// Whether write-off `k` (an index into `ledger.writeOffs`) took off a sum the client knows
    /// was waived, as the engine judged it (see `writtenOff`); not one that took nothing.
    public static func isWaived(_ k: Int, sheet: BalanceSheet) -> Bool {
        k < sheet.writtenOff.count && sheet.writtenOff[k] > 0 && !sheet.lossWriteOffs.contains(k)
    }
}
