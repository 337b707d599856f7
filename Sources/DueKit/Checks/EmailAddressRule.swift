/// An `email` that no message can be addressed to (a name before the `@` beyond ASCII, which
/// only a mail server that takes UTF-8 could carry, or text that is not an address) gets no `.eml`: the letters go by post, so the user is told here
/// rather than finding the email missing (W419).
enum EmailAddressRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        let hint = "write an address with ASCII before the `@` (or several separated by commas, each bare or as `Name <address>`); until then no email is made and letters go by post"
        if let sender = l.sender, let email = sender.email, LetterEmail.address(email) == nil {
            d.append(Diagnostic(.W419, "the sender's email '\(email)' cannot be written into a message, so no letter gets an email", at: sender.range, hint: hint))
        }
        for client in l.clients {
            guard let email = client.email, LetterEmail.recipients(email) == nil else { continue }
            d.append(Diagnostic(.W419, "the email of '\(client.id)', '\(email)', cannot be written into a message, so its letters get no email", at: l.files.detail(.email, of: client.anchor) ?? l.files.word(1, of: client.anchor), hint: hint))
        }
    }
}
