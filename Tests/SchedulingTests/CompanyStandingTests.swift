import Foundation
import Testing

@testable import Scheduling

@Suite("§6 Company standing after no-shows")
struct CompanyStandingTests {
    let policy = Policy.default

    func noShow(_ id: String, day: Int, charge: Charge = freeCharge) -> Booking {
        let start = utc("2026-10-01T15:00:00Z").addingTimeInterval(TimeInterval(day) * 86_400)
        return try! booking(id, start: start, charge: charge).closedAsNoShow(at: start.addingTimeInterval(minutes(10)), grace: minutes(10))
    }

    @Test(arguments: [(0, false), (1, false), (2, true), (3, true)])
    func theSecondFreeNoShowSuspends(count: Int, suspended: Bool) {
        let standing = CompanyStanding.evaluate(bookings: (0..<count).map { noShow("n\($0)", day: $0) }, reinstatements: [], policy: policy)
        #expect(standing.freeNoShowCount == count)
        #expect(standing.isSuspended == suspended)
        #expect(standing.suspendedSince == (suspended ? utc("2026-10-02T15:10:00Z") : nil))
    }

    @Test(arguments: [paidCharge, Charge(basis: .planDiscount, amount: .usd(75), feeScheduleVersion: "2026-01", planID: "p")])
    func paidNoShowsDoNotCount(charge: Charge) {
        let standing = CompanyStanding.evaluate(
            bookings: [noShow("a", day: 0, charge: charge), noShow("b", day: 1, charge: charge), noShow("c", day: 2)], reinstatements: [],
            policy: policy)
        #expect(standing.freeNoShowCount == 1)
        #expect(!standing.isSuspended)
    }

    @Test func cancelledOrAttendedFreeSessionsDoNotCount() {
        let start = utc("2026-10-01T15:00:00Z")
        let bookings = [
            booking("a", start: start, charge: freeCharge, status: .cancelledByCustomer),
            booking("b", start: start, charge: freeCharge, status: .completed),
            noShow("c", day: 3),
        ]
        #expect(CompanyStanding.evaluate(bookings: bookings, reinstatements: [], policy: policy).freeNoShowCount == 1)
    }

    @Test func reinstatementLiftsTheSuspensionAndResetsTheCount() throws {
        let noShows = [noShow("a", day: 0), noShow("b", day: 1)]
        let suspended = CompanyStanding.evaluate(bookings: noShows, reinstatements: [], policy: policy)
        let paid = try #require(
            suspended.reinstate(companyID: acmeID, amount: .usd(100), now: utc("2026-10-05T12:00:00Z"), zone: Zone.chicago).value)
        #expect(paid.amount == .usd(100))

        let after = CompanyStanding.evaluate(bookings: noShows, reinstatements: [paid], policy: policy)
        #expect(!after.isSuspended)
        #expect(after.freeNoShowCount == 0)

        // The count starts again: one more is fine, two more suspend again.
        let third = CompanyStanding.evaluate(bookings: noShows + [noShow("c", day: 6)], reinstatements: [paid], policy: policy)
        #expect(third.freeNoShowCount == 1 && !third.isSuspended)
        let fourth = CompanyStanding.evaluate(
            bookings: noShows + [noShow("c", day: 6), noShow("d", day: 8)], reinstatements: [paid], policy: policy)
        #expect(fourth.isSuspended)
    }

    @Test(arguments: [(9_999, Rule.reinstatementFeeShort), (10_000, nil), (12_000, nil)] as [(Int, Rule?)])
    func reinstatementMustCoverTheFee(cents: Int, rule: Rule?) {
        let suspended = CompanyStanding.evaluate(bookings: [noShow("a", day: 0), noShow("b", day: 1)], reinstatements: [], policy: policy)
        let decision = suspended.reinstate(
            companyID: acmeID, amount: Money(cents: cents), now: utc("2026-10-05T12:00:00Z"), zone: Zone.chicago)
        #expect(decision.rule == rule)
        if rule != nil { #expect(decision.reason == "The reinstatement payment is $100.00; $99.99 is short of it.") }
    }

    @Test func noReinstatementWhenNotSuspended() {
        let fine = CompanyStanding.evaluate(bookings: [noShow("a", day: 0)], reinstatements: [], policy: policy)
        #expect(
            fine.reinstate(companyID: acmeID, amount: .usd(100), now: utc("2026-10-05T12:00:00Z"), zone: Zone.chicago).rule == .notSuspended
        )
    }

    @Test func limitComesFromThePolicy() {
        let lenient = Policy(noShowLimit: 3)
        let bookings = [noShow("a", day: 0), noShow("b", day: 1)]
        #expect(!CompanyStanding.evaluate(bookings: bookings, reinstatements: [], policy: lenient).isSuspended)
        #expect(CompanyStanding.evaluate(bookings: bookings + [noShow("c", day: 2)], reinstatements: [], policy: lenient).isSuspended)
    }
}
