import Foundation
import Testing

@testable import Scheduling

@Suite("§7 Emergency openings")
struct EmergencyOpeningsTests {
    let policy = Policy(vendorTimeZone: Zone.chicago)
    let member = Company(
        id: acmeID, name: "Acme Crating",
        plans: [MaintenancePlan(id: "p", tier: .free, validFrom: utc("2026-01-01T00:00:00Z"), validUntil: utc("2027-01-01T00:00:00Z"))])
    let nonMember = Company(id: "other", name: "Other Crates")

    func session(_ id: String, _ start: String, _ minutesLong: Int, _ staff: StaffKey) -> Booking {
        booking(id, start: utc(start), staff: staff, type: SessionType(.liveSession, minutes: minutesLong))
    }

    /// Tuesday 3 Nov 2026 in Chicago (CST = UTC-6), a full day: no normal slot left, two
    /// short gaps (alice 10:00–10:20, bob 16:15–16:40) and one too short (alice 12:20–12:30).
    var fullDay: Availability {
        Availability(
            staff: [staff("bob", zone: Zone.chicago), staff("alice", zone: Zone.chicago)],
            busy: [
                "alice": [TimeRange(start: utc("2026-11-03T19:30:00Z"), end: utc("2026-11-03T23:00:00Z"))],
                "bob": [
                    TimeRange(start: utc("2026-11-03T15:00:00Z"), end: utc("2026-11-03T22:15:00Z")),
                    TimeRange(start: utc("2026-11-03T22:40:00Z"), end: utc("2026-11-03T23:00:00Z")),
                ],
            ],
            bookings: [
                session("a1", "2026-11-03T15:00:00Z", 60, "alice"), session("a2", "2026-11-03T16:20:00Z", 60, "alice"),
                session("a3", "2026-11-03T17:20:00Z", 60, "alice"), session("a4", "2026-11-03T18:30:00Z", 60, "alice"),
            ])
    }

    @Test func aFullDayStillHasShortGapsEarliestFirst() throws {
        let now = utc("2026-11-03T14:30:00Z")
        let normal = SlotFinder(policy: policy).slots(
            for: live30, in: TimeRange(start: now, end: utc("2026-11-04T06:00:00Z")), availability: fullDay, now: now)
        #expect(normal.isEmpty, "no normal slot is left today")
        let openings = try #require(EmergencyOpenings(policy).openings(for: member, availability: fullDay, now: now).value)
        #expect(
            openings == [
                EmergencyOpening(staff: "alice", start: utc("2026-11-03T16:00:00Z"), end: utc("2026-11-03T16:20:00Z")),
                EmergencyOpening(staff: "bob", start: utc("2026-11-03T22:15:00Z"), end: utc("2026-11-03T22:40:00Z")),
            ])
    }

    @Test(arguments: [
        ("2026-11-03T16:04:10Z", ["2026-11-03T16:05:00Z", "2026-11-03T22:15:00Z"]),  // 15 minutes left of alice's gap, from the next minute
        ("2026-11-03T16:05:01Z", ["2026-11-03T22:15:00Z"]),  // 14 minutes left: too short
        ("2026-11-03T22:30:00Z", []),  // 10 minutes left of bob's
    ])
    func openingsStartFromNow(now: String, starts: [String]) throws {
        let openings = try #require(EmergencyOpenings(policy).openings(for: member, availability: fullDay, now: utc(now)).value)
        #expect(openings.map(\.start) == starts.map(utc))
    }

    @Test(
        arguments: [
            ("2026-11-03T16:00:00Z", 20, "alice", true),
            ("2026-11-03T16:05:00Z", 15, "alice", true),
            ("2026-11-03T16:05:00Z", 20, "alice", false),  // runs into alice's 10:20 session
            ("2026-11-03T16:00:00Z", 20, "bob", false),  // bob is busy then
        ] as [(String, Int, StaffKey, Bool)])
    func placingTheCustomerInAnOpening(start: String, minutesLong: Int, staff: StaffKey, accepted: Bool) {
        let decision = EmergencyOpenings(policy).place(
            bookingID: "e-1", company: member, contact: kolkataContact, sessionType: SessionType(.liveSession, minutes: minutesLong),
            start: utc(start), staff: staff, charge: freeCharge, availability: fullDay, now: utc("2026-11-03T14:30:00Z"))
        #expect(decision.isAccepted == accepted)
        if accepted {
            #expect(decision.value?.staff == staff)
            #expect(decision.value?.start == utc(start))
        } else {
            #expect(decision.rule == .slotTaken)
        }
    }

    @Test func onlyForActiveMaintenance() {
        let decision = EmergencyOpenings(policy).openings(
            for: nonMember, availability: fullDay, now: utc("2026-11-03T14:30:00Z"), contactZone: Zone.kolkata)
        #expect(decision.rule == .noActivePlan)
        #expect(decision.reason?.contains("8:00 PM UTC+5:30 (Asia/Kolkata)") == true)
    }

    @Test func todayEndsAtMidnightInTheVendorsZone() throws {
        // Lord Howe staff start Wednesday 09:00 (+11) = Tuesday 22:00Z, which is 4:00 PM
        // Tuesday in Chicago and 11:00 PM Tuesday in Berlin: the opening runs to the end
        // of the vendor's Tuesday, 06:00Z for Chicago but 23:00Z for Berlin.
        let availability = Availability(staff: [staff("lhi", zone: Zone.lordHowe)])
        let now = utc("2026-11-03T20:00:00Z")
        let chicagoDay = try #require(EmergencyOpenings(policy).openings(for: member, availability: availability, now: now).value)
        #expect(chicagoDay.map(\.start) == [utc("2026-11-03T22:00:00Z")])
        #expect(chicagoDay.first?.end == utc("2026-11-04T06:00:00Z"))
        let berlinDay = try #require(
            EmergencyOpenings(Policy(vendorTimeZone: Zone.berlin)).openings(for: member, availability: availability, now: now).value)
        #expect(berlinDay == [EmergencyOpening(staff: "lhi", start: utc("2026-11-03T22:00:00Z"), end: utc("2026-11-03T23:00:00Z"))])
    }
}
