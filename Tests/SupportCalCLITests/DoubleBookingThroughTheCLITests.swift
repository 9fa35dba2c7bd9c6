import Foundation
import TestSupport
import Testing

/// The command line books a contact once per time, like the pages and the API: with two
/// staff free, a second `book` for the same contact at an overlapping time is refused with
/// `already-booked-then` (exit 3), while a colleague may book alongside.
@Suite struct DoubleBookingThroughTheCLITests {
    @Test func aSecondBookingOfTheSameContactThenIsRefusedAndAColleagueStillBooks() throws {
        let workspace = try CLIWorkspace(extra: CLIWorkspace.staffTable(key: "jonas", name: "Jonas Brandt", zone: "America/Chicago"))
        defer { workspace.remove() }
        try workspace.ok(["companies", "add", "--id", "pine", "--name", "Pine & Co"])
        try workspace.ok([
            "contacts", "add", "--company", "pine", "--email", "pat@pine.example", "--name", "Pat", "--tz", "America/Chicago",
        ])
        try workspace.ok([
            "contacts", "add", "--company", "pine", "--email", "kim@pine.example", "--name", "Kim", "--tz", "America/Chicago",
        ])
        let now = "2026-12-01T12:00:00Z"
        _ = try workspace.book(contact: "pat@pine.example", start: "2026-12-02T15:00:00Z", now: now)

        let again = try workspace.run(
            [
                "book", "--contact", "pat@pine.example", "--kind", "live-session", "--length", "30",
                "--start", "2026-12-02T15:30:00Z", "--json",
            ], now: now)
        #expect(again.status == 3)
        struct Refusal: Decodable {
            var refused: Bool
            var rule: String
            var reason: String
        }
        let refusal = try JSONDecoder().decode(Refusal.self, from: Data(again.stdout.utf8))
        #expect(refusal.rule == "already-booked-then" && refusal.reason.contains("You already have a 60-minute live session at 9:00 AM"))

        _ = try workspace.book(contact: "kim@pine.example", start: "2026-12-02T15:00:00Z", now: now)
        let list = try workspace.ok(["bookings", "list", "--json"])
        #expect(list.components(separatedBy: "\"pat@pine.example\"").count - 1 == 1)
        #expect(list.components(separatedBy: "\"kim@pine.example\"").count - 1 == 1)
    }
}
