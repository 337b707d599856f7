/// One ledger entry laid out as `due fmt` writes it: the header's words single-spaced, details
/// indented two spaces with their keywords padded so the values of one entry line up.
struct CanonicalEntry {
    var header: String
    var details: [(keyword: String, value: String)] = []

    init(_ header: String) { self.header = header }

    mutating func add(_ keyword: String, _ value: String) { details.append((keyword, value)) }

    func write(to out: inout String) {
        out += header
        out += "\n"
        guard !details.isEmpty else { return }
        var width = 0
        for d in details where d.keyword.utf8.count > width { width = d.keyword.utf8.count }
        for d in details {
            out += "  "
            out += d.keyword
            out += String(repeating: " ", count: width - d.keyword.utf8.count + 2)
            out += d.value
            out += "\n"
        }
    }
}
