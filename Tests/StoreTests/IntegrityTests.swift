import Foundation
import Scheduling
import TestSupport
import Testing

@testable import Store

@Suite struct IntegrityTests {
    @Test func bookingForUnknownStaffOrCompanyIsRefusedByForeignKeys() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        #expect {
            try store.write { try $0.insert(makeBooking(staff: "zoe")) }
        } throws: { error in
            let e = error as? StoreError
            return e?.code == .constraint && e?.message.contains("zoe") == true
        }
        #expect {
            try store.write { try $0.insert(makeBooking(company: "nobody")) }
        } throws: { ($0 as? StoreError)?.code == .constraint }
        #expect {
            try store.write { try $0.insert(Contact(id: "x", companyID: "nobody", name: "X", email: "x@x.example", timeZone: utcZone)) }
        } throws: { ($0 as? StoreError)?.code == .constraint }
        #expect {
            try store.write {
                try $0.enqueue(
                    OutboxMessage(kind: .email, bookingID: "b-missing", target: "a@b.example", payload: "{}", dedupeKey: "k"), at: .now)
            }
        } throws: { ($0 as? StoreError)?.code == .constraint }
        #expect(try store.read { try $0.bookings() }.isEmpty)
    }

    @Test func duplicateContactEmailIsRefusedWhateverItsCase() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let twin = Contact(id: "ann2", companyID: "acme", name: "Ann Again", email: "Ann@ACME.example", timeZone: utcZone)
        #expect {
            try store.write { try $0.insert(twin) }
        } throws: { error in
            guard let e = error as? StoreError else { return false }
            return e.code == .duplicate && e.message.contains("Ann@ACME.example") && e.message.contains("contact ann")
        }
        #expect(try store.read { try $0.contacts(of: "acme") }.map(\.id) == ["ann"])
    }

    @Test func duplicateIDsAreRefused() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        #expect { try store.write { try $0.insert(acme) } } throws: { ($0 as? StoreError)?.code == .duplicate }
        try store.write { try $0.insert(makeBooking()) }
        #expect { try store.write { try $0.insert(makeBooking()) } } throws: { ($0 as? StoreError)?.code == .duplicate }
    }

    @Test func aThrowingTransactionLeavesNeitherBookingNorOutboxNorAudit() throws {
        struct Boom: Error {}
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let now = utc("2026-10-20T12:00:00Z")
        #expect(throws: Boom.self) {
            try store.write { tx in
                try tx.insert(makeBooking())
                try tx.enqueue(
                    OutboxMessage(kind: .calendarPut, bookingID: "b-1", target: "alice", payload: "{}", dedupeKey: "b-1/0/calendar"),
                    at: now)
                try tx.enqueue(
                    OutboxMessage(
                        kind: .email, bookingID: "b-1", target: "ann@acme.example", payload: "{}", dedupeKey: "b-1/0/confirmation"), at: now
                )
                try tx.audit(AuditRecord(at: now, actor: "cli:test", action: "booking.created", bookingID: "b-1", via: "supportcal book"))
                throw Boom()
            }
        }
        #expect(try store.read { try $0.booking("b-1") } == nil)
        #expect(try store.read { try $0.outboxItems() }.isEmpty)
        #expect(try store.read { try $0.auditEntries() }.isEmpty)

        // The same transaction without the failure keeps all three together.
        try store.write { tx in
            try tx.insert(makeBooking())
            try tx.enqueue(
                OutboxMessage(kind: .email, bookingID: "b-1", target: "ann@acme.example", payload: "{}", dedupeKey: "b-1/0/confirmation"),
                at: now)
            try tx.audit(AuditRecord(at: now, actor: "cli:test", action: "booking.created", bookingID: "b-1", via: "supportcal book"))
        }
        #expect(try store.read { try $0.outboxItems(bookingID: "b-1") }.count == 1)
        #expect(try store.read { try $0.auditEntries(AuditQuery(bookingID: "b-1")) }.count == 1)
    }

    @Test func writingInsideAReadIsRefused() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        #expect {
            try store.read { try $0.insert(makeBooking()) }
        } throws: { ($0 as? StoreError)?.code == .readOnly }
    }

    @Test func unknownRowsAreNotFound() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        #expect { try store.read { try $0.requireBooking("b-nope") } } throws: {
            ($0 as? StoreError)?.code == .notFound && "\($0)".contains("b-nope")
        }
        #expect { try store.read { try $0.requireCompany("nope") } } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect { try store.write { try $0.markDelivered(42, at: .now) } } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect {
            try store.write { try $0.setMaintenanceCode(nil, for: "nope") }
        } throws: { ($0 as? StoreError)?.code == .notFound }
    }

    @Test func asyncWriteAndReadWork() async throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SupportStore(path: path, logger: testLogger)
        try await store.write { tx in
            try tx.insert(acme)
            try tx.insert(ann)
        }
        let names = try await store.read { try $0.companies().map(\.name) }
        #expect(names == ["Acme Crating"])
        await #expect {
            try await store.write { tx in
                try tx.insert(makeBooking())
            }
        } throws: { ($0 as? StoreError)?.code == .constraint }
    }
}
