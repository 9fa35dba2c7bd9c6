import Foundation
import TestSupport
import Testing

/// Emergencies and return calls through the binary. Dana works 09:00–17:00 Chicago
/// (15:00Z–23:00Z); "today" is Wednesday 2 December 2026 in the vendor's zone.
@Suite struct EmergencyAndReturnCallTests {
    func workspace(plan: String) throws -> CLIWorkspace { try CLIWorkspace.acme(plan: plan) }

    struct Opening: Decodable {
        var staff: String
        var start: String
        var end: String
        var minutes: Int
    }

    @Test func onlyActiveMaintenanceMayAskForAnEmergency() throws {
        let workspace = try workspace(plan: "none")
        defer { workspace.remove() }
        let result = try workspace.run(["emergency", "openings", "--contact", "eve@acme.example"], now: "2026-12-02T16:00:00Z")
        #expect(result.status == 3)
        #expect(result.stdout.contains("refused (no-active-plan)"))
    }

    @Test func aFullDayStillOffersTheShortGapsAndThePlacementIsEmailed() throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        // Fill the day with hour sessions, leaving gaps of 15 and 30 minutes between some.
        for start in [
            "2026-12-02T17:00:00Z", "2026-12-02T18:15:00Z", "2026-12-02T19:45:00Z", "2026-12-02T20:45:00Z", "2026-12-02T21:45:00Z",
        ] {
            _ = try workspace.book(contact: "eve@acme.example", start: start, code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
        }
        let output = try workspace.ok(["emergency", "openings", "--contact", "eve@acme.example", "--json"], now: "2026-12-02T16:00:00Z")
        let openings = try JSONDecoder().decode([Opening].self, from: Data(output.utf8))
        // 16:00–17:00Z (60 min), 18:00–18:15Z (15), 19:15–19:45Z (30), 22:45–23:00Z (15): earliest first.
        #expect(openings.map(\.start) == ["2026-12-02T16:00:00Z", "2026-12-02T18:00:00Z", "2026-12-02T19:15:00Z", "2026-12-02T22:45:00Z"])
        #expect(openings.map(\.minutes) == [60, 15, 30, 15])

        let placed = try workspace.run(
            [
                "emergency", "place", "--contact", "eve@acme.example", "--start", "2026-12-02T19:15:00Z",
                "--staff", "dana", "--length", "30",
            ], now: "2026-12-02T16:00:00Z")
        #expect(placed.status == 0, "\(placed.stdout)\(placed.stderr)")
        let mails = workspace.files(in: workspace.mailFolder).map {
            (try? String(contentsOf: workspace.mailFolder.appendingPathComponent($0), encoding: .utf8)) ?? ""
        }
        // 19:15Z is 12:45 AM in Kolkata: the email gives Eve's own clock.
        #expect(mails.contains { $0.contains("Subject: Emergency session: 12:45 AM, Thursday, 3 December 2026") })

        let tooLong = try workspace.run(
            [
                "emergency", "place", "--contact", "eve@acme.example", "--start", "2026-12-02T18:00:00Z",
                "--staff", "dana", "--length", "30",
            ], now: "2026-12-02T16:00:00Z")
        #expect(tooLong.status == 3, "30 minutes do not fit in the 15-minute gap")
    }

    @Test func oneReturnCallOfTenMinutesThenTheCustomerMustBook() throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        _ = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T17:00:00Z", code: "ACME-CODE-1", now: "2026-12-01T12:00:00Z")
        struct Planned: Decodable {
            var id: String
            var staff: String
            var start: String
            var end: String
        }
        let output = try workspace.ok(["callbacks", "request", "--contact", "eve@acme.example", "--json"], now: "2026-12-02T16:53:00Z")
        let call = try JSONDecoder().decode(Planned.self, from: Data(output.utf8))
        // 16:53–17:00Z is only 7 minutes; the first 10-minute gap starts after the 17:00Z session.
        #expect(call.start == "2026-12-02T18:00:00Z")
        #expect(call.end == "2026-12-02T18:10:00Z")

        let second = try workspace.run(["callbacks", "request", "--contact", "eve@acme.example"], now: "2026-12-02T18:30:00Z")
        #expect(second.status == 3)
        #expect(second.stdout.contains("refused (return-call-already-planned)"), "the first call is not made yet")

        let resolved = try workspace.ok(["callbacks", "attempt", call.id, "--outcome", "resolved"], now: "2026-12-02T18:10:00Z")
        #expect(resolved.contains("settled on the call"))
    }

    @Test(arguments: ["not-reached", "needs-more-time"])
    func anUnreachedOrLongMatterMeansBookingASession(outcome: String) throws {
        let workspace = try workspace(plan: "free")
        defer { workspace.remove() }
        struct Planned: Decodable { var id: String }
        let call = try JSONDecoder().decode(
            Planned.self,
            from: Data(
                try workspace.ok(["callbacks", "request", "--contact", "eve@acme.example", "--json"], now: "2026-12-02T16:00:00Z").utf8))
        let arguments = ["callbacks", "attempt", call.id, "--outcome", outcome, "--json"]
        struct Result: Decodable {
            var outcome: String
            var next: String?
        }
        let result = try JSONDecoder().decode(Result.self, from: Data(try workspace.ok(arguments, now: "2026-12-02T16:10:00Z").utf8))
        #expect(result.outcome == outcome)
        #expect(result.next?.contains("book a session") == true)
    }
}
