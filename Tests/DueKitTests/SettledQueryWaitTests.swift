import Testing
@testable import DueKit

/// The first reminder after a query is settled waits `cadence` min days for the credit note
/// the settling may have agreed, or until one is recorded, whichever is sooner: a reminder the
/// day after the call would ask for the money just agreed to be credited.
@Suite struct SettledQueryWaitTests {
    let suite = DemandAftermathTests()

    /// D-1 (1,440.00) queried on 21 October and acknowledged; a call on 10 November agreed a
    /// credit for twelve images and settled the query.
    static let settled = """
        settings
          currency GBP

        sender Test Studio Ltd
          contact Sam Lee

        client dispy Dispute Co Ltd
          contact Carla Diaz
          terms net 14

        2026-10-05 invoice dispy D-1
          total 1,440.00
        2026-10-21 note dispy email
          said     Retouching was poor on 12 of the images
          dispute  D-1 Retouching quality
        2026-10-22 letter dispy dispute
          invoices D-1
        2026-11-10 note dispy call
          said     Agreed credit for 12 images
          resolved D-1 Credit for 12 images

        """

    @Test func noReminderTheDayAfterTheCallWhileTheCreditMayBeComing() throws {
        let r = try suite.run(Self.settled, asOf: "2026-11-11")
        #expect(r.choice.stage == nil)
        #expect(r.choice.reason == "D-1 is 23 days past due, but the query about D-1 was settled on 2026-11-10; reminder from 2026-11-17, or once a credit note agreed is recorded")
        #expect(r.choice.nextDate == Day.parse("2026-11-17"))
        #expect(r.agenda.map(\.action) == ["record any credit note agreed for D-1"])
        #expect(r.agenda.map(\.why) == ["the query about D-1 was settled on 2026-11-10; a reminder follows from 2026-11-17, or once the credit note is recorded"])
    }

    @Test func theCreditNoteRecordedBringsTheReminderForWhatIsLeft() throws {
        let r = try suite.run(Self.settled + "2026-11-12 credit dispy 144.00\n  number CN-1\n  apply D-1\n", asOf: "2026-11-12")
        #expect(r.choice.stage == .reminder)
        #expect(r.agenda.map(\.action) == ["send a reminder (1,296.00 GBP)"])
        #expect(r.text.contains("As agreed, credit note CN-1 for 144.00 GBP, dated 12 November 2026, has been applied to invoice D-1."))
    }

    /// No credit note after `cadence` min days: the settling agreed none, or it is late; the
    /// reminder asks for the whole invoice.
    @Test func withoutACreditNoteTheReminderGoesOnceTheDaysHavePassed() throws {
        #expect(try suite.run(Self.settled, asOf: "2026-11-16").choice.stage == nil)
        let r = try suite.run(Self.settled, asOf: "2026-11-17")
        #expect(r.choice.stage == .reminder)
        #expect(r.agenda.map(\.action) == ["send a reminder (1,440.00 GBP)"])
    }
}
