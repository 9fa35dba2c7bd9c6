import Foundation
import Testing

@testable import Scheduling

@Suite struct EmergencyDeclineTests {
    let start = utc("2026-12-01T19:15:00Z")

    // §7: "if they cannot make it they say so at once": no 65-minute cutoff, until the start.
    @Test(arguments: [(-64.0, true), (-10.0, true), (-0.02, true), (0.0, false), (5.0, false)])
    func aPlacementCanBeDeclinedUntilItStarts(minutesFromStart: Double, allowed: Bool) {
        let placed = booking(start: start)
        let decision = EmergencyDecline().decline(placed, now: start.addingTimeInterval(minutesFromStart * 60), zone: Zone.chicago)
        #expect(decision.isAccepted == allowed)
        if allowed {
            #expect(decision.value?.status == .cancelledByCustomer)
            #expect(decision.value?.sequence == placed.sequence + 1, "the CANCEL must outrank the REQUEST")
        } else {
            #expect(decision.rule == .sessionStarted)
            #expect(decision.reason?.contains("1:15 PM UTC-6 (America/Chicago)") == true)
        }
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff, .noShow, .joined, .completed])
    func onlyAnActivePlacementCanBeDeclined(status: Booking.Status) {
        let decision = EmergencyDecline().decline(
            booking(start: start, status: status), now: start.addingTimeInterval(-600), zone: Zone.chicago)
        #expect(decision.rule == .bookingNotActive)
    }
}
