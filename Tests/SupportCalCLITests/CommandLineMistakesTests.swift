import Foundation
import TestSupport
import Testing

/// Issue 12: what a new user typed wrong, and what the binary answers. Dana works
/// 09:00–17:00 Chicago (15:00Z–23:00Z); the vendor's zone is America/Chicago.
@Suite struct CommandLineMistakesTests {
    func workspace(plan: String = "free") throws -> CLIWorkspace { try CLIWorkspace.acme(plan: plan) }

    @Test func thePlansLastDayIsShownAsEntered() throws {
        let workspace = try workspace(plan: "discounted")
        defer { workspace.remove() }
        try workspace.ok(
            ["companies", "set-plan", "acme", "--plan", "discounted", "--discount", "30", "--plan-until", "2027-12-31"],
            now: "2026-11-01T00:00:00Z")
        let text = try workspace.ok(["companies", "list"], now: "2026-11-02T00:00:00Z")
        #expect(text.contains("discounted 30% plan until 2027-12-31"), "\(text)")
        struct Company: Decodable { var plan: Plan? }
        struct Plan: Decodable, Equatable {
            var tier: String
            var discountPercent: Int?
            var lastDay: String
        }
        let companies = try JSONDecoder().decode(
            [Company].self, from: Data(try workspace.ok(["companies", "list", "--json"], now: "2026-11-02T00:00:00Z").utf8))
        #expect(companies.first?.plan == Plan(tier: "discounted", discountPercent: 30, lastDay: "2027-12-31"))
        // The plan still covers the whole of its last day in the vendor's zone, and not the next.
        let lastEvening = try workspace.ok(["companies", "list", "--json"], now: "2028-01-01T05:59:00Z")
        #expect(lastEvening.contains("\"lastDay\" : \"2027-12-31\""))
        let after = try workspace.ok(["companies", "list", "--json"], now: "2028-01-01T06:00:00Z")
        #expect(after.contains("\"plan\" : null"), "\(after)")
    }

