import Foundation
import TestSupport
import Testing

@testable import Scheduling

@Suite("§2–§3 Booking decisions")
struct BookingDeciderTests {
    static let hasher = FakeHasher()
    static let code = try! MaintenanceCode.issue(code: "CRATE-7731", salt: saltA, hasher: hasher, at: utc("2026-01-01T00:00:00Z"))
    static let fees = try! FeeSchedule(versions: [
        .init(id: "2026-01", effectiveFrom: day("2026-01-01"), in: Zone.chicago, fees: [live60: .usd(150), live30: .usd(80)]),
        .init(id: "2026-11", effectiveFrom: day("2026-11-03"), in: Zone.chicago, fees: [live60: .usd(170), live30: .usd(90)]),
    ])

    let decider = BookingDecider(policy: .default, hasher: BookingDeciderTests.hasher)
    let now = utc("2026-11-02T15:00:00Z")
    let start = utc("2026-11-03T15:00:00Z")  // Tuesday 9:00 AM CST
    let team = [staff("alice", zone: Zone.chicago), staff("bob", zone: Zone.chicago)]

    func company(
        tier: MaintenancePlan.Tier? = .free, until: Date = utc("2027-01-01T00:00:00Z"), code: MaintenanceCode? = BookingDeciderTests.code
    ) -> Company {
        let plans = tier.map { [MaintenancePlan(id: "plan-1", tier: $0, validFrom: utc("2026-01-01T00:00:00Z"), validUntil: until)] } ?? []
        return Company(id: acmeID, name: "Acme Crating", plans: plans, maintenanceCode: code)
    }

    func context(bookings: [Booking] = [], standing: CompanyStanding? = nil, wrongAttempts: [Date] = []) -> BookingContext {
        BookingContext(
            availability: Availability(staff: team, bookings: bookings), feeSchedule: Self.fees,
            standing: standing ?? CompanyStanding.evaluate(bookings: [], reinstatements: [], policy: .default),
            wrongCodeAttempts: wrongAttempts)
    }

    func request(
        _ company: Company, code: String? = nil, start: Date? = nil, type: SessionType = live60, id: String = "new",
        contact: Contact = chicagoContact
    ) -> BookingRequest {
        BookingRequest(
            bookingID: BookingID(id), company: company, contact: contact, sessionType: type, start: start ?? self.start,
            maintenanceCode: code)
    }

    @Test func withoutACodeTheFeeInForceAtBookingTimeApplies() throws {
        let booked = try #require(decider.decide(request(company()), context: context(), now: now).value)
        #expect(booked.charge == Charge(basis: .feeSchedule, amount: .usd(150), feeScheduleVersion: "2026-01"))
        #expect(booked.status == .confirmed)
        #expect(booked.bookedAt == now)
        #expect(booked.staff == "alice")
        #expect(booked.id == "new" && booked.companyID == acmeID && booked.contactID == "ann")
    }

    @Test(arguments: [
        ("2026-11-03T05:59:59Z", "2026-01", 15_000),  // 11:59:59 PM on 2 Nov in Chicago
        ("2026-11-03T06:00:00Z", "2026-11", 17_000),  // midnight in Chicago
    ])
    func aBookingKeepsThePriceAndVersionOfItsBookingTime(bookedAt: String, version: String, cents: Int) throws {
        let later = utc("2026-11-05T15:00:00Z")
        let booked = try #require(decider.decide(request(company(tier: nil), start: later), context: context(), now: utc(bookedAt)).value)
        #expect(booked.charge.feeScheduleVersion == version)
        #expect(booked.charge.amount.cents == cents)
    }

    @Test func freePlanWithTheRightCodeIsFree() throws {
        let booked = try #require(decider.decide(request(company(), code: "crate-7731"), context: context(), now: now).value)
        #expect(booked.charge == Charge(basis: .planFree, amount: .zero, planID: "plan-1"))
        #expect(booked.charge.isFreeSession)
    }

