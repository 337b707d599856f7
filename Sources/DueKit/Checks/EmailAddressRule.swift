/// An `email` that no message can be addressed to (a name before the `@` beyond ASCII, which
/// only a mail server that takes UTF-8 could carry, or text that is not an address) gets no `.eml`: the letters go by post, so the user is told here
/// rather than finding the email missing (W419). So is a sender with no `email` at all while
/// clients take letters by email: every letter goes by post, and `due sent` records it so (W433).
enum EmailAddressRule: LedgerRule {
    static let needsBalances = false
    static func check(_ c: CheckContext, into d: inout Findings) {
        let l = c.ledger
        let hint = "write an address with ASCII before the `@` (or several separated by commas, each bare or as `Name <address>`); until then no email is made and letters go by post"
        if let sender = l.sender, let email = sender.email, LetterEmail.address(email) == nil {
            d.append(Diagnostic(.W419, "the sender's email '\(email)' cannot be written into a message, so no letter gets an email", at: sender.range, hint: hint))
        }
        // Once, at the sender: the want is the sender's, whichever clients it affects. Only for
        // clients whose letters would otherwise go by email (an address a message can carry, and
        // no `channel` that says post).
        if let sender = l.sender, sender.email == nil, l.clients.contains(where: { client in
            client.email.flatMap(LetterEmail.recipients) != nil && SentJob.channel(client: client, emailMade: true) == "email"
        }) {
            d.append(Diagnostic(.W433, "clients have email addresses but the sender has none: letters are drafted for post only", at: sender.range, hint: "add `email` to the sender"))
        }
        for client in l.clients {
            guard let email = client.email, LetterEmail.recipients(email) == nil else { continue }
            d.append(Diagnostic(.W419, "the email of '\(client.id)', '\(email)', cannot be written into a message, so its letters get no email", at: l.files.detail(.email, of: client.anchor) ?? l.files.word(1, of: client.anchor), hint: hint))
        }
    }
}
