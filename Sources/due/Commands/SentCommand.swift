import DueKit

struct SentCommand: Command {
    static let name = "sent"
    static let abstract = "record the letters you sent: append their letter entries to the ledger"
    static let usage = "due sent [--as-of DATE] FILE DRAFT...  |  due sent [--as-of DATE] FILE --all"
    static let discussion = """
        For each draft named (or, with --all, the newest draft of each client in the letters
        folder that no recorded letter has overtaken; none of a client's beside an older draft
        you edited: name the one you sent), appends to FILE the `letter` entry it stands for, in canonical layout: the
        draft's date (the as-of it was drafted for, whatever --as-of says), the client, the stage, the invoices it covers, and the channel (email when
        an .eml was made and the client takes email, otherwise post). Only appends: every byte
        already in FILE stays as it is. Then moves the drafts, with their .eml and .html made
        again from the draft as it stands, to the letters folder's sent/. Refuses, writing nothing (exit 1), when the ledger has errors, a
        draft is unknown or already recorded, or the ledger changed since the draft was made in
        a way that changes that letter on its date (run `due letters` again then). When what
        stands in the way is a letter to the client recorded since the draft was made (a later
        one, or an older one the ladder has moved on from), it gives the letter entry to add
        by hand if the draft went, and why it cannot add it itself. A letter
        whose invoices were paid, credited, written off or disputed after its date is recorded
        (it went on that date), with a note saying what changed, in case it has not gone yet.
        A draft of an earlier day than --as-of (default today) that asks for payment by a date
        three working days off or fewer, or past, is recorded with a note saying so.
        With --all, drafts a later run moved to superseded/ that no letter in the ledger stands
        for are named last, each with its date and stage and how to record it if it went; and a
        letter due on --as-of that is held (a payment's ref names an invoice its money did not
        pay, W425) to a client with no draft is named ("Held: …"), with why.
        """
    static let options: [OptionSpec] = [
        .flag("all", "record the newest draft of every client in the letters folder"),
        .asOf("the day you send them (default today): a draft of an earlier day whose pay-by date is near or past is noted"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let today: Day
        do { today = try args.asOf() } catch { return refuse(error, &io) }
        guard let ledgerPath = args.positional.first else {
            io.err("due sent: which ledger? Give the path of a .due file, then the drafts sent.\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let drafts = Array(args.positional.dropFirst())
        let all = args.flag("all")
        if all == !drafts.isEmpty {
            io.err(all ? "due sent: name the drafts or give --all, not both\n" : "due sent: which drafts? Name them, or give --all for every current draft\nusage: \(usage)\n")
            return ExitCode.failure
        }
        let load: LoadResult
        do { load = try LedgerLoader.load(path: ledgerPath, mapped: false) } catch {
            io.err("due sent: \(error.description)\n")
            return ExitCode.failure
        }
        // The returned payments are taken out by SentJob, as of each draft's date (grammar 3.6).
        let outcome: SentJob.Outcome
        do { outcome = try SentJob.run(load: load, ledgerPath: ledgerPath, drafts: all ? nil : drafts, today: today) } catch {
            io.err("due sent: \(error.description)\n")
            return ExitCode.failure
        }
        if !outcome.errors.isEmpty {
            ReportArguments.printErrors(outcome.errors, load, &io)
            io.err("due sent: nothing recorded\n")
            return ExitCode.problems
        }
        for r in outcome.refusals { io.err("due sent: \(r.draft): \(r.reason)\n" + (r.handEntry ?? "")) }
        if outcome.refused {
            io.err("due sent: nothing recorded\n")
            return ExitCode.problems
        }
        for s in outcome.skipped { io.out("Skipped \(s.draft): \(s.reason)\n" + (s.handEntry ?? "")) }
        // A letter due today that is held has no draft to pass over: named all the same.
        for h in outcome.held { io.out("Held: \(h.words)\n") }
        // Said last, after what was recorded: a letter recorded in this run is one of those
        // the drafts set aside are told against.
        defer { for a in outcome.aside { io.out("Not recorded: \(a.draft), \(a.reason)\n" + (a.handEntry ?? "")) } }
        if outcome.recorded.isEmpty {
            io.out("No drafts to record.\n")
            return ExitCode.ok
        }
        io.out("Recorded in \(ledgerPath):\n")
        for r in outcome.recorded {
            io.out("  \(r.fields.asOf) letter \(r.fields.client) \(r.fields.stage.rawValue) (\(r.channel))\n")
            if let note = r.note { io.out("    Note: \(note)\n") }
            if let since = r.since { io.out("    \(SentJob.overtakenNote(since))\n") }
        }
        let n = outcome.recorded.count
        io.out("Moved \(n == 1 ? "the draft" : "\(n) drafts") to \(FileSystem.directory(of: outcome.recorded[0].movedTo))/\n")
        return ExitCode.ok
    }
}