    @Test func discountedPlanTakesItsPercentOffTheScheduleFee() throws {
        let booked = try #require(
            decider.decide(request(company(tier: .discounted(percentOff: 25)), code: "CRATE-7731"), context: context(), now: now).value)
        #expect(
            booked.charge == Charge(basis: .planDiscount, amount: Money(cents: 11_250), feeScheduleVersion: "2026-01", planID: "plan-1"))
    }

    @Test func wrongCodeIsRefused() {
        let decision = decider.decide(request(company(), code: "CRATE-0000"), context: context(), now: now)
        #expect(decision.rule == .wrongCode)
        #expect(decision.reason == "That is not the maintenance code of Acme Crating; please check it and try again.")
        #expect(!(decision.reason ?? "").contains("7731"))
    }

    @Test(arguments: [(49, true), (50, false)])
    func repeatedWrongCodesAreRateLimitedEvenForTheRightCode(wrongAttempts: Int, allowed: Bool) {
        let attempts = (1...wrongAttempts).map { now.addingTimeInterval(-Double($0) * 10) }
        let decision = decider.decide(request(company(), code: "CRATE-7731"), context: context(wrongAttempts: attempts), now: now)
        #expect(decision.isAccepted == allowed)
        if !allowed { #expect(decision.rule == .codeRateLimited) }
    }

    @Test func aPlanThatLapsesBeforeTheSessionDoesNotChangeABookingMadeWhileActive() throws {
        // The plan ends at midnight UTC between booking (2 Nov) and session (3 Nov).
        let lapsing = company(until: utc("2026-11-03T00:00:00Z"))
        let booked = try #require(decider.decide(request(lapsing, code: "CRATE-7731"), context: context(), now: now).value)
        #expect(booked.charge.basis == .planFree)

        // Booking again after the lapse: the code no longer applies.
        let after = utc("2026-11-03T00:00:00Z")
        let refused = decider.decide(
            request(lapsing, code: "CRATE-7731", start: utc("2026-11-04T15:00:00Z")), context: context(), now: after)
        #expect(refused.rule == .noActivePlan)
        #expect(
            refused.reason
                == "The maintenance plan of Acme Crating ended at 6:00 PM UTC-6 (America/Chicago) on Monday, 2 November 2026, so "
                + "the maintenance code no longer applies; sessions can be booked at the fee in the fee schedule."
        )
        // Without the code it books at the fee.
        #expect(
            decider.decide(request(lapsing, start: utc("2026-11-04T15:00:00Z")), context: context(), now: after).value?.charge.basis
                == .feeSchedule)
    }

    @Test func codeWithoutAnyPlanOrIssuedCode() {
        #expect(decider.decide(request(company(tier: nil), code: "CRATE-7731"), context: context(), now: now).rule == .noActivePlan)
        #expect(decider.decide(request(company(code: nil), code: "CRATE-7731"), context: context(), now: now).rule == .noCodeOnFile)
    }

    @Test func suspendedCompaniesCannotBookFreeSessionsButMayPay() {
        let start = utc("2026-10-01T15:00:00Z")
        let noShows = [
            booking("n1", start: start, charge: freeCharge, status: .noShow),
            booking("n2", start: start.addingTimeInterval(86_400), charge: freeCharge, status: .noShow),
        ]
        let standing = CompanyStanding.evaluate(bookings: noShows, reinstatements: [], policy: .default)
        let free = decider.decide(request(company(), code: "CRATE-7731"), context: context(standing: standing), now: now)
        #expect(free.rule == .suspended)
        #expect(
            free.reason
                == "Free online booking for Acme Crating is suspended after 2 missed free sessions (the last on 10:10 AM UTC-5 "
                + "(America/Chicago) on Friday, 2 October 2026); it resumes once the $100.00 reinstatement payment is recorded. "
                + "Paid sessions can still be booked."
        )
        #expect(decider.decide(request(company()), context: context(standing: standing), now: now).isAccepted)
    }

    @Test(arguments: [(64, false), (65, true), (66, true)])
    func minimumNotice(minutesAhead: Int, allowed: Bool) {
        // A 15-minute step puts only some of these on the grid, so pick a gridded start and move now.
        let decision = decider.decide(request(company()), context: context(), now: start.addingTimeInterval(-minutes(minutesAhead)))
        #expect(decision.isAccepted == allowed)
        if !allowed {
            #expect(decision.rule == .minimumNotice)
            #expect(
                decision.reason
                    == "Sessions must be booked at least 65 minutes ahead; the earliest start possible now is 9:01 AM UTC-6 "
                    + "(America/Chicago) on Tuesday, 3 November 2026."
            )
        }
    }

    @Test func racingCustomersGetExactlyOneBookingPerStaffMember() throws {
        var bookings: [Booking] = []
        var results: [Decision<Booking>] = []
        for i in 0..<3 {
            let customer = Contact(
                id: ContactID("racer-\(i)"), companyID: acmeID, name: "Racer \(i)", email: "racer\(i)@acme.example", timeZone: Zone.chicago)
            let decision = decider.decide(
                request(company(), id: "r\(i)", contact: customer), context: context(bookings: bookings), now: now)
            results.append(decision)
            if let booked = decision.value { bookings.append(booked) }  // the Store commits it
        }
        #expect(results.map(\.isAccepted) == [true, true, false])
        #expect(results[0].value?.staff == "alice")
        #expect(results[1].value?.staff == "bob")
        #expect(results[2].rule == .slotTaken)
        #expect(
            results[2].reason
                == "The session time 9:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026 is no longer available; please "
                + "choose another time."
        )
    }

    @Test func outsideWorkingHoursAndOffGrid() {
        let night = decider.decide(request(company(), start: utc("2026-11-03T09:00:00Z")), context: context(), now: now)
        #expect(night.rule == .outsideWorkingHours)
        #expect(
            night.reason
                == "No one from our team is working at 3:00 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026; please choose "
                + "one of the offered times."
        )
        let offGrid = decider.decide(request(company(), start: utc("2026-11-03T15:07:00Z")), context: context(), now: now)
        #expect(offGrid.rule == .notOnSlotGrid)
        // Runs past 17:00: working, but not for the whole session.
        #expect(
            decider.decide(request(company(), start: utc("2026-11-03T22:30:00Z")), context: context(), now: now).rule
                == .outsideWorkingHours)
    }

    @Test func reasonsUseTheContactsZone() {
        let decision = decider.decide(
            request(company(), start: utc("2026-11-03T09:00:00Z"), contact: kolkataContact), context: context(), now: now)
        #expect(decision.reason?.contains("2:30 PM UTC+5:30 (Asia/Kolkata) on Tuesday, 3 November 2026") == true)
    }

    @Test func unlistedSessionTypeIsNotOffered() {
        let decision = decider.decide(request(company(), type: SessionType(.phoneSupport, minutes: 45)), context: context(), now: now)
        #expect(decision.rule == .sessionTypeNotOffered)
        #expect(decision.reason == "45-minute phone support sessions are not offered at the moment; please choose another kind or length.")
    }
}
