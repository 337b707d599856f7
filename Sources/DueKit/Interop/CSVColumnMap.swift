/// What a spreadsheet column can hold, for `due import csv`.
public enum ImportField: String, Sendable, CaseIterable, Comparable {
    case invoice
    case client
    case clientName = "client-name"
    case issued
    case due
    case terms
    case amount
    case net
    case tax
    case currency
    case paidDate = "paid-date"
    case paidAmount = "paid-amount"
    /// What is still owed on the invoice (`Amount Due`, `Balance`, `Open Balance`): what was
    /// paid is its total less this.
    case open
    case disputed
    /// What an invoicing tool says of the invoice (`Paid`, `Partial`, `Void`, `Draft`,
    /// `Disputed`, `Overdue`, …): `CSVImporter.InvoiceStatus`.
    case status
    case description
    case email
    case contact
    /// A line's quantity and unit price, when an export gives one row per line of an invoice
    /// (Xero): the rows of one invoice are one invoice with an `item` per row.
    case quantity
    case unitPrice = "unit-price"

    /// Where the field stands in `allCases`.
    var position: Int {
        switch self {
        case .invoice: 0
        case .client: 1
        case .clientName: 2
        case .issued: 3
        case .due: 4
        case .terms: 5
        case .amount: 6
        case .net: 7
        case .tax: 8
        case .currency: 9
        case .paidDate: 10
        case .paidAmount: 11
        case .open: 12
        case .disputed: 13
        case .status: 14
        case .description: 15
        case .email: 16
        case .contact: 17
        case .quantity: 18
        case .unitPrice: 19
        }
    }

    /// Normalised header names that mean this field, best first. Headers are compared with
    /// case, spaces, underscores and punctuation removed (`Invoice No.` → `invoiceno`).
    var synonyms: [String] {
        switch self {
        case .invoice: ["invoicenumber", "invoiceno", "invoicenum", "invoiceid", "invoice", "invno", "invoiceref", "documentnumber", "docnumber",
                       "rechnungsnummer", "rechnungsnr", "rechnungnr", "renr", "rgnr", "belegnummer", "belegnr", "number", "no", "num", "nummer", "nr"]
        case .client: ["customerid", "clientid", "customer", "client", "customername", "clientname", "company", "companyname", "accountname", "account", "debtor", "billto",
                      "kundennummer", "kundennr", "kunde", "kundenname", "debitor", "debitorennummer", "firma", "name"]
        case .clientName: ["customername", "clientname", "companyname", "company", "kundenname", "firmenname", "firma", "name"]
        case .issued: ["invoicedate", "issuedate", "dateissued", "issued", "documentdate", "billdate", "rechnungsdatum", "belegdatum", "ausstellungsdatum", "date", "datum"]
        case .due: ["duedate", "datedue", "paymentdue", "faelligkeitsdatum", "faelligam", "faelligkeit", "due", "faellig"]
        case .terms: ["paymentterms", "terms", "zahlungsbedingungen"]
        case .amount: ["invoiceamount", "invoicetotal", "amount", "total", "totalamount", "amountdue", "grandtotal", "value",
                       "gross", "grossamount", "grosstotal", "totalincvat", "totalinclvat", "totalincludingvat", "totalinctax", "totalincltax",
                       "totalincludingtax", "amountincvat", "amountinclvat", "amountincludingvat", "amountinctax", "amountincltax", "amountincludingtax",
                       "betrag", "rechnungsbetrag", "gesamtbetrag", "bruttobetrag", "betragbrutto", "brutto", "endbetrag", "summe", "gesamt"]
        case .net: ["netamount", "net", "subtotal", "nettotal", "netvalue", "amountexvat", "amountexclvat", "amountexcludingvat",
                    "amountextax", "amountexcltax", "amountexcludingtax", "amountbeforetax", "totalexvat", "totalexclvat", "totalexcludingvat",
                    "totalextax", "totalexcltax", "totalexcludingtax", "totalbeforetax", "exvat", "extax", "pretax", "taxableamount",
                    "nettobetrag", "betragnetto", "netto", "zwischensumme"]
        case .tax: ["taxamount", "vatamount", "gstamount", "salestaxamount", "tax", "vat", "gst", "hst", "salestax", "totaltax",
                    "totalvat", "totalgst", "taxtotal", "vattotal", "gsttotal", "taxrate", "vatrate", "gstrate", "taxpercent", "vatpercent",
                    "mwstbetrag", "ustbetrag", "steuerbetrag", "mwst", "ust", "umsatzsteuer", "mehrwertsteuer", "steuer", "mwstsatz", "ustsatz", "steuersatz"]
        case .currency: ["currency", "currencycode", "ccy", "cur", "waehrung"]
        case .paidDate: ["settleddate", "paiddate", "datepaid", "paymentdate", "paidon", "settled", "cleareddate", "datesettled",
                         "lastpaymentdate", "lastpaiddate", "datelastpaid", "bezahltam", "zahlungsdatum", "zahlungseingang", "eingangsdatum"]
        case .paidAmount: ["paidamount", "amountpaid", "paymentamount", "settledamount", "invoiceamountpaid", "totalpaid", "amountreceived", "paid",
                             "bezahlterbetrag", "gezahlterbetrag", "zahlbetrag", "bezahlt", "gezahlt"]
        // `Amount Due` is also an amount's name: it is what is still owed only beside a
        // total, which the amount takes first (`guessMissing` goes field by field).
        case .open: ["openbalance", "balancedue", "amountdue", "invoiceamountdue", "balance", "outstanding", "amountoutstanding",
                     "outstandingamount", "outstandingbalance", "openamount", "amountopen", "amountremaining", "remainingbalance", "unpaidamount",
                     "offenerbetrag", "offenerrestbetrag", "restbetrag", "offen", "offenerposten", "saldo"]
        case .disputed: ["disputed", "dispute", "indispute", "isdisputed", "strittig", "bestritten"]
        case .status: ["status", "invoicestatus", "paymentstatus", "rechnungsstatus", "zahlungsstatus"]
        case .description: ["description", "for", "memo", "details", "item", "purpose", "project",
                             "beschreibung", "bezeichnung", "leistung", "betreff", "verwendungszweck", "projekt"]
        case .email: ["email", "emailaddress", "customeremail", "clientemail", "contactemail", "billingemail", "invoiceemail", "emailadresse", "mail"]
        case .contact: ["contactname", "contactperson", "contact", "attention", "attn", "ansprechpartner", "kontaktperson", "kontakt"]
        case .quantity: ["quantity", "qty", "units", "menge", "anzahl"]
        case .unitPrice: ["unitamount", "unitprice", "price", "unitcost", "priceperunit", "einzelpreis", "stueckpreis", "preis"]
        }
    }

