/// An amount as a spreadsheet cell writes it, taken apart strictly: a sign (`-`, or the
/// accounting form's parentheses), a currency symbol or code before or after the number, and
/// the number itself, its digits grouped by `,` `.` `'` or spaces and its decimals after a
/// `,` or `.`. Anything else makes the cell unreadable rather than read as some other number:
/// `1e3`, `12abc`, `12.3.4` or `--5` were once read as 13, 12, 1234 and 5.
struct AmountCell {
    /// The number's digits, with `.` before the decimals when there are any.
    var digits: [UInt8]
    var negative: Bool
    /// The cell held nothing (or only spaces): no amount, which is not an error here.
    var empty: Bool { digits.isEmpty }

    /// The currency a cell writes beside its number: its three-letter code, or its sign.
    enum Mark: Hashable {
        case code(String)
        case sign(Character)

        /// The currency it names; nil for a sign more than one currency writes (`$`).
        var currency: Currency? {
            switch self {
            case .code(let code): Currency(code)
            case .sign(let sign): Currency.signed(sign)
            }
        }

        /// As written.
        var text: String {
            switch self {
            case .code(let code): code
            case .sign(let sign): String(sign)
            }
        }
    }

    /// What stands around a cell's number, taken off it: the sign, one currency symbol and
    /// one three-letter code, in any order; `number` is what is left.
    struct Around {
        var negative = false
        var code: String?
        var symbol: Unicode.Scalar?
        var number: [Unicode.Scalar]

        /// The currency written beside the number, by its code before its sign; nil when none is.
        var mark: Mark? { code.map { .code($0) } ?? symbol.map { .sign(Character($0)) } }
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\u{A0}" || u == "\u{202F}" || u == "\u{2009}" || u == "\t" }

    /// The cell's number and what stands around it; nil when the cell is empty.
    static func around(_ text: String) -> Around? {
        var scalars = Array(text.unicodeScalars)
        func trim() {
            while let f = scalars.first, isSpace(f) { scalars.removeFirst() }
            while let l = scalars.last, isSpace(l) { scalars.removeLast() }
        }
        trim()
        if scalars.isEmpty { return nil }
        var a = Around(number: [])
        if scalars.first == "(" && scalars.last == ")" {
            a.negative = true
            scalars = Array(scalars.dropFirst().dropLast())
            trim()
        }
        // Around the number, in any order: one sign, one currency symbol, one three-letter code.
        func takeAround(fromFront front: Bool) -> Bool {
            guard let u = front ? scalars.first : scalars.last else { return false }
            if u == "-" || u == "\u{2212}" {
                guard !a.negative else { return false }
                a.negative = true
                if front { scalars.removeFirst() } else { scalars.removeLast() }
            } else if u == "+" {
                if front { scalars.removeFirst() } else { scalars.removeLast() }
            } else if u.properties.generalCategory == .currencySymbol {
                guard a.symbol == nil else { return false }
                a.symbol = u
                if front { scalars.removeFirst() } else { scalars.removeLast() }
            } else if u.properties.isAlphabetic {
                let run = front ? Array(scalars.prefix { $0.properties.isAlphabetic }) : Array(scalars.reversed().prefix { $0.properties.isAlphabetic }.reversed())
                guard a.code == nil, run.count == 3, run.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else { return false }
                a.code = String(String.UnicodeScalarView(run))
                if front { scalars.removeFirst(3) } else { scalars.removeLast(3) }
            } else {
                return false
            }
            trim()
            return true
        }
        while takeAround(fromFront: true) {}
        while takeAround(fromFront: false) {}
        a.number = scalars
        return a
    }

