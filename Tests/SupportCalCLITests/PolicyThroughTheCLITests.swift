import Foundation
import TestSupport
import Testing

/// Every policy rule once more, through the real binary, at its boundary, with --now.
/// Wednesday 2 December 2026: Dana works 09:00–17:00 Chicago time (15:00Z–23:00Z).
@Suite struct PolicyThroughTheCLITests {
    static let start = "2026-12-02T15:00:00Z"
    static let bookedAt = "2026-12-01T12:00:00Z"

    struct Money: Decodable, Equatable {
        var amount: String
        var currency: String
    }

    struct View: Decodable {
        var id: String
        var status: String
        var amount: Money
        var charge: String
        var feeScheduleVersion: String?
    }

    func workspace(plan: String = "none", hours: String? = nil) throws -> CLIWorkspace { try CLIWorkspace.acme(plan: plan, hours: hours) }

    func show(_ workspace: CLIWorkspace, _ id: String) throws -> View {
        struct Detail: Decodable { var booking: View }
        return try JSONDecoder().decode(Detail.self, from: Data(try workspace.ok(["bookings", "show", id, "--json"]).utf8)).booking
    }

    func minutes(_ offset: Double, from iso: String) -> String {
        (try! Date(iso, strategy: .iso8601)).addingTimeInterval(offset * 60).formatted(.iso8601)
    }

