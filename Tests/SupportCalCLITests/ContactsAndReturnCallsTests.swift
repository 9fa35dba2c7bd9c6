import Foundation
import TestSupport
import Testing

/// Issue 12's missing basics: changing and removing contacts, their phone numbers, return
/// calls in the staff calendar and listed, a staff member's day. Dana works 09:00–17:00
/// Chicago (15:00Z–23:00Z); "today" is Wednesday 2 December 2026 in the vendor's zone.
@Suite struct ContactsAndReturnCallsTests {
    func workspace() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.ok(
            [
                "companies", "add", "--id", "acme", "--name", "Acme Crating", "--plan", "free", "--code", "ACME-CODE-1", "--plan-until",
                "2027-12-31",
            ],
            now: "2026-11-01T00:00:00Z")
        try workspace.ok([
            "contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Asia/Kolkata", "--phone",
            "+91 22 1234 5678",
        ])
        return workspace
    }

    struct ContactRow: Decodable, Equatable {
        var email: String
        var name: String
        var zone: String
        var phone: String?
    }

    func contacts(_ workspace: CLIWorkspace) throws -> [ContactRow] {
        try JSONDecoder().decode([ContactRow].self, from: Data(try workspace.ok(["contacts", "list", "--json"]).utf8))
    }

    @Test func aContactsDetailsChangeAndTheChangeIsAudited() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        try workspace.ok([
            "contacts", "set", "eve@acme.example", "--name", "Eve Holm", "--tz", "Europe/Copenhagen", "--email", "eve.holm@acme.example",
            "--phone", "+45 12 34 56 78",
        ])
        #expect(
            try contacts(workspace) == [
                ContactRow(email: "eve.holm@acme.example", name: "Eve Holm", zone: "Europe/Copenhagen", phone: "+45 12 34 56 78")
            ])
        let audit = try workspace.ok(["audit", "--company", "acme"])
        #expect(audit.contains("contact.changed"), "\(audit)")
        #expect(audit.contains("email=eve.holm@acme.example"))
        // Times are now shown in the new zone.
        let id = try workspace.book(
            contact: "eve.holm@acme.example", start: "2026-12-02T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
        #expect(try workspace.ok(["bookings", "show", id]).contains("4:00 PM UTC+1 (Europe/Copenhagen)"))
    }

    @Test func aContactWithUpcomingBookingsIsRemovedOnlyWhenToldWhatHappensToThem() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(
            contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
        let refused = try workspace.run(["contacts", "remove", "eve@acme.example"], now: "2026-12-01T12:05:00Z")
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(id) && refused.stderr.contains("nothing was removed") && refused.stderr.contains("--cancel-bookings"),
            "\(refused.stderr)")
        #expect(try contacts(workspace).count == 1)

        let removed = try workspace.ok(["contacts", "remove", "eve@acme.example", "--cancel-bookings"], now: "2026-12-01T12:10:00Z")
        #expect(removed.contains("cancelled \(id)"), "\(removed)")
        #expect(try contacts(workspace).isEmpty)
        #expect(try workspace.ok(["bookings", "show", id]).contains("cancelled-by-staff"))
        #expect(try workspace.ok(["audit", "--company", "acme"]).contains("contact.removed"))
        // The address is free again, and the old booking still shows who booked it.
        try workspace.ok(["contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve Again", "--tz", "UTC"])
        #expect(try workspace.ok(["bookings", "show", id]).contains("eve@acme.example"))
    }

    @Test func aReturnCallIsWrittenToTheStaffCalendarWithThePhoneNumberAndListed() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        struct Planned: Decodable {
            var id: String
            var phone: String?
            var zone: String
            var local: String
        }
        let call = try JSONDecoder().decode(
            Planned.self,
            from: Data(
                try workspace.ok(
                    [
                        "callbacks", "request", "--contact", "eve@acme.example",
                        "--note", "export fails", "--json",
                    ], now: "2026-12-02T16:00:00Z"
                ).utf8))
        #expect(call.phone == "+91 22 1234 5678" && call.zone == "Asia/Kolkata")
        let events = workspace.files(in: workspace.calendarFolder()).map {
            (try? String(contentsOf: workspace.calendarFolder().appendingPathComponent($0), encoding: .utf8)) ?? ""
        }
        let event = try #require(events.first { $0.contains("X-SUPPORTCAL-RETURN-CALL-ID:\(call.id)") }, "\(events)")
            .replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\n ", with: "")
        #expect(event.contains("SUMMARY:Return call: Eve (Acme Crating)"))
        #expect(event.contains("+91 22 1234 5678"))
        #expect(event.contains("export fails"))
        #expect(!event.contains("ATTENDEE"), "the customer is not invited by the staff calendar")
        #expect(!event.contains("X-SUPPORTCAL-BOOKING-ID"), "not a booking: sync must leave it alone")
        // Sync reads the calendar and neither cancels nor books anything because of it.
        try workspace.ok(["sync"], now: "2026-12-02T16:01:00Z")
        #expect(try workspace.ok(["bookings", "list"]).contains("no bookings match"))

        struct Listed: Decodable {
            var id: String
            var local: String
            var outcome: String?
            var phone: String?
        }
        let today = try JSONDecoder().decode(
            [Listed].self, from: Data(try workspace.ok(["callbacks", "list", "--today", "--json"], now: "2026-12-02T16:05:00Z").utf8))
        #expect(today.map(\.id) == [call.id])
        #expect(today.first?.local == "9:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026")
        #expect(today.first?.outcome == nil)
        try workspace.ok(["callbacks", "attempt", call.id, "--outcome", "resolved"], now: "2026-12-02T16:10:00Z")
        let text = try workspace.ok(["callbacks", "list", "--today"], now: "2026-12-02T16:15:00Z")
        #expect(text.contains(call.id) && text.contains("resolved") && text.contains("+91 22 1234 5678"), "\(text)")
        #expect(try workspace.ok(["callbacks", "list", "--today"], now: "2026-12-03T16:00:00Z").contains("no return calls today"))
    }

    static let outcomes: [(String, Bool)] = [("resolved", false), ("needs-more-time", true), ("not-reached", true)]

    @Test(arguments: outcomes)
    func theOutcomesAreTheAPIs(outcome: String, mustBook: Bool) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let callID = try workspace.requestCallback(contact: "eve@acme.example", now: "2026-12-02T16:00:00Z")
        struct Result: Decodable {
            var outcome: String
            var next: String?
        }
        let result = try JSONDecoder().decode(
            Result.self,
            from: Data(
                try workspace.ok(
                    ["callbacks", "attempt", callID, "--outcome", outcome, "--json"],
                    now: "2026-12-02T16:10:00Z"
                ).utf8))
        #expect(result.outcome == outcome)
        #expect((result.next?.contains("book a session") ?? false) == mustBook)
    }

    @Test(arguments: ["reached", "unreached"])
    func theOldOutcomeWordsAreRefused(outcome: String) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(["callbacks", "attempt", "rc-any", "--outcome", outcome])
        #expect(result.status == 2)
    }

    @Test func aStaffMembersDayIsListedWithLocalTimes() throws {
        let workspace = try CLIWorkspace(extra: CLIWorkspace.staffTable(key: "jonas", name: "Jonas Berg", zone: "Europe/Berlin"))
        defer { workspace.remove() }
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme Crating", "--plan", "none"], now: "2026-11-01T00:00:00Z")
        try workspace.ok(["contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Asia/Kolkata"])
        let today = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T17:00:00Z", now: "2026-12-01T12:00:00Z")
        let tomorrow = try workspace.book(contact: "eve@acme.example", start: "2026-12-03T17:00:00Z", now: "2026-12-01T12:00:00Z")
        // 15:00Z: both are free, and Jonas has fewer sessions that day, so he gets it.
        let jonas = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        struct Row: Decodable {
            var id: String
            var staff: String
            var local: String
            var zone: String
        }
        let rows = try JSONDecoder().decode(
            [Row].self,
            from: Data(
                try workspace.ok(
                    ["bookings", "list", "--staff", "dana", "--today", "--json"],
                    now: "2026-12-02T14:00:00Z"
                ).utf8))
        #expect(rows.map(\.id) == [today], "not tomorrow's, not Jonas's \(jonas)")
        #expect(rows.first?.zone == "Asia/Kolkata")
        let text = try workspace.ok(["bookings", "list", "--today"], now: "2026-12-02T14:00:00Z")
        #expect(text.contains(today) && !text.contains(tomorrow), "\(text)")
        #expect(text.contains("10:30 PM UTC+5:30 (Asia/Kolkata) on Wednesday, 2 December 2026"), "\(text)")
        #expect(try workspace.run(["bookings", "list", "--today", "--from", "2026-12-01"]).status == 2)
    }
}
