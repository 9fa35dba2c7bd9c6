import Foundation
import Testing

@testable import Scheduling

@Suite struct CustomerTimeTests {
    @Test(arguments: [
        ("2026-11-03T14:55:00Z", Zone.chicago, "8:55 AM UTC-6 (America/Chicago) on Tuesday, 3 November 2026"),
        ("2026-10-30T13:55:00Z", Zone.chicago, "8:55 AM UTC-5 (America/Chicago) on Friday, 30 October 2026"),
        ("2026-11-03T14:55:00Z", Zone.kolkata, "8:25 PM UTC+5:30 (Asia/Kolkata) on Tuesday, 3 November 2026"),
        ("2026-11-03T14:55:00Z", Zone.lordHowe, "1:55 AM UTC+11 (Australia/Lord_Howe) on Wednesday, 4 November 2026"),
        ("2026-06-03T14:55:00Z", Zone.lordHowe, "1:25 AM UTC+10:30 (Australia/Lord_Howe) on Thursday, 4 June 2026"),
        ("2026-01-01T00:00:00Z", Zone.utc, "12:00 AM UTC on Thursday, 1 January 2026"),
        ("2026-07-01T12:05:00Z", Zone.berlin, "2:05 PM UTC+2 (Europe/Berlin) on Wednesday, 1 July 2026"),
    ])
    func describesInstantInTheContactsZone(instant: String, zone: TimeZone, expected: String) {
        #expect(CustomerTime.describe(utc(instant), in: zone) == expected)
    }

    @Test(arguments: [(65, "65 minutes"), (10, "10 minutes"), (1, "1 minute"), (120, "2 hours"), (1440, "24 hours"), (90, "90 minutes")])
    func spokenDurations(minutesValue: Int, expected: String) {
        #expect(minutes(minutesValue).spokenDuration == expected)
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [(10_000, "$100.00"), (5, "$0.05"), (12_345, "$123.45"), (-250, "-$2.50"), (0, "$0.00")])
    func printsDollars(cents: Int, expected: String) {
        #expect(Money(cents: cents).description == expected)
    }

    @Test(arguments: [(15_000, 50, 7_500), (999, 50, 500), (1, 30, 1), (10_000, 25, 7_500)])
    func discountIsRoundedDownToWholeCents(cents: Int, percent: Int, expected: Int) {
        #expect(Money(cents: cents).discounted(percentOff: percent).cents == expected)
    }
}