    @Test func aShortReinstatementSaysNothingWasRecorded() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        for day in 2...3 {
            _ = try workspace.book(
                contact: "eve@acme.example", start: "2026-12-0\(day)T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
            try workspace.ok(["sweep"], now: "2026-12-0\(day)T15:10:00Z")
        }
        let short = try workspace.run(["reinstate", "acme", "--payment-ref", "INV-1", "--amount", "50"], now: "2026-12-03T16:00:00Z")
        #expect(short.status == 3)
        #expect(
            short.stdout.contains(
                "refused (reinstatement-fee-short): The reinstatement payment is $100.00; $50.00 is short of it. Nothing was recorded."),
            "\(short.stdout)")
        #expect(!short.stdout.contains("$50.00 was recorded"), "nothing may read as recorded")
        let audit = try workspace.ok(["audit", "--company", "acme"])
        #expect(!audit.contains("reinstated"), "\(audit)")
        // The company is still suspended: the full fee is still due and accepted.
        let paid = try workspace.ok(["reinstate", "acme", "--payment-ref", "INV-1", "--json"], now: "2026-12-03T16:05:00Z")
        #expect(paid.contains("\"amount\" : {"), "\(paid)")
    }

    static let refusalsSayWhatDidNotHappen: [([String], String, String)] = [
        (
            ["book", "--contact", "eve@acme.example", "--kind", "live-session", "--start", "2026-12-02T15:00:00Z", "--code", "WRONG"],
            "2026-12-01T12:00:00Z", "Nothing was booked."
        ),
        (["callbacks", "request", "--contact", "eve@acme.example"], "2026-12-02T23:30:00Z", "No return call was planned."),
        (["reinstate", "acme", "--payment-ref", "INV-9"], "2026-12-01T12:00:00Z", "Nothing was recorded."),
    ]

    @Test(arguments: refusalsSayWhatDidNotHappen)
    func everyRefusalSaysWhatDidNotHappen(arguments: [String], now: String, unchanged: String) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(arguments, now: now)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("refused ("))
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(unchanged), "\(result.stdout)")
    }

    @Test func anUnknownStaffMemberIsNamedNotASlotTaken() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(
            ["emergency", "place", "--contact", "eve@acme.example", "--start", "2026-12-02T19:15:00Z", "--staff", "bob"],
            now: "2026-12-02T16:00:00Z")
        #expect(result.status == 2)
        #expect(result.stderr.contains("there is no staff member bob in the configuration; the staff are dana"), "\(result.stderr)")
        #expect(!result.stdout.contains("slot-taken"))
        #expect(try workspace.ok(["bookings", "list"]).contains("no bookings match"))
    }

    @Test func aJoinTimeAfterNowIsAUsageError() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(
            contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
        let future = try workspace.run(["join", id, "--at", "2026-12-03T15:00:00Z"], now: "2026-12-02T15:02:00Z")
        #expect(future.status == 2)
        #expect(future.stderr.contains("after now"), "\(future.stderr)")
        struct Detail: Decodable { var booking: Booking }
        struct Booking: Decodable {
            var status: String
            var joinedAt: String?
        }
        let shown = try JSONDecoder().decode(Detail.self, from: Data(try workspace.ok(["bookings", "show", id, "--json"]).utf8)).booking
        #expect(shown.status == "confirmed" && shown.joinedAt == nil)
        // At now it is recorded.
        try workspace.ok(["join", id, "--at", "2026-12-02T15:02:00Z"], now: "2026-12-02T15:02:00Z")
    }

    @Test func aSecondReturnCallRequestSaysWhenTheFirstIsPlanned() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        try workspace.ok(["callbacks", "request", "--contact", "eve@acme.example"], now: "2026-12-02T16:00:00Z")
        let second = try workspace.run(["callbacks", "request", "--contact", "eve@acme.example"], now: "2026-12-02T16:05:00Z")
        #expect(second.status == 3)
        // 16:00Z is 9:30 PM in Kolkata; no attempt was made yet, so we do not say we tried.
        #expect(
            second.stdout.contains(
                "refused (return-call-already-planned): A return call is already planned for today, at 9:30 PM UTC+5:30 "
                    + "(Asia/Kolkata) on Wednesday, 2 December 2026 with Dana Whitfield"
            ),
            "\(second.stdout)")
        #expect(!second.stdout.contains("already tried"))
    }

    @Test func aReturnCallAttemptedTodaySaysSo() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let callID = try workspace.requestCallback(contact: "eve@acme.example", now: "2026-12-02T16:00:00Z")
        try workspace.ok(["callbacks", "attempt", callID, "--outcome", "not-reached"], now: "2026-12-02T16:10:00Z")
        let again = try workspace.run(["callbacks", "request", "--contact", "eve@acme.example"], now: "2026-12-02T16:20:00Z")
        #expect(again.status == 3)
        #expect(
            again.stdout.contains("refused (return-call-already-attempted): We have already tried to call you back once today"),
            "\(again.stdout)")
    }

    @Test(arguments: [
        ["contacts", "add", "--company", "acme", "--email", "kai@acme.example", "--name", "Kai", "--tz", "Copenhagen"],
        ["contacts", "set", "eve@acme.example", "--tz", "Copenhagen"],
    ])
    func aZoneWithoutItsRegionGetsTheConfigurationsSuggestion(arguments: [String]) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\"Copenhagen\" is not an IANA time zone; did you mean Europe/Copenhagen?"), "\(result.stderr)")
        // The configuration check says the same words for the same mistake.
        let config = try CLIWorkspace(root: "", extra: "")
        defer { config.remove() }
        let toml = try String(contentsOf: config.config, encoding: .utf8).replacingOccurrences(
            of: "vendor_time_zone = \"America/Chicago\"", with: "vendor_time_zone = \"Copenhagen\"")
        try Data(toml.utf8).write(to: config.config)
        let check = try config.run(["companies", "list"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("\"Copenhagen\" is not an IANA time zone; did you mean Europe/Copenhagen?"), "\(check.stderr)")
    }

    /// One exit status per kind of mistake: a name on the command line that matches
    /// nothing is a usage error (2) in every command.
    static let unknownNames: [[String]] = [
        ["companies", "show", "nosuch"],
        ["companies", "set-plan", "nosuch", "--plan", "free"],
        ["companies", "rotate-code", "nosuch"],
        ["contacts", "add", "--company", "nosuch", "--email", "x@y.example", "--name", "X", "--tz", "UTC"],
        ["contacts", "list", "--company", "nosuch"],
        ["contacts", "set", "nobody@acme.example", "--name", "X"],
        ["contacts", "remove", "nobody@acme.example"],
        ["book", "--contact", "nobody@acme.example", "--kind", "live-session", "--start", "2026-12-02T15:00:00Z"],
        ["slots", "--kind", "live-session", "--contact", "nobody@acme.example"],
        ["cancel", "b-nosuchthing"],
        ["bookings", "show", "b-nosuchthing"],
        ["bookings", "list", "--staff", "bob"],
        ["join", "b-nosuchthing"],
        ["emergency", "decline", "b-nosuchthing"],
        ["callbacks", "attempt", "rc-nosuchthing", "--outcome", "resolved"],
        ["reinstate", "nosuch", "--payment-ref", "INV-1"],
    ]

    @Test(arguments: unknownNames)
    func anUnknownNameIsAUsageError(arguments: [String]) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(arguments, now: "2026-12-01T12:00:00Z")
        #expect(result.status == 2, "\(arguments): \(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("no") || result.stderr.contains("there is no"), "\(result.stderr)")
    }

    @Test(arguments: [(31, 0), (32, 2)])
    func slotsCoverAtMost31DaysAsInTheAPI(days: Int, status: Int32) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(["slots", "--kind", "live-session", "--days", "\(days)"], now: "2026-12-01T12:00:00Z")
        #expect(result.status == status)
        if status == 2 { #expect(result.stderr.contains("--days must be between 1 and 31"), "\(result.stderr)") }
    }
}
