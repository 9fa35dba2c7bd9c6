import Foundation
import TestSupport
import Testing

@testable import Scheduling

/// A contact cannot be in two sessions at once: a double-submitted form, a second tab or a
/// typo books nothing twice (rule `already-booked-then`), on every path that books or moves.
@Suite("§3 One session at a time per contact")
struct ContactOverlapTests {
    let decider = BookingDecider(policy: .default, hasher: FakeHasher())
    let now = utc("2026-11-02T15:00:00Z")
    let team = [staff("alice", zone: Zone.chicago, hours: ["07:00-17:00"]), staff("bob", zone: Zone.chicago, hours: ["07:00-17:00"])]
    let fees = try! FeeSchedule(versions: [
        .init(id: "2026-01", effectiveFrom: day("2026-01-01"), in: Zone.chicago, fees: [live60: .usd(150), live30: .usd(80)])
    ])
    let acme = Company(id: acmeID, name: "Acme Crating")

    func context(_ bookings: [Booking]) -> BookingContext {
        BookingContext(
            availability: Availability(staff: team, bookings: bookings), feeSchedule: fees,
            standing: CompanyStanding.evaluate(bookings: [], reinstatements: [], policy: .default))
    }

    func request(at start: String, type: SessionType = live60, contact: Contact = chicagoContact) -> BookingRequest {
        BookingRequest(bookingID: "new", company: acme, contact: contact, sessionType: type, start: utc(start))
    }

    // Ann's session runs 15:00–16:00Z; bob is free all day, so only the overlap can refuse.
    @Test(arguments: [
        ("2026-11-03T15:00:00Z", false),  // the same time, as a double-submitted form asks
        ("2026-11-03T14:30:00Z", false),  // ends inside it
        ("2026-11-03T15:45:00Z", false),  // starts inside it
        ("2026-11-03T14:00:00Z", true),  // ends as it starts
        ("2026-11-03T16:00:00Z", true),  // starts as it ends
    ])
    func aSecondSessionOverlappingTheFirstIsRefused(start: String, allowed: Bool) {
        let first = booking("first", start: utc("2026-11-03T15:00:00Z"), contact: chicagoContact.id)
        let decision = decider.decide(request(at: start), context: context([first]), now: now)
        #expect(decision.isAccepted == allowed)
        if !allowed {
            #expect(decision.rule == .alreadyBookedThen)
            #expect(
                decision.reason
                    == "You already have a 60-minute live session at 9:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026; "
                    + "a second session at the same time cannot be booked. Move or cancel that one first, or choose another time.")
        }
    }

    @Test func anotherContactOfTheSameCompanyMayBookAlongside() {
        let first = booking("first", start: utc("2026-11-03T15:00:00Z"), contact: chicagoContact.id)
        #expect(
            decider.decide(request(at: "2026-11-03T15:00:00Z", contact: kolkataContact), context: context([first]), now: now).value?.staff
                == "bob")
    }

    @Test(arguments: [Booking.Status.cancelledByCustomer, .cancelledByStaff, .noShow])
    func aSessionNoLongerGoingAheadDoesNotCount(status: Booking.Status) {
        let first = booking("first", start: utc("2026-11-03T15:00:00Z"), status: status, contact: chicagoContact.id)
        #expect(decider.decide(request(at: "2026-11-03T15:00:00Z"), context: context([first]), now: now).isAccepted)
    }

    @Test func aCustomerCannotMoveASessionOntoTheirOtherOne() {
        let first = booking("first", start: utc("2026-11-03T15:00:00Z"), staff: "alice", contact: chicagoContact.id)
        let second = booking("second", start: utc("2026-11-03T18:00:00Z"), staff: "bob", contact: chicagoContact.id)
        let availability = Availability(staff: team, bookings: [first, second])
        let decision = Rescheduler(.default).reschedule(
            second, to: utc("2026-11-03T15:30:00Z"), by: .customer, availability: availability, now: now, zone: Zone.chicago)
        #expect(decision.rule == .alreadyBookedThen)
        // Moving a session within its own time is not an overlap with itself.
        #expect(
            Rescheduler(.default).reschedule(
                second, to: utc("2026-11-03T18:30:00Z"), by: .customer, availability: availability, now: now, zone: Zone.chicago
            ).isAccepted)
    }

    @Test func anEmergencyIsNotPlacedOnTopOfTheContactsSession() {
        let today = utc("2026-11-03T14:00:00Z")
        let plan = MaintenancePlan(id: "p", tier: .free, validFrom: utc("2026-01-01T00:00:00Z"), validUntil: utc("2027-01-01T00:00:00Z"))
        let company = Company(id: acmeID, name: "Acme Crating", plans: [plan])
        let first = booking("first", start: utc("2026-11-03T16:00:00Z"), staff: "alice", contact: chicagoContact.id)
        let decision = EmergencyOpenings(.default).place(
            bookingID: "e", company: company, contact: chicagoContact, sessionType: phone30,
            start: utc("2026-11-03T16:00:00Z"), staff: "bob", charge: freeCharge,
            availability: Availability(staff: team, bookings: [first]), now: today, zone: Zone.chicago)
        #expect(decision.rule == .alreadyBookedThen)
    }
}

/// §3: customers book at most `booking_horizon_days` ahead (default 90).
@Suite("§3 Booking horizon")
struct BookingHorizonTests {
    let now = utc("2026-11-02T15:00:00Z")
    let team = [staff("alice", zone: Zone.chicago)]

    @Test(arguments: [(89, true), (90, false), (91, false), (400, false)])
    func bookingsBeyondTheHorizonAreRefused(daysAhead: Int, allowed: Bool) {
        let fees = try! FeeSchedule(versions: [
            .init(id: "v", effectiveFrom: day("2026-01-01"), in: Zone.chicago, fees: [live60: .usd(150)])
        ])
        let context = BookingContext(
            availability: Availability(staff: team), feeSchedule: fees,
            standing: CompanyStanding.evaluate(bookings: [], reinstatements: [], policy: .default))
        let start = now.addingTimeInterval(TimeInterval(daysAhead) * 86_400)
        let request = BookingRequest(
            bookingID: "b", company: Company(id: acmeID, name: "Acme"), contact: chicagoContact, sessionType: live60, start: start)
        let decision = BookingDecider(policy: .default, hasher: FakeHasher()).decide(request, context: context, now: now)
        #expect(decision.isAccepted == allowed)
        if !allowed {
            #expect(decision.rule == .beyondBookingHorizon)
            #expect(decision.reason?.hasPrefix("Sessions can be booked up to 90 days ahead;") == true)
        }
    }

    @Test func noSlotIsOfferedAtOrBeyondTheHorizon() throws {
        let finder = SlotFinder(policy: .default)
        let window = TimeRange(start: now, end: now.addingTimeInterval(120 * 86_400))
        let offered = finder.offered(for: live60, in: window, availability: Availability(staff: team), now: now)
        let last = try #require(offered.last)
        #expect(last.start < now.addingTimeInterval(90 * 86_400))
        #expect(last.start > now.addingTimeInterval(89 * 86_400))
        // The pure search still sees further; only what customers are offered stops.
        #expect(finder.slots(for: live60, in: window, availability: Availability(staff: team), now: now).count > offered.count)
        #expect(
            finder.offered(
                for: live60, in: TimeRange(start: now.addingTimeInterval(91 * 86_400), end: now.addingTimeInterval(95 * 86_400)),
                availability: Availability(staff: team), now: now
            ).isEmpty)
    }
}
