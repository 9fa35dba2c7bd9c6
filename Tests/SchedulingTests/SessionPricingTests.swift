import Foundation
import TestSupport
import Testing

@testable import Scheduling

/// §2 in one table: every plan × session type × fee-schedule version, priced by the one
/// rule that bookings and emergencies share.
@Suite("§2 What a session costs")
struct SessionPricingTests {
    // 2026 prices until 1 January 2027 (Chicago midnight), then 2027's; phone30 is not in 2027.
    static let pricing = SessionPricing(
        feeSchedule: try! FeeSchedule(versions: [
            .init(
                id: "2026", effectiveFrom: day("2026-01-01"), in: Zone.chicago,
                fees: [live30: .usd(75), live60: .usd(140), phone30: .usd(60)]),
            .init(id: "2027", effectiveFrom: day("2027-01-01"), in: Zone.chicago, fees: [live30: .usd(80), live60: .usd(150)]),
        ]))
    static let in2026 = utc("2026-12-31T23:59:59Z")  // still 2026 in Chicago (5:59 PM)
    static let in2027 = utc("2027-01-01T06:00:00Z")  // midnight in Chicago

    enum PlanCase: String, CaseIterable { case none, free, discount25 }

    static func plan(_ which: PlanCase) -> MaintenancePlan? {
        let window = (utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z"))
        switch which {
        case .none: return nil
        case .free: return MaintenancePlan(id: "p-free", tier: .free, validFrom: window.0, validUntil: window.1)
        case .discount25: return MaintenancePlan(id: "p-25", tier: .discounted(percentOff: 25), validFrom: window.0, validUntil: window.1)
        }
    }

    // (plan, type, instant, expected basis, cents, fee version) — nil cents: not offered.
    static let table: [(PlanCase, SessionType, Date, Charge.Basis?, Int?, String?)] = [
        (.none, live30, in2026, .feeSchedule, 7_500, "2026"), (.none, live60, in2026, .feeSchedule, 14_000, "2026"),
        (.none, phone30, in2026, .feeSchedule, 6_000, "2026"),
        (.none, live30, in2027, .feeSchedule, 8_000, "2027"), (.none, live60, in2027, .feeSchedule, 15_000, "2027"),
        (.none, phone30, in2027, nil, nil, nil),
        (.free, live30, in2026, .planFree, 0, nil), (.free, live60, in2026, .planFree, 0, nil), (.free, phone30, in2026, .planFree, 0, nil),
        (.free, live30, in2027, .planFree, 0, nil), (.free, live60, in2027, .planFree, 0, nil),
        (.free, phone30, in2027, .planFree, 0, nil),  // free needs no fee in force
        (.discount25, live30, in2026, .planDiscount, 5_625, "2026"), (.discount25, live60, in2026, .planDiscount, 10_500, "2026"),
        (.discount25, phone30, in2026, .planDiscount, 4_500, "2026"),
        (.discount25, live30, in2027, .planDiscount, 6_000, "2027"), (.discount25, live60, in2027, .planDiscount, 11_250, "2027"),
        (.discount25, phone30, in2027, nil, nil, nil),
    ]

    @Test(arguments: table)
    func everyPlanTypeAndVersion(plan: PlanCase, type: SessionType, at: Date, basis: Charge.Basis?, cents: Int?, version: String?) {
        let charge = Self.pricing.charge(type, plan: Self.plan(plan), at: at)
        #expect(charge?.basis == basis)
        #expect(charge?.amount.cents == cents)
        #expect(charge?.feeScheduleVersion == version)
        // The plan is recorded exactly when it priced the session.
        #expect(charge?.planID == (charge == nil ? nil : Self.plan(plan)?.id))
    }

    @Test func theTableCoversEveryCombination() {
        #expect(Set(Self.table.map { "\($0.0)-\($0.1)-\($0.2)" }).count == PlanCase.allCases.count * 3 * 2)
    }

    @Test func emergenciesArePricedByTheSameRuleAsBookings() throws {
        // A booking with a valid code on a free plan and an emergency for the same company
        // and type get the same charge (before, the emergency also recorded a fee version).
        let hasher = FakeHasher()
        let code = try MaintenanceCode.issue(code: "CRATE-1", salt: saltA, hasher: hasher, at: utc("2026-01-01T00:00:00Z"))
        let company = Company(id: acmeID, name: "Acme", plans: [Self.plan(.free)!], maintenanceCode: code)
        let context = BookingContext(
            availability: Availability(staff: [staff("alice", zone: Zone.chicago)]), feeSchedule: Self.pricing.feeSchedule,
            standing: CompanyStanding.evaluate(bookings: [], reinstatements: [], policy: .default))
        let request = BookingRequest(
            bookingID: "b", company: company, contact: chicagoContact, sessionType: phone30,
            start: utc("2026-12-02T15:00:00Z"), maintenanceCode: "CRATE-1")
        let now = utc("2026-12-01T15:00:00Z")
        let booked = try #require(BookingDecider(policy: .default, hasher: hasher).decide(request, context: context, now: now).value)
        #expect(booked.charge == Self.pricing.charge(phone30, plan: company.plan(at: now), at: now))
        #expect(booked.charge.feeScheduleVersion == nil)
    }
}
