import Foundation
import Testing

@testable import Scheduling

@Suite("§3 Staff assignment")
struct StaffAssignerTests {
    let assigner = StaffAssigner()
    let slot = utc("2026-11-03T15:00:00Z")  // 9:00 AM CST, 8:30 PM IST

    @Test(arguments: [["alice", "bob"], ["bob", "alice"]] as [[StaffKey]])
    func equalLoadGoesToTheSmallerKeyWhateverTheOrder(candidates: [StaffKey]) {
        let availability = Availability(
            staff: [staff("bob", zone: Zone.chicago), staff("alice", zone: Zone.chicago)],
            bookings: [
                booking("x", start: utc("2026-11-03T18:00:00Z"), staff: "alice"),
                booking("y", start: utc("2026-11-03T19:00:00Z"), staff: "bob"),
            ])
        #expect(assigner.assign(from: candidates, at: slot, availability: availability) == "alice")
    }

    @Test func leastBookedThatDayWins() {
        let availability = Availability(
            staff: [staff("alice", zone: Zone.chicago), staff("bob", zone: Zone.chicago)],
            bookings: [
                booking("x", start: utc("2026-11-03T18:00:00Z"), staff: "alice"),
                // Bob's other bookings are on other days.
                booking("y", start: utc("2026-11-04T18:00:00Z"), staff: "bob"),
                booking("z", start: utc("2026-11-02T18:00:00Z"), staff: "bob"),
            ])
        #expect(assigner.assign(from: ["alice", "bob"], at: slot, availability: availability) == "bob")
    }

    @Test func cancelledBookingsDoNotCountButNoShowsDo() {
        let availability = Availability(
            staff: [staff("alice", zone: Zone.chicago), staff("bob", zone: Zone.chicago)],
            bookings: [
                booking("x", start: utc("2026-11-03T18:00:00Z"), staff: "alice", status: .cancelledByStaff),
                booking("y", start: utc("2026-11-03T16:00:00Z"), staff: "alice", status: .noShow),
            ])
        #expect(assigner.load(of: "alice", onDayOf: slot, availability: availability) == 1)
        #expect(assigner.assign(from: ["alice", "bob"], at: slot, availability: availability) == "bob")
    }

    @Test func theDayIsTheStaffMembersOwnLocalDay() {
        // 20:00Z on 3 Nov is 1:30 AM on 4 Nov in Kolkata: a different day for Kavya,
        // though the same UTC day as the slot.
        let availability = Availability(
            staff: [staff("kavya", zone: Zone.kolkata), staff("zed", zone: Zone.utc)],
            bookings: [
                booking("x", start: utc("2026-11-03T20:00:00Z"), staff: "kavya"),
                booking("y", start: utc("2026-11-03T20:00:00Z"), staff: "zed"),
            ])
        #expect(assigner.load(of: "kavya", onDayOf: slot, availability: availability) == 0)
        #expect(assigner.load(of: "zed", onDayOf: slot, availability: availability) == 1)
        #expect(assigner.assign(from: ["zed", "kavya"], at: slot, availability: availability) == "kavya")
    }

    @Test func noCandidatesNoAssignment() {
        #expect(assigner.assign(from: [], at: slot, availability: Availability(staff: [])) == nil)
    }
}