    /// The cell taken apart, or why it is not an amount. `currency`: the row's, which a code
    /// or a sign of one currency written in the cell must match; `currencyColumn`, the
    /// column that gave it, when a row's currency cell did.
    static func digits(_ text: String, _ currency: Currency, decimals convention: DecimalConvention? = nil, currencyColumn: String? = nil) -> Result<AmountCell, ImportError> {
        var unreadable: ImportError { ImportError("'\(text)' is not an amount") }
        guard let around = around(text) else { return .success(AmountCell(digits: [], negative: false)) }
        let negative = around.negative
        let scalars = around.number
        // `€` beside an amount of a GBP row is as much another currency as `EUR` is.
        if let other = around.code ?? around.symbol.flatMap({ Currency.signed(Character($0)) })?.code, other != currency.code {
            // The row says its currency already: one of the two cells is wrong.
            if let currencyColumn {
                return .failure(ImportError("'\(text)' is in \(other), but the row's '\(currencyColumn)' cell says \(currency.code): correct whichever of the two is wrong"))
            }
            return .failure(ImportError("'\(text)' is in \(other), not \(currency.code): give the row's currency in a currency column"))
        }
        guard !scalars.isEmpty else { return .failure(unreadable) }
        // The number: digits, and marks between them.
        var runs: [[UInt8]] = [[]]
        var marks: [Unicode.Scalar] = []
        for u in scalars {
            if u >= "0" && u <= "9" {
                runs[runs.count - 1].append(UInt8(u.value))
            } else if u == "," || u == "." || u == "'" || u == "\u{2019}" || isSpace(u) {
                marks.append(u)
                runs.append([])
            } else {
                return .failure(unreadable)
            }
        }
        // A leading decimal mark (`.50`) stands for a zero before it.
        if runs.count == 2 && runs[0].isEmpty && (marks[0] == "." || marks[0] == ",") { runs[0] = [0x30] }
        guard runs.allSatisfy({ !$0.isEmpty }) else { return .failure(unreadable) }
        // The decimal mark: the last mark when it is a `,` or `.` that appears once, but a
        // lone `,` before exactly three digits groups them (`1,500` is fifteen hundred). A lone
        // `.` is always the decimal mark: `1.500` read as fifteen hundred could as well be one
        // and a half, and with more decimals than the currency has, the row is refused.
        var decimals: [UInt8]? = nil
        if let convention {
            // The file's own mark, found from an amount that shows it: one of them at most, last.
            let mark = convention.scalar
            let count = marks.filter { $0 == mark }.count
            guard count == 0 || (count == 1 && marks.last == mark) else { return .failure(convention.refusal(text)) }
            if count == 1 {
                decimals = runs.removeLast()
                marks.removeLast()
            }
        } else if let last = marks.last, last == "," || last == "." {
            let same = marks.filter { $0 == last }.count
            let otherKinds = marks.contains { $0 != last }
            if same == 1 && (last == "." || runs.last!.count != 3 || otherKinds) {
                decimals = runs.removeLast()
                marks.removeLast()
            }
        }
        // What is left is grouping: one kind of mark, groups of three after the first (two
        // in the Indian way, `1,23,456`, before the last three).
        func refused() -> Result<AmountCell, ImportError> {
            // Under the file's convention, a cell that reads the other way is named for it.
            if let convention, case .success = AmountCell.digits(text, currency) { return .failure(convention.refusal(text)) }
            return .failure(unreadable)
        }
        if let g = marks.first {
            guard marks.allSatisfy({ $0 == g || (isSpace($0) && isSpace(g)) }), runs[0].count <= 3 else { return refused() }
            for (k, r) in runs.enumerated().dropFirst() where !(r.count == 3 || (r.count == 2 && k < runs.count - 1)) {
                return refused()
            }
        }
        var digits = runs.flatMap { $0 }
        if let decimals { digits += [0x2E] + decimals }
        return .success(AmountCell(digits: digits, negative: negative))
    }
}

/// Which mark a file's amounts put before their decimals, learnt from the first amount that
/// shows it: `1,234.50` or `12.5` say a point, `1.234,50` or `12,50` a comma; `1,500` and
/// `1.500` say nothing. Every other amount of the file is then read that way, so `1.500`
/// beside `2.000,00` is fifteen hundred, and a cell written the other way is refused, not read
/// as another number.
struct DecimalConvention: Sendable, Hashable {
    /// `,` or `.`.
    var scalar: Unicode.Scalar
    /// The cell that showed it, for the message of one that does not follow it.
    var line: Int
    var example: String

    var name: String { scalar == "," ? "a decimal comma" : "a decimal point" }

    func refusal(_ text: String) -> ImportError {
        ImportError("'\(text)' does not write its decimals as this file's amounts do: they use \(name), as '\(example)' on line \(line) does; correct the cell, or give the file one convention")
    }

    /// The mark `text` shows, when it is an amount that shows one.
    static func shown(by text: String, line: Int, currency: Currency) -> DecimalConvention? {
        guard case .success = AmountCell.digits(text, currency) else { return nil }
        var marks: [(Unicode.Scalar, Int)] = []  // each `,` or `.` with the digits after it
        for u in text.unicodeScalars {
            if u == "," || u == "." {
                marks.append((u, 0))
            } else if u >= "0" && u <= "9", !marks.isEmpty {
                marks[marks.count - 1].1 += 1
            }
        }
        guard let last = marks.last else { return nil }
        let kinds = Set(marks.map(\.0))
        let scalar: Unicode.Scalar
        if kinds.count == 2 {
            scalar = last.0
        } else if marks.count > 1 {
            scalar = last.0 == "," ? "." : ","  // repeated, it groups
        } else if last.1 != 3 {
            scalar = last.0
        } else {
            return nil  // `1,500`, `1.500`: either
        }
        return DecimalConvention(scalar: scalar, line: line, example: IDText.trim(text))
    }
}