    public static func < (a: ImportField, b: ImportField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Whether an amount column's header says its amounts include the tax (`Total`, `Gross`,
    /// `Amount incl. VAT`, `Amount due`): beside a tax column, `Amount` alone may or may not.
    static func includesTax(_ header: String) -> Bool {
        let name = normalise(header)
        return ["total", "gross", "inc", "due", "brutto", "inkl", "gesamt", "summe"].contains { name.contains($0) }
    }

    /// Whether a tax column's header says it holds rates (`Tax rate`, `VAT %`), so a cell's
    /// `20` is 20% even written without its `%`.
    static func holdsRates(_ header: String) -> Bool {
        let name = normalise(header)
        return header.contains("%") || ["rate", "percent", "pct", "satz", "prozent"].contains { name.contains($0) }
    }

    /// A header read without the currency it names in brackets: `Amount (GBP)` is `Amount`.
    /// German letters are spelt out as German writes them without (`Fälligkeitsdatum` is
    /// `faelligkeitsdatum`, as `Faelligkeitsdatum` is), and other letters beyond ASCII dropped.
    static func normalise(_ header: String) -> String {
        let name = currencyMark(inHeader: header)?.name ?? header[...]
        var out = ""
        // By character: `ä` written as `a` and a combining mark is `ä` too.
        for c in name.lowercased() {
            switch c {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default: out.unicodeScalars.append(contentsOf: c.unicodeScalars.filter { ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x61 && $0.value <= 0x7A) })
            }
        }
        return out
    }

    /// A header that names its column's currency in brackets after the field's name, as
    /// `Amount (GBP)`, `Total [eur]` or `Amount (£)`: the name before the brackets and the
    /// currency's code (in capitals) or sign; nil for any other header.
    static func currencyMark(inHeader header: String) -> (name: Substring, mark: AmountCell.Mark)? {
        let text = IDText.trim(header)
        guard let close = text.last, close == ")" || close == "]", let open = text.lastIndex(of: close == ")" ? "(" : "[") else { return nil }
        let inside = IDText.trim(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
        let name = text[..<open]
        if inside.count == 1, let sign = inside.first, sign.unicodeScalars.first!.properties.generalCategory == .currencySymbol { return (name, .sign(sign)) }
        let code = inside.uppercased()
        guard Currency.isCode(Array(code.utf8)[...]) else { return nil }
        return (name, .code(code))
    }
}

/// Which column feeds which field: guessed from the header names, then overridden by `--map`.
public struct CSVColumnMap: Sendable {
    public var header: [String]
    public var columns: [ImportField: Int] = [:]
    /// Fields set by `--map` rather than guessed, to say so.
    public var explicit: Set<ImportField> = []
    /// Columns `--map COLUMN=ignore` left out.
    public var ignored: Set<Int> = []

    public init(header: [String]) { self.header = header }

    /// How many of `cells` are names of a field (`Invoice No.`, `Customer`, `Amount`): a
    /// header row has several, a report's title lines above it none or one.
    static func knownNames(_ cells: [String]) -> Int {
        cells.filter { cell in
            let name = ImportField.normalise(cell)
            return !name.isEmpty && ImportField.allCases.contains { $0.synonyms.contains(name) }
        }.count
    }

