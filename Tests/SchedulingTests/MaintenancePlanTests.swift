import Foundation
import Testing

@testable import Scheduling

@Suite("§2 Plans and money as shown")
struct MaintenancePlanTests {
    /// A plan entered "until 2027-12-31" ends at the start of 1 January 2028 in the vendor's
    /// zone; the last day it covers is the 31st, however the end falls in UTC.
    @Test(arguments: [
        ("America/Chicago", "2028-01-01T06:00:00Z"), ("Asia/Kolkata", "2027-12-31T18:30:00Z"), ("UTC", "2028-01-01T00:00:00Z"),
    ])
    func theLastDayIsTheDayBeforeTheEnd(zone: String, end: String) {
        let plan = MaintenancePlan(id: "p", tier: .free, validFrom: utc("2026-01-01T00:00:00Z"), validUntil: utc(end))
        #expect(plan.lastDay(in: TimeZone(identifier: zone)!).description == "2027-12-31")
    }

    @Test(arguments: [(9_800, "98.00", "$98.00"), (5, "0.05", "$0.05"), (-1_250, "-12.50", "-$12.50"), (0, "0.00", "$0.00")])
    func moneyAsDecimalText(cents: Int, decimal: String, text: String) {
        #expect(Money(cents: cents).decimalText == decimal)
        #expect(Money(cents: cents).description == text)
    }
}
