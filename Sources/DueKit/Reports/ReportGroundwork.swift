#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation

/// What `due report` reads of the ledger alone, needing no balance: the promises, plans and
/// letters behind each invoice's status (`ClientActivity`) and each client's latest entries
/// for its card (`ClientTimeline`). Gathered while the check runs, on a thread of its own that
/// the system runs only when a core would otherwise wait: the check keeps both cores busy
/// while it parses, but one core waits while the other applies the money up to the as-of date
/// and passes the month-ends to the history, and that core gathers these. The report never
/// waits for them: what is not gathered by the time it is wanted (on a machine with no core
/// to spare) the report gathers itself, as it would without this.
final class ReportGroundwork: @unchecked Sendable {
    /// Each set once, by the gathering thread, before its signal; read only once it is signalled.
    private var activity: ClientActivity?
    private var timeline: ClientTimeline?
    private let activityDone = DispatchSemaphore(value: 0)
    private let timelineDone = DispatchSemaphore(value: 0)

    /// Starts gathering for the report as of `asOf`.
    init(ledger: Ledger, asOf: Day) {
        let thread = Thread { [self] in
            ReportGroundwork.yieldToOthers()
            activity = ClientActivity(ledger, asOf: asOf)
            activityDone.signal()
            timeline = ClientTimeline(ledger: ledger, asOf: asOf, keep: ReportPage.timelineLength)
            timelineDone.signal()
        }
        thread.qualityOfService = .utility
        thread.start()
    }

    /// The activity, if gathered by now; asked once.
    func activityIfGathered() -> ClientActivity? {
        guard activityDone.wait(timeout: .now()) == .success else { return nil }
        defer { activity = nil }
        return activity
    }

    /// The timeline, if gathered by now; asked once.
    func timelineIfGathered() -> ClientTimeline? {
        guard timelineDone.wait(timeout: .now()) == .success else { return nil }
        defer { timeline = nil }
        return timeline
    }

    /// Asks the system to run the calling thread only on a core nothing else wants, so the
    /// gathering never slows the check it runs beside, nor anything else the machine runs.
    private static func yieldToOthers() {
        #if canImport(Glibc)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = pthread_setschedparam(pthread_self(), idlePolicy, &parameters)
        #endif
    }

    #if canImport(Glibc)
    /// `SCHED_IDLE` of <sched.h>, which the Glibc module does not bring into Swift.
    private static let idlePolicy: Int32 = 5
    #endif
}
