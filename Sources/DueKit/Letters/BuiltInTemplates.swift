/// The letters `due` writes when the user has no template of their own for a stage. Plain and
/// kind; firmer only as the stage requires. A file `<stage>.txt` in the templates folder
/// replaces any one of them (grammar.md §7.4).
public enum BuiltInTemplates {
    static let head = """
        {{sender.block}}

        {{date}}

        {{client.block}}


        """

    static let foot = """

        {{signature}}

        """

    public static func text(for stage: LetterStage) -> String {
        head + body(stage) + foot
    }

    static func body(_ stage: LetterStage) -> String {
        switch stage {
        case .courtesy:
            return """
                **{{courtesy.title}}**

                Dear {{client.salutation}},

                A quick note, not a chase: {{courtesy.due}}{{courtesy.check}}.
                {{payments.received}}
                {{discount.missed}}

                {{invoices.table}}

                {{credits}}
                {{credit.used}}
                {{credit.on-account}}

                {{methods}}
                {{bank}}

                If anything on {{invoices.it}} looks wrong, just reply and we will sort it out{{courtesy.before}}.

                With thanks,

                """
        case .reminder:
            return """
                **{{reminder.title}}: {{total.heading}} past due**

                Dear {{client.salutation}},

                {{reminder.opening}}
                {{last.contact}}
                {{payment.returned}}
                {{dispute.resolved}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}
                Our records show {{total}} past due on {{invoices.phrase}}.

                {{promise.broken}}
                {{plan.ended}}
                {{writeoffs}}
                {{discount.missed}}

                {{invoices.table}}

                {{not-yet-due}}
                {{on.hold}}
                {{credit.on-account}}

                {{methods}}
                {{bank}}

                {{reminder.habit}}

                {{reminder.close}} {{reminder.ask}}
                {{plan.offered}}

                Kind regards,

                """
        case .followUp:
            return """
                **Following up: {{total.heading}} past due**

                Dear {{client.salutation}},

                {{last.contact}}
                {{payment.returned}}
                {{dispute.resolved}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}
                {{again}}
                {{newly.due}}

                {{promise.broken}}
                {{plan.ended}}
                {{writeoffs}}
                {{discount.missed}}

                {{invoices.table}}

                {{not-yet-due}}
                {{on.hold}}
                {{credit.on-account}}

                {{follow-up.ask}}
                {{plan.offered}}

                {{follow-up.note}}

                {{methods}}
                {{bank}}

                Kind regards,

                """
        case .final:
            return """
                **Final notice: {{total.heading}} overdue**

                Dear {{client.salutation}},

                {{final.opening}}
                {{newly.due}}

                {{previous.letter}}
                {{unanswered}}
                {{promise.broken}}
                {{plan.ended}}
                {{last.contact}}
                {{payment.returned}}
                {{dispute.resolved}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}
                {{writeoffs}}

                {{discount.missed}}

                {{invoices.table}}

                {{not-yet-due}}
                {{on.hold}}
                {{credit.on-account}}

                Please pay {{total.asked}} by {{reply.by}}{{final.contact}}. {{final.unless}}, {{final.next}}.
                {{plan.offered}}

                {{final.close}}

                {{methods}}
                {{bank}}

                Yours sincerely,

                """
        case .demand:
            return """
                **Formal demand for payment**

                Dear {{client.salutation}},

                This letter is a formal demand for payment of {{claim.amount}}, {{claim.breakdown}}.
                {{newly.due}}

                {{unanswered}}
                {{payment.returned}}
                {{promise.broken}}
                {{plan.ended}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}
                {{writeoffs}}

                {{discount.missed}}

                {{invoices.table}}

                {{not-yet-due}}
                {{on.hold}}
                {{credit.on-account}}

                {{claim.terms}}

                {{claim.table}}

                {{claim.total}}

                Our contacts with you about {{history.about}}:

                {{history}}

                Please pay {{claim.asked}} by {{reply.by}}. {{claim.if}} not reached us by that date, we intend to take formal steps to recover the debt without further notice, which may include passing it to a collection agency or making a claim in court{{claim.costs}}.

                If you believe any part of this is not owed, tell me in writing before that date and say why.

                {{methods}}
                {{bank}}

                Yours sincerely,

                """
        case .planOffer:
            return """
                **A payment plan for {{total}}**

                Dear {{client.salutation}},

                {{last.contact}}
                {{payment.returned}}
                {{plan.opening}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}

                I would like to make this manageable for you. Here is what is open at the moment:

                {{invoices.table}}

                {{total.split}}
                {{not-yet-due}}
                {{on.hold}}
                {{credit.on-account}}

                I can offer to split the {{total}} into instalments that suit your cash flow, for example equal monthly payments over the next few months, with nothing added as long as each one arrives on time. Tell me by {{reply.by}} what you could pay and when, and I will confirm a schedule in writing.

                {{methods}}
                {{bank}}

                Kind regards,

                """
        case .instalment:
            return """
                **Your payment plan: {{instalment.title}}**

                Dear {{client.salutation}},

                {{last.contact}}
                {{payment.returned}}
                {{dispute.resolved}}
                {{payments.received}}
                {{plan.next}}
                {{plan.reminded}}
                {{promise.broken}}
                {{credits}}
                {{writeoffs}}
                {{credit.used}}

                Here is {{plan.title}} and where it stands:

                {{plan.table}}

                {{invoices.table}}

                {{plan.others}}
                {{plan.outside}}
                {{not-yet-due}}

                Please send {{plan.missed}} by {{plan.by}}. {{plan.adjust}}

                {{methods}}
                {{bank}}

                Kind regards,

                """
        case .dispute:
            return """
                **{{dispute.title}}**

                Dear {{client.salutation}},

                {{dispute.opening}}

                {{dispute.list}}

                {{last.letter}}
                So we are working from the same facts, here is everything open on your account:

                {{invoices.table}}

                {{on.hold}}
                {{payments.received}}
                {{credits}}
                {{credit.used}}
                {{credit.on-account}}

                I will go back over the work, what was agreed and our messages, and come back to you with a proposal: a correction, a partial credit or {{dispute.plan}}, whichever fits. If you have anything I should see, please send it by {{reply.by}}.

                Kind regards,

                """
        case .thanks:
            return """
                **Thank you**

                Dear {{client.salutation}},

                {{settlement}}
                {{writeoffs}}
                {{credit.on-account}}

                {{dispute.resolved}}

                {{thanks.close}}
                {{feedback.ask}}

                With best wishes,

                """
        case .statement:
            return """
                **Statement of account at {{date}}**

                Dear {{client.salutation}},

                {{statement.intro}}

                {{invoices.table}}

                {{credit.on-account}}

                {{credits}}
                {{credit.used}}
                {{writeoffs}}
                {{on.hold}}
                {{plan.table}}

                {{methods}}
                {{bank}}

                If anything here does not match your records, let me know and we will reconcile it.

                Kind regards,

                """
        }
    }
}
