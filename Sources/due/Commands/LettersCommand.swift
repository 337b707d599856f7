import DueKit

struct LettersCommand: Command {
    static let name = "letters"
    static let abstract = "draft today's collection letters beside the ledger"
    static let usage = "due letters [--as-of DATE] [--statement CLIENT] [--dry-run] FILE"
    static let discussion = """
        Decides for each client whether a letter is due on the date and at which stage, and writes
        one Markdown draft per client into the FILE's letters folder (studio.due -> studio.letters/),
        named DATE-CLIENT-STAGE.md, and beside it the letter to print (.html) and, when the client
        and the sender both have an email address, the email (.eml), both made from the draft as
        it stands (with no sender email, every letter is for post: `due check` warns, W433). Untouched
        drafts of earlier runs are moved to the letters folder's superseded/, where due sent
        still takes one that went (statements, made only when asked for, are kept); a draft you have edited is never overwritten. Templates in the
        templates folder (studio.templates/STAGE.txt) replace the built-in letters. A letter that
        would ask again for an invoice a payment's ref says it paid, the money having gone to an
        older one for want of an `apply` line (W425), is held, not drafted: "held …" says which
        `apply` line to write; so is one asking for an invoice that another client's payment
        names in its ref. Exits 1 when
        the ledger or a template has errors (nothing is written then).
        """
    static let options: [OptionSpec] = [
        .asOf("decide as of this date (default today)"),
        .value("statement", "CLIENT", "write only a statement of account for this client"),
        .flag("dry-run", "decide and show what would be written, but write nothing"),
    ]

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        do { asOf = try args.asOf() } catch {
            return refuse(error, &io)
        }
        guard let load = LedgerInput.load(args, command: name, &io) else { return ExitCode.failure }
        let ledger = load.ledger
        if let id = args.value("statement"), ledger.client(id) == nil {
            let hint = Suggestion.nearest(to: id, in: ledger.clients.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
            io.err("due letters: --statement names no client '\(id)'\(hint)\n")
            return ExitCode.failure
        }
        let outcome = Checker.run(load, asOf: asOf)
        let problems = outcome.diagnostics
        if problems.hasErrors {
            var renderer = DiagnosticRenderer(files: ledger.files, color: io.errorColor)
            io.err(renderer.render(problems.filter { $0.severity == .error }))
            io.err("due letters: the ledger has errors; no letters written until they are fixed\n")
            return ExitCode.problems
        }
        let sheet = outcome.sheet(asOf: asOf, ledger: ledger)
        let paths = OutputPaths(ledger: args.positional[0])
        let result: LetterJobResult
        do {
            result = try LetterJob.run(ledger: ledger, sheet: sheet, asOf: asOf, paths: paths, options: LetterJob.Options(statement: args.value("statement"), dryRun: args.flag("dry-run")))
        } catch {
            io.err("due letters: \(error.description)\n")
            return ExitCode.failure
        }
        if !result.diagnostics.isEmpty {
            var renderer = DiagnosticRenderer(files: ledger.files + result.templateFiles, color: io.errorColor)
            io.err(renderer.render(result.diagnostics))
            if result.diagnostics.hasErrors {
                io.err("due letters: fix the template errors above; no letters written\n")
                return ExitCode.problems
            }
        }
        // A letter held for a payment whose ref says another invoice than the one it paid is
        // said loudly, finding and all, on both outputs: it is a letter due that did not go.
        if !result.held.isEmpty {
            var renderer = DiagnosticRenderer(files: ledger.files, color: io.errorColor)
            io.err(renderer.render(result.held.flatMap(\.findings)))
        }
        for h in result.held { io.out("held \(h.words)\n") }
        // Drafts it moved or kept are still said when no letter is due: a draft superseded by
        // a letter recorded since (`due sent` of an earlier one) goes on such a day.
        if result.drafts.isEmpty && result.held.isEmpty {
            io.out("No letters due on \(asOf).\n")
        }
        let width = result.drafts.map { $0.kind.rawValue.count }.max() ?? 0
        for d in result.drafts {
            let note = d.kind == .keptEdited ? (d.outOfDate ? " (you edited it: left alone; out of date)" : " (you edited it: left alone)") : ""
            io.out("\(d.kind.rawValue.padding(width + 1))\(d.path)\(note)\n    \(d.title): \(d.reason)\n")
            if d.outOfDate, let lacking = d.lacking {
                io.out("    not ready to send: \(LetterJob.lackingWords(lacking)); check it, or delete it to have it drafted again\n")
            } else if d.outOfDate {
                io.out("    not ready to send: the ledger has changed since it was drafted; check its figures, or delete it to have it drafted again\n")
            } else if d.unrecordable {
                io.out("    \(LetterJob.unrecordableWords)\n")
            } else if !d.forms.isEmpty {
                io.out("    to send: " + d.forms.map(FileSystem.fileName).joined(separator: ", ") + "\n")
            }
        }
        for c in result.choices where c.courtesyNotNeeded { io.out("no courtesy note for \(c.client): \(c.reason)\n") }
        for s in result.superseded { io.out("moved \(s.path) to superseded/: \(s.words)\n") }
        for path in result.orphansRemoved { io.out("removed \(path) (its draft was deleted)\n") }
        for path in result.edited { io.out("kept \(path): an earlier draft you edited; record it with 'due sent' or delete it\n") }
        for path in result.editedUnrecordable { io.out("kept \(path): an earlier draft you edited; \(LetterJob.unrecordableWords)\n") }
        for (path, why) in result.editedOvertaken { io.out("kept \(path): \(LetterJob.overtakenWords(why))\n") }
        for (path, why) in result.editedOutOfDate { io.out("kept \(path): a draft you edited, which the ledger no longer bears out (\(LetterJob.staleWords(why))); check it, or delete it to have due draft again\n") }
        let kept = result.drafts.filter { $0.kind == .keptEdited }
        if !kept.isEmpty {
            io.out("\(kept.count) edited draft\(kept.count == 1 ? " was" : "s were") left alone; delete \(kept.count == 1 ? "it" : "them") to have due draft again.\n")
        }
        // A ledger made by `due import` has no sender: the drafts would go out unsigned.
        if ledger.sender == nil {
            io.out("note: the ledger has no `sender` entry, so the drafts have no letterhead, signature or bank details (grammar.md §3.3)\n")
        }
        return ExitCode.ok
    }
}