    /// Guesses every field from the header names; a column feeds at most one field.
    public static func guess(header: [String]) -> CSVColumnMap {
        var map = CSVColumnMap(header: header)
        map.guessMissing()
        return map
    }

    mutating func guessMissing() {
        let names = header.map(ImportField.normalise)
        var used = Set(columns.values)
        for field in ImportField.allCases where columns[field] == nil {
            for synonym in field.synonyms {
                if let k = names.indices.first(where: { names[$0] == synonym && !used.contains($0) }) {
                    columns[field] = k
                    used.insert(k)
                    break
                }
            }
        }
        // `Amount`, `Tax` and `Total` side by side: the total is what is owed, and `Amount` the
        // net the tax is added to.
        if let a = columns[.amount], !explicit.contains(.amount), columns[.tax] != nil, columns[.net] == nil, !ImportField.includesTax(header[a]),
           let total = names.indices.first(where: { !used.contains($0) && ImportField.amount.synonyms.contains(names[$0]) && ImportField.includesTax(header[$0]) }) {
            columns[.net] = a
            columns[.amount] = total
        }
    }

    /// Applies `COLUMN=FIELD` overrides (FIELD `ignore` leaves the column out), then guesses the
    /// rest. A column is named by its header (compared like the guesses) or its 1-based number.
    public static func build(header: [String], overrides: [String]) -> Result<CSVColumnMap, ImportError> {
        var map = CSVColumnMap(header: header)
        var ignored: Set<Int> = []
        let names = header.map(ImportField.normalise)
        for o in overrides {
            guard let eq = o.lastIndex(of: "=") else {
                return .failure(ImportError("--map takes COLUMN=FIELD, not '\(o)'"))
            }
            let column = String(o[..<eq]), fieldName = String(o[o.index(after: eq)...]).lowercased()
            let k: Int
            if let i = header.firstIndex(of: column) {
                k = i
            } else if let i = names.firstIndex(of: ImportField.normalise(column)), !ImportField.normalise(column).isEmpty {
                k = i
            } else if let n = Int(column), n >= 1, n <= header.count {
                k = n - 1
            } else {
                let hint = Suggestion.hint(for: column, in: header).map { "; \($0)" } ?? ""
                return .failure(ImportError("--map: no column '\(column)' in the header (\(header.joined(separator: ", ")))\(hint)"))
            }
            if fieldName == "ignore" || fieldName == "-" {
                ignored.insert(k)
                for (f, c) in map.columns where c == k { map.columns[f] = nil; map.explicit.remove(f) }
                continue
            }
            guard let field = ImportField(rawValue: fieldName) else {
                // A near spelling of a field, or a header name that means one (`customer`).
                let names = ImportField.allCases.map(\.rawValue) + ["ignore"]
                let meant = Suggestion.nearest(to: fieldName, in: names) ?? ImportField.allCases.first { $0.synonyms.contains(ImportField.normalise(fieldName)) }?.rawValue
                let hint = meant.map { " (\(Suggestion.didYouMean($0)))" } ?? ""
                return .failure(ImportError("--map: unknown field '\(fieldName)'\(hint); fields are \(names.joined(separator: ", "))"))
            }
            for (f, c) in map.columns where c == k { map.columns[f] = nil; map.explicit.remove(f) }
            map.columns[field] = k
            map.explicit.insert(field)
        }
        // Guessing must not take a column the user mapped or ignored.
        var guessed = CSVColumnMap(header: header.enumerated().map { ignored.contains($0.offset) || map.columns.values.contains($0.offset) ? "" : $0.element })
        guessed.columns = map.columns
        guessed.explicit = map.explicit
        guessed.guessMissing()
        // Xero names the client `*ContactName`: with no other column naming the client, a
        // contact's name is the client's.
        if guessed.columns[.client] == nil, let k = guessed.columns[.contact], !guessed.explicit.contains(.contact), names[k] == "contactname" {
            guessed.columns[.client] = k
            guessed.columns[.contact] = nil
        }
        map.columns = guessed.columns
        map.ignored = ignored
        return .success(map)
    }

    /// One line per field for stderr: `invoice      <- invoiceNumber (guessed)`.
    public func describe() -> String {
        let width = (ImportField.allCases.map { $0.rawValue.count }.max() ?? 0) + 1
        var lines: [String] = []
        for field in ImportField.allCases {
            guard let k = columns[field] else { continue }
            let name = field.rawValue + String(repeating: " ", count: width - field.rawValue.count)
            lines.append("  \(name)<- \(header[k]) (column \(k + 1), \(explicit.contains(field) ? "--map" : "guessed"))")
        }
        let unused = header.indices.filter { k in !columns.values.contains(k) }.map { header[$0] }
        if !unused.isEmpty { lines.append("  not imported: " + unused.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why an import cannot start at all (as opposed to a row it cannot read).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Where in the file the problem stands, when it is in the data rather than in how the
    /// import was asked for: the command reports it as `FILE:LINE:COLUMN`, as it does a row.
    public var line: Int?
    public var column: Int?
    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }
    public var description: String { line.map { "line \($0), column \(column ?? 1): \(message)" } ?? message }
}
