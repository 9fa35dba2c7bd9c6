import Foundation
import Scheduling
import Testing

@testable import Store

@Suite struct AuditLogTests {
    @Test func entriesAreRecordedAndQueriedOldestFirst() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let base = utc("2026-10-20T12:00:00Z")
        try store.write { tx in
            try tx.audit(
                AuditRecord(
                    at: base, actor: "customer:ann@acme.example", action: "booking.created", bookingID: "b-1",
                    companyID: "acme", via: "POST /api/bookings", details: ["staff": "alice", "charge": "$150.00"]))
            try tx.audit(
                AuditRecord(
                    at: base.addingTimeInterval(60), actor: "cli:vera", action: "company.code-rotated", companyID: "acme",
                    via: "supportcal companies rotate-code"))
            try tx.audit(
                AuditRecord(
                    at: base.addingTimeInterval(120), actor: "staff-calendar:alice", action: "booking.rescheduled", bookingID: "b-1",
                    companyID: "acme", via: "supportcal sync"))
            try tx.audit(
                AuditRecord(
                    at: base.addingTimeInterval(180), actor: "customer:bo@other.example", action: "booking.refused", bookingID: "b-2",
                    via: "POST /api/bookings", details: ["rule": "slot-taken"]))
        }
        let b1 = try store.read { try $0.auditEntries(AuditQuery(bookingID: "b-1")) }
        #expect(b1.map(\.record.action) == ["booking.created", "booking.rescheduled"])
        #expect(b1[0].record.details == ["staff": "alice", "charge": "$150.00"])
        #expect(b1[0].record.via == "POST /api/bookings" && b1[0].record.at == base)
        #expect(b1[0].id < b1[1].id)
        // A refusal of a booking that was never stored is still auditable.
        #expect(try store.read { try $0.auditEntries(AuditQuery(bookingID: "b-2")) }.first?.record.details["rule"] == "slot-taken")
        #expect(try store.read { try $0.auditEntries(AuditQuery(companyID: "acme")) }.count == 3)
        #expect(try store.read { try $0.auditEntries(AuditQuery(actor: "cli:vera")) }.map(\.record.action) == ["company.code-rotated"])
        let recent = try store.read { try $0.auditEntries(AuditQuery(limit: 2)) }
        #expect(recent.map(\.record.action) == ["booking.rescheduled", "booking.refused"])
        #expect(try store.read { try $0.auditEntries(AuditQuery(since: base.addingTimeInterval(150))) }.count == 1)
    }
}
