// libFuzzer target for `due import csv`: any bytes as a spreadsheet export, read with the
// guessed date format and with each named one, with and without a currency. What the importer
// writes must read back as a ledger with no syntax errors, and check without crashing. Built by
// Scripts/fuzz.sh with every file of Sources/DueKit, outside the Swift package.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    var variants: [CSVImportOptions] = []
    var plain = CSVImportOptions()
    variants.append(plain)
    plain.currency = Currency("EUR")
    variants.append(plain)
    // The low bits of the length pick a named date format and a mapping, so one input tries
    // several settings without running them all.
    var named = plain
    named.dateFormat = CSVDateFormat.candidates[size % CSVDateFormat.candidates.count]
    if size & 8 != 0 { named.overrides = ["1=invoice", "2=client"] }
    variants.append(named)
    for options in variants {
        guard case .success(let result) = CSVImporter.run(bytes: bytes, options: options) else { continue }
        let load = LedgerLoader.load(bytes: Array(result.text.utf8), path: "import.due", readFile: { .failure(.missing($0)) })
        let syntax = load.diagnostics.filter { $0.code.hasPrefix("E1") || $0.code.hasPrefix("E0") }
        if !syntax.isEmpty {
            fatalError("the importer wrote a ledger with syntax errors: \(syntax.map { "\($0.code) \($0.message)" })")
        }
        _ = Checker.check(load, asOf: Day(year: 2026, month: 6, day: 30)!)
    }
    return 0
}
