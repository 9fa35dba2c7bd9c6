import Foundation
import TestSupport
import Testing

/// Issue 12: `--json` that a program can read. Money is an amount and a currency, plans
/// are fields, `local` is the API's text with the zone beside it, errors are JSON on
/// standard output, outbox entries are objects (docs/json.md).
@Suite struct JSONOutputTests {
    func workspace() throws -> CLIWorkspace {
        let workspace = try CLIWorkspace()
        try workspace.ok(["companies", "add", "--id", "acme", "--name", "Acme Crating", "--plan", "none"], now: "2026-11-01T00:00:00Z")
        try workspace.ok([
            "contacts", "add", "--company", "acme", "--email", "eve@acme.example", "--name", "Eve", "--tz", "Europe/Copenhagen",
        ])
        return workspace
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func aBookingHasTheAPIsFieldsWithMoneyAsAnObject() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let id = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let detail = try object(try workspace.ok(["bookings", "show", id, "--json"]))
        let booking = try #require(detail["booking"] as? [String: Any])
        let amount = try #require(booking["amount"] as? [String: Any])
        #expect(amount["amount"] as? String == "140.00" && amount["currency"] as? String == "USD")
        // The same `local` text as the API, and the zone as its own field.
        #expect(booking["local"] as? String == "4:00 PM UTC+1 (Europe/Copenhagen) on Wednesday, 2 December 2026")
        #expect(booking["zone"] as? String == "Europe/Copenhagen")
        #expect(booking["emergency"] as? Bool == false)
        // Outbox entries are objects.
        let outbox = try #require(detail["outbox"] as? [[String: Any]])
        #expect(!outbox.isEmpty)
        for entry in outbox {
            #expect(Set(entry.keys).isSuperset(of: ["kind", "status", "key", "target"]), "\(entry)")
        }
        #expect(
            outbox.contains {
                $0["kind"] as? String == "calendar.put" && $0["target"] as? String == "dana" && $0["status"] as? String == "delivered"
            })
        #expect(
            outbox.contains { $0["kind"] as? String == "email" && $0["status"] as? String == "pending" && $0["due"] is String },
            "the reminders wait, with when they are due")
    }

    @Test func slotsHaveTheAPIsShape() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let answer = try object(
            try workspace.ok(
                [
                    "slots", "--kind", "live-session", "--length", "60", "--from", "2026-12-02T15:00:00Z", "--days", "1",
                    "--contact", "eve@acme.example", "--json",
                ], now: "2026-12-01T12:00:00Z"))
        #expect(answer["zone"] as? String == "Europe/Copenhagen")
        #expect(answer["sessionType"] as? String == "60-minute live session")
        let slots = try #require(answer["slots"] as? [[String: Any]])
        #expect(slots.first?["local"] as? String == "4:00 PM UTC+1 (Europe/Copenhagen) on Wednesday, 2 December 2026")
    }

    @Test func companyFeesAreMoneyObjects() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        _ = try workspace.book(contact: "eve@acme.example", start: "2026-12-02T15:00:00Z", now: "2026-12-01T12:00:00Z")
        let detail = try object(try workspace.ok(["companies", "show", "acme", "--json"], now: "2026-12-01T12:00:00Z"))
        let fees = try #require(detail["feesOutstanding"] as? [String: Any])
        #expect(fees["amount"] as? String == "140.00" && fees["currency"] as? String == "USD")
        let company = try #require(detail["company"] as? [String: Any])
        #expect(company["plan"] is NSNull, "no plan is null, not a missing field")
        let contacts = try #require(detail["contacts"] as? [[String: Any]])
        #expect(contacts.first?["email"] as? String == "eve@acme.example" && contacts.first?["zone"] as? String == "Europe/Copenhagen")
    }

    static let failures: [([String], Int32)] = [
        (["cancel", "b-nosuchthing", "--json"], 2),
        (["slots", "--kind", "yoga", "--json"], 2),
        (["slots", "--kind", "live-session", "--days", "99", "--json"], 2),
        (["contacts", "add", "--company", "acme", "--email", "x@y.example", "--name", "X", "--tz", "Nowhere", "--json"], 2),
    ]

    @Test(arguments: failures)
    func anErrorUnderJSONIsAJSONDocumentOnStandardOutput(arguments: [String], status: Int32) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(arguments)
        #expect(result.status == status)
        let error = try object(result.stdout)
        #expect((error["error"] as? String)?.isEmpty == false)
        #expect(error["exitCode"] as? Int == Int(status))
    }

    @Test func aRefusalUnderJSONKeepsItsShape() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let result = try workspace.run(
            ["book", "--contact", "eve@acme.example", "--kind", "live-session", "--start", "2026-12-01T12:30:00Z", "--json"],
            now: "2026-12-01T12:00:00Z")
        #expect(result.status == 3)
        let refusal = try object(result.stdout)
        #expect(refusal["refused"] as? Bool == true && refusal["rule"] as? String == "minimum-notice" && refusal["reason"] is String)
    }
}