    @Test(arguments: [(66, true), (65, false), (64, false)])
    func aCustomerMayCancelUntil65MinutesBefore(minutesBefore: Int, allowed: Bool) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "eve@acme.example", start: Self.start, now: Self.bookedAt)
        let result = try workspace.run(["cancel", id, "--by", "customer"], now: minutes(-Double(minutesBefore), from: Self.start))
        #expect(result.status == (allowed ? 0 : 3), "\(result.stdout)\(result.stderr)")
        if !allowed {
            // The reason names the cutoff in the contact's zone: 15:00Z − 65 min = 13:55Z = 7:25 PM in Kolkata.
            #expect(result.stdout.contains("refused (cancel-cutoff)"))
            #expect(result.stdout.contains("7:25 PM UTC+5:30 (Asia/Kolkata)"))
        }
        #expect(try show(workspace, id).status == (allowed ? "cancelled-by-customer" : "confirmed"))
    }

    @Test func staffMayCancelAtAnyTimeAndAPaidSessionIsFlaggedForRefund() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "eve@acme.example", start: Self.start, now: Self.bookedAt)
        let output = try workspace.ok(["cancel", id, "--by", "staff", "--json"], now: minutes(-5, from: Self.start))
        #expect(output.contains("\"needsRefundReview\" : true"))
        #expect(output.contains("\"status\" : \"cancelled-by-staff\""))
    }

    static let closingTable: [(Double, String)] = [(9.0 + 59.0 / 60.0, "confirmed"), (10.0, "no-show"), (10.0 + 1.0 / 60.0, "no-show")]

    @Test(arguments: closingTable)
    func aSessionNobodyJoinedIsClosedTenMinutesAfterItsStart(after: Double, status: String) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "eve@acme.example", start: Self.start, now: Self.bookedAt)
        try workspace.ok(["sweep"], now: minutes(after, from: Self.start))
        #expect(try show(workspace, id).status == status)
    }

    @Test func joiningAtTenMinutesDoesNotReopenTheSession() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let early = try workspace.book(contact: "eve@acme.example", start: Self.start, now: Self.bookedAt)
        try workspace.ok(["join", early, "--at", minutes(9, from: Self.start)], now: minutes(9, from: Self.start))
        #expect(try show(workspace, early).status == "joined")

        let late = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T17:00:00Z", now: Self.bookedAt)
        try workspace.ok(["sweep"], now: minutes(10, from: "2026-12-02T17:00:00Z"))
        let output = try workspace.ok(
            ["join", late, "--at", minutes(10, from: "2026-12-02T17:00:00Z")], now: minutes(11, from: "2026-12-02T17:00:00Z"))
        #expect(output.contains("no-show"))
        #expect(try show(workspace, late).status == "no-show")
    }

    @Test(arguments: [(64, false), (65, true), (66, true)])
    func nothingStartsSoonerThanTheMinimumNotice(minutesAhead: Int, allowed: Bool) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(
            ["book", "--contact", "eve@acme.example", "--kind", "live-session", "--length", "60", "--start", Self.start],
            now: minutes(-Double(minutesAhead), from: Self.start))
        #expect(result.status == (allowed ? 0 : 3), "\(result.stdout)\(result.stderr)")
        if !allowed { #expect(result.stdout.contains("refused (minimum-notice)")) }
    }

    @Test func aPlanCompanyBooksFreeWithItsCodeAndIsRefusedAWrongOne() throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        let wrong = try workspace.run(
            ["book", "--contact", "eve@acme.example", "--kind", "live-session", "--start", Self.start, "--code", "NOT-THE-CODE"],
            now: Self.bookedAt)
        #expect(wrong.status == 3)
        #expect(wrong.stdout.contains("refused (wrong-code)"))
        let id = try workspace.book(contact: "eve@acme.example", start: Self.start, code: "acme-code-1", now: Self.bookedAt)
        let view = try show(workspace, id)
        #expect(view.charge == "plan-free")
        #expect(view.amount == Money(amount: "0.00", currency: "USD"))
    }

    @Test func aLapsedPlanPaysTheFeeButBookingsMadeBeforeKeepTheirTerms() throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        try workspace.ok(["companies", "set-plan", "acme", "--plan", "free", "--plan-until", "2026-12-10"], now: "2026-11-01T00:00:00Z")
        let before = try workspace.book(
            contact: "eve@acme.example", start: "2026-12-14T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-09T12:00:00Z")
        let after = try workspace.book(contact: "eve@acme.example", start: "2026-12-15T15:00:00Z", now: "2026-12-12T12:00:00Z")
        #expect(try show(workspace, before).charge == "plan-free")
        #expect(try show(workspace, after).charge == "fee-schedule")
        #expect(try show(workspace, after).amount.amount == "140.00")
    }

    @Test(arguments: [("2027-01-01T05:59:00Z", "2026-a", "140.00"), ("2027-01-01T06:00:00Z", "2027-a", "150.00")])
    func theFeeInForceChangesAtMidnightInTheVendorZone(bookedAt: String, version: String, amount: String) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "eve@acme.example", start: "2027-01-05T15:00:00Z", now: bookedAt)
        let view = try show(workspace, id)
        #expect(view.feeScheduleVersion == version)
        #expect(view.amount.amount == amount)
    }

    @Test func theSecondFreeNoShowSuspendsUntilTheReinstatementIsPaid() throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        let first = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", code: "ACME-CODE-1", now: Self.bookedAt)
        try workspace.ok(["sweep"], now: "2026-12-02T15:10:00Z")
        #expect(try show(workspace, first).status == "no-show")
        // One no-show: still bookable.
        let second = try workspace.book(
            contact: "eve@acme.example", start: "2026-12-03T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-02T16:00:00Z")
        try workspace.ok(["sweep"], now: "2026-12-03T15:10:00Z")
        #expect(try show(workspace, second).status == "no-show")

        let refused = try workspace.run(
            [
                "book", "--contact", "eve@acme.example", "--kind", "live-session", "--start", "2026-12-04T15:00:00Z", "--code",
                "ACME-CODE-1",
            ],
            now: "2026-12-03T16:00:00Z")
        #expect(refused.status == 3)
        #expect(refused.stdout.contains("refused (suspended)"))
        #expect(refused.stdout.contains("$100.00"))

        let short = try workspace.run(["reinstate", "acme", "--payment-ref", "INV-1", "--amount", "50.00"], now: "2026-12-03T16:30:00Z")
        #expect(short.status == 3)
        try workspace.ok(["reinstate", "acme", "--payment-ref", "INV-2"], now: "2026-12-03T17:00:00Z")
        _ = try workspace.book(contact: "eve@acme.example", start: "2026-12-04T15:00:00Z", code: "ACME-CODE-1", now: "2026-12-03T17:05:00Z")
        let notSuspended = try workspace.run(["reinstate", "acme", "--payment-ref", "INV-3"], now: "2026-12-03T17:10:00Z")
        #expect(notSuspended.status == 3, "a company in good standing owes no reinstatement")
    }

    @Test func paidNoShowsDoNotSuspend() throws {
        // A free-plan company whose contact booked two sessions at the fee (no code).
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        for day in 2...3 {
            _ = try workspace.book(contact: "eve@acme.example", start: "2026-12-0\(day)T15:00:00Z", now: Self.bookedAt)
            try workspace.ok(["sweep"], now: "2026-12-0\(day)T15:10:00Z")
        }
        let listed = try workspace.ok(["bookings", "list", "--json"])
        #expect(listed.components(separatedBy: "\"no-show\"").count - 1 == 2, "both paid sessions were closed as no-shows")
        // Two paid no-shows suspend nothing: a free session with the code is still booked.
        let free = try workspace.run(
            [
                "book", "--contact", "eve@acme.example", "--kind", "live-session", "--start", "2026-12-04T15:00:00Z",
                "--code", "ACME-CODE-1", "--json",
            ], now: "2026-12-03T16:00:00Z")
        #expect(free.status == 0, "\(free.stdout)")
        #expect(!free.stdout.contains("suspended"))
    }
}
