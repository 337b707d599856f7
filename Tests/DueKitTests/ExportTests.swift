import Foundation
import Testing
@testable import DueKit

/// An executable on PATH, for tests that hand the export to the tool it is for.
func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func runTool(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct ExportTests {
    static let hledger = executableOnPath("hledger")
    static let beanCheck = executableOnPath("bean-check")

    func studio() throws -> LoadResult {
        try LedgerLoader.load(path: Repo.path("samples/studio.due"))
    }

    /// `due`'s balances per receivable account, as the exports name them, in minor units.
    func expectedBalances(_ ledger: Ledger) -> [String: Int64] {
        let sheet = BalanceEngine.balances(ledger, asOf: Checker.latestDate(ledger))
        let names = JournalBuilder.transactions(ledger).accounts
        var out: [String: Int64] = [:]
        for (k, v) in sheet.clientBalances where v != 0 {
            out[JournalAccounts.receivable(names[k.client]!) + " " + k.currency.code] = v
        }
        return out
    }

    @Test func everyTransactionBalancesAndReceivablesEqualDueBalances() throws {
        let load = try studio()
        let built = JournalBuilder.transactions(load.ledger)
        var receivable: [String: Int64] = [:]
        for t in built.transactions {
            var perCurrency: [String: Int64] = [:]
            for p in t.postings {
                perCurrency[p.currency.code, default: 0] += p.minor
                if p.account.hasPrefix("Assets:Receivable:") { receivable[p.account + " " + p.currency.code, default: 0] += p.minor }
            }
            #expect(perCurrency.values.allSatisfy { $0 == 0 }, "\(t.date) \(t.narration)")
        }
        #expect(receivable.filter { $0.value != 0 } == expectedBalances(load.ledger))
        #expect(receivable["Assets:Receivable:Pellucid GBP"] == 904_800)
    }

    /// `--as-of` leaves out what happened after the date: no transaction is dated later, and each
    /// receivable holds what `due` says the client owed that day.
    @Test func asOfLeavesOutLaterEntries() throws {
        let load = try studio()
        let day = Day(year: 2026, month: 3, day: 15)!
        let built = JournalBuilder.transactions(load.ledger, asOf: day)
        let everything = JournalBuilder.transactions(load.ledger)
        #expect(!built.transactions.isEmpty)
        #expect(built.transactions.allSatisfy { $0.date <= day })
        #expect(everything.transactions.contains { $0.date > day })
        var receivable: [String: Int64] = [:]
        for t in built.transactions {
            for p in t.postings where p.account.hasPrefix("Assets:Receivable:") { receivable[p.account + " " + p.currency.code, default: 0] += p.minor }
        }
        let sheet = BalanceEngine.balances(load.ledger, asOf: day)
        var expected: [String: Int64] = [:]
        for (k, v) in sheet.clientBalances where v != 0 {
            expected[JournalAccounts.receivable(built.accounts[k.client]!) + " " + k.currency.code] = v
        }
        #expect(receivable.filter { $0.value != 0 } == expected)

        let r = try DueRun.run(["export", "hledger", "--as-of", "2026-03-15", Repo.path("samples/studio.due")])
        #expect(r.status == 0, "\(r.stderr)")
        let dates = r.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }.map { String($0.prefix(10)) }
        #expect(!dates.isEmpty)
        #expect(dates.allSatisfy { $0 <= "2026-03-15" }, "\(dates.filter { $0 > "2026-03-15" })")
        let all = try DueRun.run(["export", "hledger", Repo.path("samples/studio.due")])
        #expect(all.stdout.split(separator: "\n").contains { $0.hasPrefix("2026-11") })
    }

    @Test func creditNotesWriteOffsAndDiscountsHaveTheirOwnAccounts() throws {
        let text = JournalExport.render(try studio().ledger, format: .hledger, sourceName: "studio.due")
        #expect(text.contains("""
            2026-06-01 (2026-002) Copperleaf Events Ltd | Write-off of invoice 2026-002: Client in creditors' voluntary liquidation, claim lodged with the liquidator  ; client:copperleaf, invoice:2026-002
                Expenses:BadDebt               1000.00 GBP
                Liabilities:Tax                 200.00 GBP
                Assets:Receivable:Copperleaf  -1200.00 GBP
            """))
        // CN-001, one development day plus VAT against 2025-023 (taxed at 20%): 560.00 + 112.00.
        #expect(text.contains("    Income:CreditNotes        560.00 GBP\n    Liabilities:Tax           112.00 GBP\n"), "\(text)")
        #expect(text.contains("2025-07-14 (2025-006) Fernhill Nurseries Ltd | Early-payment discount on invoice 2025-006"))
        // 30.00 off 2025-006, 1,250.00 + VAT 20%: 25.00 + 5.00.
        #expect(text.contains("    Income:Discounts             25.00 GBP\n    Liabilities:Tax               5.00 GBP\n"), "\(text)")
    }

    /// A loss paid after all is booked back from bad debts on the day of the payment, so the
    /// client's receivable holds what `due` says it owes: the later invoice, not a credit.
    @Test func aLossPaidAfterAllIsBookedBackFromBadDebts() throws {
        let load = load("""
            settings
              currency GBP
            client harbour Harbour Foods Ltd
            2026-01-10 invoice harbour H-1
              total 800.00
            2026-03-10 invoice harbour H-2
              total 500.00
            2026-06-30 writeoff harbour H-1
              reason ceased trading
            2026-10-01 payment harbour 800.00
              apply H-1 800.00

            """)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let text = JournalExport.render(load.ledger, format: .hledger, sourceName: "h.due")
        #expect(text.hasSuffix("""
            2026-10-01 (H-1) Harbour Foods Ltd | Bad debt recovered: invoice H-1  ; client:harbour, invoice:H-1
                Assets:Receivable:Harbour   800.00 GBP
                Expenses:BadDebt           -800.00 GBP

            """), "\(text)")
        var receivable: Int64 = 0
        for t in JournalBuilder.transactions(load.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings where p.account.hasPrefix("Assets:Receivable:") { receivable += p.minor }
        }
        #expect(receivable == 50_000)
        #expect(expectedBalances(load.ledger) == ["Assets:Receivable:Harbour GBP": 50_000])
    }

    /// Money the client paid while the invoice was in dispute is held on account, past a loss
    /// written off it; resolving the dispute releases it, and it pays the loss back that day,
    /// booked as money on account. A later payment of 10.00 books back 10.00, its own money,
    /// not the 310.00 it once carried with it.
    @Test func aLossPaidWithMoneyHeldOnAccountIsBookedBackOnTheDayItIsReleased() throws {
        let load = load("""
            settings
              currency GBP
            client acme Acme Ltd
            2026-01-05 invoice acme A-1
              total 1,000.00
            2026-01-20 note acme call
              dispute A-1 Work not delivered
            2026-02-01 payment acme 300.00
            2026-02-10 writeoff acme A-1
              reason gave up
            2026-03-01 note acme call
              resolved A-1 agreed
            2026-03-10 payment acme 10.00

            """)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let text = JournalExport.render(load.ledger, format: .hledger, sourceName: "a.due")
        #expect(text.hasSuffix("""
            2026-03-01 (A-1) Acme Ltd | Bad debt recovered from money on account: invoice A-1  ; client:acme, invoice:A-1
                Assets:Receivable:Acme   300.00 GBP
                Expenses:BadDebt        -300.00 GBP

            2026-03-10 Acme Ltd | Payment  ; client:acme
                Assets:Bank              10.00 GBP
                Assets:Receivable:Acme  -10.00 GBP

            2026-03-10 (A-1) Acme Ltd | Bad debt recovered: invoice A-1  ; client:acme, invoice:A-1
                Assets:Receivable:Acme   10.00 GBP
                Expenses:BadDebt        -10.00 GBP

            """), "\(text)")
        var receivable: Int64 = 0
        for t in JournalBuilder.transactions(load.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings where p.account.hasPrefix("Assets:Receivable:") { receivable += p.minor }
        }
        #expect(receivable == 0)
        // Each day's receivable is what `due` says the client owed that day.
        let mid = JournalBuilder.transactions(load.ledger, asOf: Day.parse("2026-03-05")!)
        #expect(mid.transactions.flatMap(\.postings).filter { $0.account.hasPrefix("Assets:Receivable:") }.reduce(0) { $0 + $1.minor } == 0)
        let bean = JournalExport.render(load.ledger, format: .beancount, sourceName: "a.due")
        #expect(bean.contains("2026-03-01 * \"Acme Ltd\" \"Bad debt recovered from money on account: invoice A-1\""), "\(bean)")
    }

    /// A write-off marked `waived` was agreed with the client, an allowance given, not a loss:
    /// it is booked to `Income:Allowances`, while a loss in the same ledger stays a bad debt.
    static let waivedAndLost = """
        settings
          currency GBP
        client dune Dune Ltd
        client harbour Harbour Foods Ltd
        2026-01-10 invoice dune D-1
          total 500.00
        2026-01-12 invoice harbour H-1
          total 800.00
        2026-03-12 writeoff dune D-1 45.50
          reason Goodwill for the late delivery
          waived
        2026-06-30 writeoff harbour H-1 300.00
          reason ceased trading

        """

    @Test func aSumWaivedIsAnAllowanceNotABadDebt() throws {
        let load = load(Self.waivedAndLost)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let text = JournalExport.render(load.ledger, format: .hledger, sourceName: "w.due")
        #expect(text.contains("""
            2026-03-12 (D-1) Dune Ltd | Sum waived on invoice D-1: Goodwill for the late delivery  ; client:dune, invoice:D-1
                Income:Allowances        45.50 GBP
                Assets:Receivable:Dune  -45.50 GBP
            """), "\(text)")
        #expect(text.contains("""
            2026-06-30 (H-1) Harbour Foods Ltd | Write-off of invoice H-1: ceased trading  ; client:harbour, invoice:H-1
                Expenses:BadDebt            300.00 GBP
                Assets:Receivable:Harbour  -300.00 GBP
            """), "\(text)")
        var perAccount: [String: Int64] = [:]
        for t in JournalBuilder.transactions(load.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings { perAccount[p.account, default: 0] += p.minor }
        }
        #expect(perAccount["Income:Allowances"] == 4_550)
        #expect(perAccount["Expenses:BadDebt"] == 30_000)
        #expect(expectedBalances(load.ledger) == ["Assets:Receivable:Dune GBP": 45_450, "Assets:Receivable:Harbour GBP": 50_000])
        let bean = JournalExport.render(load.ledger, format: .beancount, sourceName: "w.due")
        #expect(bean.contains("2026-01-10 open Income:Allowances\n"), "\(bean)")
        #expect(bean.contains("2026-03-12 * \"Dune Ltd\" \"Sum waived on invoice D-1: Goodwill for the late delivery\""), "\(bean)")
    }

    /// hledger and beancount take the export with both accounts, and hledger's balances are
    /// `due`'s: the receivables, the allowance and the bad debt.
    @Test(.enabled(if: hledger != nil && beanCheck != nil)) func hledgerAndBeancountAgreeOnASumWaivedAndALoss() throws {
        let load = load(Self.waivedAndLost)
        let dir = try temporaryDirectory()
        let journal = dir + "/w.journal", bean = dir + "/w.beancount"
        try SafeFileWriter.write(JournalExport.render(load.ledger, format: .hledger, sourceName: "w.due"), to: journal)
        try SafeFileWriter.write(JournalExport.render(load.ledger, format: .beancount, sourceName: "w.due"), to: bean)
        #expect(try runTool(Self.hledger!, ["-f", journal, "check", "--strict"]).status == 0)
        #expect(try runTool(Self.beanCheck!, [bean]).status == 0)
        #expect(try hledgerBalances(journal) == expectedBalances(load.ledger))
        let other = try runTool(Self.hledger!, ["-f", journal, "balance", "Income:Allowances", "Expenses:BadDebt", "--flat", "-N", "--layout=bare", "-O", "csv"])
        #expect(other.out.contains("\"Income:Allowances\",\"GBP\",\"45.50\""), "\(other.out)")
        #expect(other.out.contains("\"Expenses:BadDebt\",\"GBP\",\"300.00\""), "\(other.out)")
    }

    @Test func accountNamesAreValidAndDistinctForAnyClientIds() {
        let ids = ["acme", "Acme", "0379-NEVHP", "a.b", "a_b", "INV/88", "#x"].filter { LedgerID.isValid($0) }
            + ["ünï", "müller", "Müller", "mu\u{308}ller2", "dvořák", "北京", "ǆemal", "ßeta", "ıx", "e\u{301}\u{302}", "नमस्ते", "🎨x", "a\u{200B}b", "١٢"]
        let names = JournalAccounts.clientComponents(ids)
        #expect(names["0379-NEVHP"] == "0379-NEVHP")
        #expect(Set(names.values).count == names.count)
        for name in names.values {
            // beancount's rule (`beancount.core.account`): a capital or a digit, then letters,
            // digits and `-`, letters and digits of any script.
            let first = name.unicodeScalars.first!.properties.generalCategory
            #expect(first == .uppercaseLetter || first == .decimalNumber, "\(name)")
            #expect(name.unicodeScalars.allSatisfy { $0 == "-" || ($0.value < 0x80 ? $0.properties.isAlphabetic || ("0"..."9").contains($0) : JournalAccounts.isLetterOrDigit($0)) }, "\(name)")
        }
        #expect(JournalAccounts.clientComponents(["kiln"]) == ["kiln": "Kiln"])
        // Letters beyond ASCII are kept: only the first is made a capital.
        #expect(names["ünï"] == "Ünï" && names["dvořák"] == "Dvořák" && names["ǆemal"] == "Ǆemal" && names["١٢"] == "١٢")
        #expect(JournalAccounts.clientComponents(["müller"]) == ["müller": "Müller"])
        // `müller` and `Müller` would meet: both get the digest.
        #expect(names["müller"]!.hasPrefix("Müller-") && names["Müller"]!.hasPrefix("Müller-") && names["müller"] != names["Müller"])
        #expect(names["mu\u{308}ller2"] == "Müller2")
        #expect(names["北京"]!.hasPrefix("Client-北京-"))
        #expect(names["🎨x"]!.hasPrefix("X-"))
    }

    /// A ledger whose client ids are written in letters beyond ASCII (`müller23`, `dvořák19`)
    /// exports them as such (`Assets:Receivable:Müller23`), and both tools accept the books.
    @Test(.enabled(if: hledger != nil && beanCheck != nil)) func idsBeyondASCIIKeepTheirLettersInAccountNames() throws {
        let bytes = LedgerGenerator(invoices: 400, seed: 5, profile: .varied).generate()
        let load = LedgerLoader.load(bytes: bytes, path: "v.due")
        let dir = try temporaryDirectory()
        let journal = dir + "/v.journal", bean = dir + "/v.beancount"
        try SafeFileWriter.write(JournalExport.render(load.ledger, format: .hledger, sourceName: "v.due"), to: journal)
        try SafeFileWriter.write(JournalExport.render(load.ledger, format: .beancount, sourceName: "v.due"), to: bean)
        let accounts = Set(JournalBuilder.transactions(load.ledger).accounts.values)
        #expect(accounts.contains { $0.hasPrefix("Müller") }, "\(accounts.sorted())")
        #expect(!accounts.contains { $0.hasPrefix("M-ller") })
        let check = try runTool(Self.hledger!, ["-f", journal, "check", "--strict"])
        #expect(check.status == 0, "\(check.out)")
        #expect(try hledgerBalances(journal) == expectedBalances(load.ledger))
        let beanCheck = try runTool(Self.beanCheck!, [bean])
        #expect(beanCheck.status == 0, "\(beanCheck.out)")
    }

    @Test func beancountHasOpenDirectivesOperatingCurrencyAndLinks() throws {
        let text = JournalExport.render(try studio().ledger, format: .beancount, sourceName: "studio.due")
        #expect(text.contains("option \"operating_currency\" \"GBP\"\n"))
        #expect(text.contains("2025-06-03 open Assets:Receivable:Nordlicht\n"))
        #expect(text.contains("2025-11-12 * \"Nordlicht Verlag GmbH\" \"Payment NV 25-0903 (bank transfer (SEPA))\" ^inv-2025-011 ^inv-2025-016\n"))
        #expect(text.contains("  due: 2025-07-03\n"))
    }

    /// A credit note against a taxed invoice takes its tax back with it, in the invoice's
    /// proportion: 720.00 against an invoice of 3,000.00 + 20% VAT is 600.00 of credit and
    /// 120.00 of tax, so the tax account holds the 480.00 still owed (by hand: 600.00 - 120.00),
    /// not 600.00 less nothing. Part of a credit note left on account, against no invoice,
    /// has no tax to go by; an untaxed invoice's credit is all credit.
    @Test func aCreditNoteAgainstATaxedInvoiceTakesItsTaxBack() throws {
        let load = load("""
            settings
              currency GBP
            client vance Vance Media Ltd
            2026-06-01 invoice vance F-74
              item  Competitor report  1 x 1200.00
              item  Workshop           1 x 1800.00
              tax   VAT 20%
            2026-06-02 invoice vance F-75
              total 500.00
            2026-06-15 credit vance 720.00
              number  CN-02
              reason  Half of competitor report (600.00 + VAT)
              apply   F-74
            2026-06-16 credit vance 100.00
              number  CN-03
              apply   F-75

            """)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let hledger = JournalExport.render(load.ledger, format: .hledger, sourceName: "v.due")
        #expect(hledger.contains("""
            Credit note CN-02: Half of competitor report (600.00 + VAT)  ; client:vance, invoice:F-74
                Income:CreditNotes        600.00 GBP
                Liabilities:Tax           120.00 GBP
                Assets:Receivable:Vance  -720.00 GBP

            """), "\(hledger)")
        #expect(hledger.contains("""
            Credit note CN-03  ; client:vance, invoice:F-75
                Income:CreditNotes        100.00 GBP
                Assets:Receivable:Vance  -100.00 GBP

            """), "\(hledger)")
        let beancount = JournalExport.render(load.ledger, format: .beancount, sourceName: "v.due")
        #expect(beancount.contains("  Income:CreditNotes        600.00 GBP\n  Liabilities:Tax           120.00 GBP\n  Assets:Receivable:Vance  -720.00 GBP\n"), "\(beancount)")
        var byAccount: [String: Int64] = [:]
        for t in JournalBuilder.transactions(load.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings { byAccount[p.account, default: 0] += p.minor }
        }
        #expect(byAccount["Liabilities:Tax"] == -48_000)
        #expect(byAccount["Income:Sales"] == -350_000)
        #expect(byAccount["Income:CreditNotes"] == 70_000)
        #expect(byAccount["Assets:Receivable:Vance"] == 328_000)
    }

    /// What a taxed invoice never brings in carries its tax back with it, in the invoice's
    /// proportion, as a credit note's does: an early-payment discount lowers the price and so
    /// the tax on it, a sum waived too, and a loss written off has its tax reclaimed (bad debt
    /// relief), owed again on what is paid back. Before, all of it went to discounts,
    /// allowances and bad debts, and the tax account kept 400.00 + 60.00 of tax on sales of
    /// which 369.33 of tax was ever paid. By hand: A-1 paid 1,176.00 of 1,200.00 (tax 196.00),
    /// A-2 paid 300.00 of 360.00 (tax 50.00), B-1 paid 500.00 + 240.00 of 1,200.00 (tax 123.33).
    @Test func whatATaxedInvoiceNeverBringsInTakesItsTaxBack() throws {
        let load = load("""
            settings
              currency GBP
            client acme Acme Ltd
            client bolt Bolt Ltd
            2026-06-01 invoice acme A-1
              terms 2/10 net 30
              item  Design  1 x 1000.00
              tax   VAT 20%
            2026-06-01 invoice acme A-2
              item  Print  1 x 300.00
              tax   VAT 20%
            2026-06-01 invoice bolt B-1
              item  Build  1 x 1000.00
              tax   VAT 20%
            2026-06-05 payment acme 1176.00
              apply A-1
            2026-06-10 payment bolt 500.00
              apply B-1
            2026-06-20 writeoff acme A-2 60.00
              reason Goodwill for the late delivery
              waived
            2026-07-01 payment acme 300.00
              apply A-2
            2026-09-30 writeoff bolt B-1
              reason Ceased trading
            2026-10-15 payment bolt 240.00
              apply B-1

            """)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let hledger = JournalExport.render(load.ledger, format: .hledger, sourceName: "t.due")
        #expect(hledger.contains("""
            Early-payment discount on invoice A-1  ; client:acme, invoice:A-1
                Income:Discounts         20.00 GBP
                Liabilities:Tax           4.00 GBP
                Assets:Receivable:Acme  -24.00 GBP

            """), "\(hledger)")
        #expect(hledger.contains("""
            Sum waived on invoice A-2: Goodwill for the late delivery  ; client:acme, invoice:A-2
                Income:Allowances        50.00 GBP
                Liabilities:Tax          10.00 GBP
                Assets:Receivable:Acme  -60.00 GBP

            """), "\(hledger)")
        // 700.00 × 200.00 ÷ 1,200.00 = 116.666…, rounded to the penny.
        #expect(hledger.contains("""
            Write-off of invoice B-1: Ceased trading  ; client:bolt, invoice:B-1
                Expenses:BadDebt         583.33 GBP
                Liabilities:Tax          116.67 GBP
                Assets:Receivable:Bolt  -700.00 GBP

            """), "\(hledger)")
        #expect(hledger.contains("""
            Bad debt recovered: invoice B-1  ; client:bolt, invoice:B-1
                Assets:Receivable:Bolt   240.00 GBP
                Expenses:BadDebt        -200.00 GBP
                Liabilities:Tax          -40.00 GBP

            """), "\(hledger)")
        let beancount = JournalExport.render(load.ledger, format: .beancount, sourceName: "t.due")
        #expect(beancount.contains("  Income:Discounts         20.00 GBP\n  Liabilities:Tax           4.00 GBP\n  Assets:Receivable:Acme  -24.00 GBP\n"), "\(beancount)")
        #expect(beancount.contains("  Expenses:BadDebt         583.33 GBP\n  Liabilities:Tax          116.67 GBP\n  Assets:Receivable:Bolt  -700.00 GBP\n"), "\(beancount)")
        var byAccount: [String: Int64] = [:]
        for t in JournalBuilder.transactions(load.ledger).transactions {
            #expect(t.postings.reduce(0) { $0 + $1.minor } == 0, "\(t.narration)")
            for p in t.postings { byAccount[p.account, default: 0] += p.minor }
        }
        #expect(byAccount["Liabilities:Tax"] == -(19_600 + 5_000 + 12_333))
        #expect(byAccount["Income:Discounts"] == 2_000)
        #expect(byAccount["Income:Allowances"] == 5_000)
        #expect(byAccount["Expenses:BadDebt"] == 38_333)
        #expect(byAccount["Assets:Receivable:Bolt"] == 0)
    }

    /// hledger ends a description at its first `;`, wherever it stands: a client's name, an
    /// item's description and a payment's reference holding one are written with `,` there,
    /// so the payee stays whole and the tags after it are read; beancount keeps the `;`.
    static let semicolons = """
        settings
          currency GBP
        client a1 Acme; Ltd
        client a3 A | B Ltd
        2026-01-01 invoice a1 X-1
          item Work; phase 2 1 x 10.00
        2026-01-01 invoice a3 X-3
          total 10.00
        2026-01-05 payment a1 4.00
          ref AB;12
          apply X-1

        """

    @Test func hledgerPayeesAndDescriptionsHoldNoSemicolon() throws {
        let load = load(Self.semicolons)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics.map(\.message))")
        let text = JournalExport.render(load.ledger, format: .hledger, sourceName: "s.due")
        #expect(text.contains("2026-01-01 (X-1) Acme, Ltd | Invoice X-1: Work, phase 2  ; client:a1, due:2026-01-31, invoice:X-1\n"), "\(text)")
        #expect(text.contains("2026-01-01 (X-3) A / B Ltd | Invoice X-3  ; client:a3, due:2026-01-31, invoice:X-3\n"), "\(text)")
        #expect(text.contains("2026-01-05 Acme, Ltd | Payment AB,12  ; client:a1, invoice:X-1\n"), "\(text)")
        let bean = JournalExport.render(load.ledger, format: .beancount, sourceName: "s.due")
        #expect(bean.contains("2026-01-01 * \"Acme; Ltd\" \"Invoice X-1: Work; phase 2\" ^inv-X-1\n"), "\(bean)")
        guard let hledger = Self.hledger else { return }
        let journal = try temporaryDirectory() + "/s.journal"
        try SafeFileWriter.write(text, to: journal)
        let payees = try runTool(hledger, ["-f", journal, "payees"])
        #expect(payees.out == "A / B Ltd\nAcme, Ltd\n", "\(payees.out)")
        let tags = try runTool(hledger, ["-f", journal, "tags"])
        #expect(tags.out == "client\ndue\ninvoice\n", "\(tags.out)")
    }

    /// A credit note's own number is metadata of its own in beancount, not an `invoice:`.
    @Test func beancountNamesACreditNoteByItsOwnKey() throws {
        let r = LedgerLoader.load(bytes: Array("settings\n  currency GBP\nclient a Alpha\n2026-01-01 invoice a I2\n  total 100.00\n2026-01-10 credit a 15.00\n  number CN1\n  apply I2 10.00\n".utf8), path: "t.due")
        let text = JournalExport.render(r.ledger, format: .beancount, sourceName: "t.due")
        #expect(text.contains("  credit-note: \"CN1\"\n"))
        #expect(!text.contains("invoice: \"CN1\""))
        #expect(text.contains("  invoice: \"I2\"\n"))
    }

    @Test func exportRefusesALedgerWithErrors() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/bad.due"
        try "settings\n  currency GBP\nclient a\n2026-02-30 invoice a 1\n  total 10.00\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try DueRun.run(["export", "hledger", path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("E104"))
        #expect(try DueRun.run(["export", "ledger", path]).status == 2)
    }

    /// hledger's own balance report of the exported journal, per account and commodity.
    func hledgerBalances(_ journal: String) throws -> [String: Int64] {
        let (status, out) = try runTool(Self.hledger!, ["-f", journal, "balance", "Assets:Receivable", "--flat", "-N", "--layout=bare", "-O", "csv"])
        #expect(status == 0, "\(out)")
        var result: [String: Int64] = [:]
        for line in out.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard f.count == 3, f[2] != "0" else { continue }
            let parts = f[2].split(separator: ".")
            let sign: Int64 = f[2].hasPrefix("-") ? -1 : 1
            let whole = Int64(parts[0].replacingOccurrences(of: "-", with: ""))!
            let frac = parts.count > 1 ? Int64(parts[1])! : 0
            result[f[0] + " " + f[1]] = sign * (whole * 100 + frac)
        }
        return result
    }

    /// A generated ledger of every shape: the export written a piece at a time, as `due export
    /// -o` writes it, is the same text as in one piece, cut only at line ends; beancount opens
    /// exactly the accounts the transactions post to.
    @Test(arguments: JournalFormat.allCases) func aGeneratedLedgerExportsTheSameInPiecesAsWhole(_ format: JournalFormat) throws {
        let bytes = LedgerGenerator(invoices: 400, seed: 3, profile: .realistic).generate()
        let load = LedgerLoader.load(bytes: bytes, path: "r.due")
        let whole = JournalExport.render(load.ledger, format: format, sourceName: "r.due")
        var pieces: [[UInt8]] = []
        JournalExport.write(load.ledger, format: format, sourceName: "r.due", pieceSize: 200) { pieces.append($0) }
        #expect(pieces.count > 100)
        #expect(pieces.allSatisfy { $0.last == 0x0A })
        #expect(pieces.dropFirst().allSatisfy { $0.count < 2_000 })
        #expect(String(decoding: pieces.flatMap { $0 }, as: UTF8.self) == whole)

        let dir = try temporaryDirectory()
        try SafeFileWriter.write(bytes, to: dir + "/r.due")
        let r = try DueRun.run(["export", format.rawValue, "-o", dir + "/r.out", dir + "/r.due"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileSystem.readFile(dir + "/r.out") == Array(whole.utf8))

        let book = JournalBuilder.book(load.ledger)
        let posted = Set(book.transactions.flatMap { $0.postings.map(\.account) })
        #expect(book.postedAccounts == posted.sorted())
        #expect(book.currencies == Set(book.transactions.flatMap { $0.postings.map(\.currency) }))
        #expect(book.transactions.map(\.date) == book.transactions.map(\.date).sorted())
    }

    @Test(.enabled(if: hledger != nil)) func hledgerAgreesOnEveryClientBalanceOfAGeneratedLedger() throws {
        let load = LedgerLoader.load(bytes: LedgerGenerator(invoices: 400, seed: 3, profile: .realistic).generate(), path: "r.due")
        let journal = try temporaryDirectory() + "/r.journal"
        try SafeFileWriter.write(to: journal) { (file: inout SafeFileWriter.Stream) throws(WriteError) in
            try JournalExport.write(load.ledger, format: .hledger, sourceName: "r.due", pieceSize: 512) { (piece: [UInt8]) throws(WriteError) in try file.write(piece) }
        }
        #expect(try runTool(Self.hledger!, ["-f", journal, "check", "--strict"]).status == 0)
        #expect(try hledgerBalances(journal) == expectedBalances(load.ledger))
    }

    /// `hledger check --strict` refuses an account or commodity the journal does not declare:
    /// the export declares each it posts to ("undeclared account \"Assets:Receivable:Nordlicht\""
    /// before).
    @Test(.enabled(if: hledger != nil)) func hledgerAcceptsTheStudioExportAndAgreesOnEveryClientBalance() throws {
        let load = try studio()
        let dir = try temporaryDirectory()
        let journal = dir + "/studio.journal"
        let text = JournalExport.render(load.ledger, format: .hledger, sourceName: "studio.due")
        #expect(text.contains("\n\naccount Assets:Bank\naccount Assets:Receivable:Copperleaf\n"), "\(text.prefix(1200))")
        #expect(text.contains("account Liabilities:Tax\ncommodity EUR\ncommodity GBP\n\n2025-06-03 "), "\(text.prefix(1200))")
        try SafeFileWriter.write(text, to: journal)
        let check = try runTool(Self.hledger!, ["-f", journal, "check", "--strict"])
        #expect(check.status == 0, "\(check.out)")
        #expect(try hledgerBalances(journal) == expectedBalances(load.ledger))
    }

    @Test(IBMRow.needed, .enabled(if: hledger != nil, "hledger is not installed")) func hledgerAcceptsTheIBMImportExportedAndEveryClientIsSettled() throws {
        var options = CSVImportOptions()
        options.currency = Currency("USD")
        let imported = try CSVImporter.run(bytes: try FileSystem.readFile(IBMRow.path), options: options).get()
        let load = LedgerLoader.load(bytes: Array(imported.text.utf8), path: "ibm.due")
        let dir = try temporaryDirectory()
        let journal = dir + "/ibm.journal"
        try SafeFileWriter.write(JournalExport.render(load.ledger, format: .hledger, sourceName: "ibm.due"), to: journal)
        #expect(try runTool(Self.hledger!, ["-f", journal, "check", "--strict"]).status == 0)
        #expect(try hledgerBalances(journal) == expectedBalances(load.ledger))
        #expect(expectedBalances(load.ledger).isEmpty)
        // Income equals everything invoiced: 147,703.18.
        let income = try runTool(Self.hledger!, ["-f", journal, "balance", "Income:Sales", "-N", "--layout=bare", "-O", "csv"])
        #expect(income.out.contains("-147703.18"))
    }

    @Test(.enabled(if: beanCheck != nil)) func beanCheckAcceptsTheStudioExport() throws {
        let dir = try temporaryDirectory()
        let file = dir + "/studio.beancount"
        try SafeFileWriter.write(JournalExport.render(try studio().ledger, format: .beancount, sourceName: "studio.due"), to: file)
        let check = try runTool(Self.beanCheck!, [file])
        #expect(check.status == 0, "\(check.out)")
    }
}
