/// Semantic tokens for the whole document, from the words of each line and the entry they
/// belong to: keywords, dates and amounts, client ids, invoice numbers, currencies, stages and
/// channels, free text and comments.
enum SemanticTokensFeature {
    enum TokenType: Int, CaseIterable {
        case comment, keyword, number, string, variable, property, type, enumMember, `operator`
    }

    static let tokenTypes = TokenType.allCases.map { $0 == .operator ? "operator" : "\($0)" }

    /// Details whose value is free text to the end of the line.
    static let textDetails: Set<String> = [
        "contact", "greeting", "email", "phone", "address", "methods", "bank", "tax-id", "website",
        "ref", "with", "said", "hardship", "feedback", "reason", "method", "number", "to",
    ]

    struct Token {
        var range: Range<Int>
        var type: TokenType
    }

    static func tokens(_ doc: TextDocument) -> SemanticTokens {
        let text = LedgerText(doc)
        let b = doc.bytes
        var all: [Token] = []
        var kind = ""
        for n in 0..<doc.lines.lineCount {
            let line = text.line(n)
            var found: [Token] = []
            switch line.shape {
            case .blank: break
            case .comment: break
            case .header: kind = header(line, b, into: &found)
            case .detail: detail(line, kind: kind, b, into: &found)
            }
            if let comment = line.comment { found.append(Token(range: comment, type: .comment)) }
            all.append(contentsOf: found)
        }
        return SemanticTokens(data: encode(all, doc))
    }

    static func isDate(_ w: ArraySlice<UInt8>) -> Bool {
        w.count == 10 && w.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    static func isNumber(_ w: ArraySlice<UInt8>) -> Bool {
        guard let f = w.first else { return false }
        return (f == 0x2D || (f >= 0x30 && f <= 0x39)) && w.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2C || $0 == 0x2E || $0 == 0x2D || $0 == 0x25 }
    }

    static func isCurrency(_ w: ArraySlice<UInt8>) -> Bool {
        w.count == 3 && w.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// Marks a header's words; returns the kind of entry it starts.
    static func header(_ l: LedgerLine, _ b: [UInt8], into out: inout [Token]) -> String {
        let w = l.words
        guard let first = w.first else { return "" }
        let word0 = String(decoding: b[first], as: UTF8.self)
        if LedgerParser.topKeywords.contains(word0) {
            out.append(Token(range: first, type: .keyword))
            if word0 == "client", w.count > 1 {
                out.append(Token(range: w[1], type: .variable))
                if w.count > 2 { out.append(Token(range: w[2].lowerBound..<w[w.count - 1].upperBound, type: .string)) }
            } else if word0 != "settings", w.count > 1 {
                out.append(Token(range: w[1].lowerBound..<w[w.count - 1].upperBound, type: .string))
            }
            return word0
        }
        guard isDate(b[first]) else { return "" }
        out.append(Token(range: first, type: .number))
        guard w.count > 1 else { return "" }
        let kind = String(decoding: b[w[1]], as: UTF8.self)
        out.append(Token(range: w[1], type: .keyword))
        if w.count > 2 { out.append(Token(range: w[2], type: .variable)) }
        for k in 3..<max(3, w.count) {
            let word = b[w[k]]
            let type: TokenType
            if isCurrency(word) { type = .type }
            else if kind == "invoice" || (kind == "writeoff" && k == 3) { type = .property }
            else if kind == "note" || kind == "letter" { type = .enumMember }
            else if isNumber(word) && !(kind == "balance" && k == 3 && w.count > 4 && !isCurrency(b[w[4]])) { type = .number }
            else { type = .property }
            out.append(Token(range: w[k], type: type))
        }
        return kind
    }

    static func detail(_ l: LedgerLine, kind: String, _ b: [UInt8], into out: inout [Token]) {
        let w = l.words
        guard let first = w.first else { return }
        if isDate(b[first]) {
            // A plan's instalment: date, amount, currency.
            for r in w { out.append(Token(range: r, type: isCurrency(b[r]) ? .type : .number)) }
            return
        }
        let keyword = String(decoding: b[first], as: UTF8.self)
        out.append(Token(range: first, type: .keyword))
        guard w.count > 1 else { return }
        let rest = w[1].lowerBound..<w[w.count - 1].upperBound
        switch keyword {
        case _ where textDetails.contains(keyword), "for" where kind != "plan":
            out.append(Token(range: rest, type: .string))
        case "returned":
            // The day the payment came back, then the bank's reason: text, though it may read
            // as a currency ("NSF") or a number.
            out.append(Token(range: w[1], type: isDate(b[w[1]]) ? .number : .string))
            if w.count > 2 { out.append(Token(range: w[2].lowerBound..<w[w.count - 1].upperBound, type: .string)) }
        case "apply", "dispute", "resolved", "invoices", "for":
            for (k, r) in w.enumerated().dropFirst() {
                if keyword == "apply" && k > 1 { out.append(Token(range: r, type: isCurrency(b[r]) ? .type : .number)) }
                else if (keyword == "dispute" || keyword == "resolved") && k > 1 {
                    out.append(Token(range: r.lowerBound..<w[w.count - 1].upperBound, type: .string))
                    break
                } else { out.append(Token(range: r, type: .property)) }
            }
        case "item":
            // Description words, then quantity, `x`, price and currency.
            var textStart: Int?
            var textEnd = 0
            for r in w.dropFirst() {
                let word = b[r]
                let type: TokenType? = isNumber(word) ? .number : isCurrency(word) ? .type : (word.elementsEqual("x".utf8) || word.elementsEqual("X".utf8) || word.elementsEqual("×".utf8) || word.elementsEqual("*".utf8)) ? .operator : nil
                if let type {
                    if let s = textStart { out.append(Token(range: s..<textEnd, type: .string)); textStart = nil }
                    out.append(Token(range: r, type: type))
                } else {
                    if textStart == nil { textStart = r.lowerBound }
                    textEnd = r.upperBound
                }
            }
            if let s = textStart { out.append(Token(range: s..<textEnd, type: .string)) }
        default:
            for r in w.dropFirst() {
                let word = b[r]
                out.append(Token(range: r, type: isCurrency(word) ? .type : isNumber(word) ? .number : .enumMember))
            }
        }
    }

    /// LSP's relative encoding: line delta, start delta, length, type, modifiers; in UTF-16.
    static func encode(_ tokens: [Token], _ doc: TextDocument) -> [Int] {
        var data: [Int] = []
        data.reserveCapacity(tokens.count * 5)
        var lastLine = 0, lastStart = 0
        for t in tokens.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where !t.range.isEmpty {
            let start = doc.lines.position(of: t.range.lowerBound, in: doc.bytes)
            let end = doc.lines.position(of: t.range.upperBound, in: doc.bytes)
            guard end.line == start.line else { continue }
            data += [start.line - lastLine, start.line == lastLine ? start.character - lastStart : start.character, end.character - start.character, t.type.rawValue, 0]
            lastLine = start.line
            lastStart = start.character
        }
        return data
    }
}
