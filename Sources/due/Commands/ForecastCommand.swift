import DueKit

struct ForecastCommand: Command {
    static let name = "forecast"
    static let abstract = "expected receipts per week: when the money owed will come in"
    static let usage = "due forecast [--as-of DATE] [--weeks N] [--format F] [--backtest YEAR] [-o FILE [--force]] FILE"
    static let discussion = """
        Spreads what each open invoice still owes over the coming weeks, per currency: on a
        live promise's date for what it covers, on a payment plan's instalment dates, otherwise
        on the due date shifted by how the client has paid its recent invoices (the ledger-wide
        median for a client with none paid). Disputed invoices and those a formal demand was
        sent about are kept apart as at risk. Weeks + later + at risk - credit on account is
        what the aging says is owed.
        --backtest YEAR tries the forecast on the ledger's own past instead: at each month-end
        of YEAR it forecasts the next 4 weeks (or --weeks) from what was known then and compares
        with the money that came in, beside the naive forecast "paid on the due date".
        Prints to stdout, or with -o writes FILE (an existing one only with --force, never
        the ledger or a file it includes). Exits 1 without a report when the ledger has errors.
        """
    static let options: [OptionSpec] = [
        .asOf("forecast from this date (default today); later entries are ignored"),
        .number("weeks", "N", "how many weeks to forecast (default 8; 4 with --backtest)", atLeast: 1),
        ReportArguments.format,
        .number("backtest", "YEAR", "forecast from each month-end of YEAR and compare with what came in", atLeast: 1),
    ] + ReportOutput.options

    static func run(_ args: ParsedArguments, _ io: inout Output) -> Int32 {
        let asOf: Day
        let format: ReportFormat
        let weeks: Int?
        let year: Int?
        let output: String?
        do throws(ArgumentError) {
            asOf = try args.asOf()
            output = try args.output()
            format = try ReportArguments.format(args)
            weeks = args.value("weeks") == nil ? nil : try args.number("weeks", default: CashForecast.defaultWeeks, atLeast: 1)
            year = args.value("backtest") == nil ? nil : try args.number("backtest", default: 0, atLeast: 1)
            if let weeks, weeks > 520 { throw ArgumentError(message: "--weeks takes at most 520 weeks (ten years), not \(weeks)") }
            if let year, year > 9998 { throw ArgumentError(message: "--backtest takes a year such as 2013, not \(year)") }
            if year != nil && format == .json { throw ArgumentError(message: "--backtest writes text, markdown or csv, not json") }
        } catch {
            return refuse(error, &io)
        }
        if let year {
            // Checked as of the last day looked at, so every entry the backtest reads is clean.
            let last = Day(year: year, month: 12, day: 31)!.adding(days: 7 * (weeks ?? ForecastBacktest.defaultWeeks))
            let clean: CleanLedger
            switch ReportArguments.loadClean(args, command: name, asOf: max(asOf, last), keepingItems: false, &io) {
            case .success(let l): clean = l
            case .failure(let f): return f.code
            }
            if let refused = ReportOutput.refusal(output, clean.load, command: name) {
                io.err(refused)
                return ExitCode.failure
            }
            let backtest = ForecastBacktest(ledger: clean.load.ledger, dates: ForecastBacktest.monthEnds(of: year), weeks: weeks ?? ForecastBacktest.defaultWeeks)
            return ReportOutput.write(output, command: name, &io, text: BacktestRenderer(backtest).render(format))
        }
        let clean: CleanLedger
        switch ReportArguments.loadClean(args, command: name, asOf: asOf, keepingItems: false, &io) {
        case .success(let l): clean = l
        case .failure(let f): return f.code
        }
        if let refused = ReportOutput.refusal(output, clean.load, command: name) {
            io.err(refused)
            return ExitCode.failure
        }
        let forecast = CashForecast(ledger: clean.load.ledger, sheet: clean.sheet, weeks: weeks ?? CashForecast.defaultWeeks)
        let renderer = ForecastRenderer(forecast, color: io.color && format == .text && output == nil)
        return ReportOutput.write(output, command: name, &io) { renderer.write(format, to: $0) }
    }
}
