import Foundation
import GRDB
import Scheduling
import TestSupport
import Testing

@testable import Store

@Suite struct MigrationTests {
    @Test func openingTwiceKeepsDataAndSchema() throws {
        let (folder, path) = temporaryStorePath("nested/deeper/store.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SupportStore(path: path, logger: testLogger)
        try first.seed()
        // A second open (another process, a restart) migrates nothing and sees the data.
        let second = try SupportStore(path: path, logger: testLogger)
        let third = try SupportStore(path: path, logger: testLogger)
        #expect(try second.read { try $0.company("acme") }?.name == "Acme Crating")
        #expect(try third.read { try $0.contacts(of: "acme") }.map(\.id) == ["ann"])
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func contactsGetAPhoneAndCanBeRemovedKeepingEveryRow() throws {
        let (folder, path) = temporaryStorePath("v2/store.sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        // A store as the previous release left it, with a contact and a booking of theirs.
        do {
            let old = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(old, upTo: "v2-idempotency")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO companies (id, name) VALUES ('acme', 'Acme Crating');
                        INSERT INTO contacts (id, company_id, name, email, time_zone) VALUES ('ann', 'acme', 'Ann', 'Ann@Acme.example', \
                        'America/Chicago');
                        INSERT INTO staff (key, name, time_zone) VALUES ('dana', 'Dana', 'America/Chicago');
                        INSERT INTO bookings (id, company_id, contact_id, session_kind, session_minutes, start_ms, end_ms, staff_key, \
                        charge_basis,
                            amount_cents, currency, status, booked_at_ms, updated_at_ms, calendar_uid)
                        VALUES ('b-1', 'acme', 'ann', 'live-session', 60, 0, 3600000, 'dana', 'fee-schedule', 14000, 'USD', 'completed', \
                        0, 0, 'b-1@supportcal');
                        """)
            }
        }
        let store = try SupportStore(path: path, logger: testLogger)
        let ann = try #require(try store.read { try $0.contact(email: "ann@acme.example") })
        #expect(ann.name == "Ann" && ann.phone == nil)
        try store.write { tx in
            var changed = ann
            changed.phone = "+1 555 0199"
            try tx.update(changed)
        }
        #expect(try store.read { try $0.requireContact("ann") }.phone == "+1 555 0199")
        // Removed: no longer listed or found by address, still behind her booking; the address is free.
        try store.write { tx in try tx.removeContact("ann", at: Date()) }
        #expect(try store.read { try $0.contacts(of: "acme") }.isEmpty)
        #expect(try store.read { try $0.contact(email: "ann@acme.example") } == nil)
        #expect(try store.read { try $0.requireContact("ann") }.name == "Ann")
        #expect(try store.read { try $0.booking("b-1") }?.contactID == "ann")
        try store.write { tx in
            try tx.insert(
                Contact(id: "ann2", companyID: "acme", name: "Ann Again", email: "ann@acme.example", timeZone: TimeZone(identifier: "UTC")!)
            )
        }
        // Among current contacts an address is still unique, whatever its letter case.
        #expect(throws: StoreError.self) {
            try store.write { tx in
                try tx.insert(
                    Contact(
                        id: "ann3", companyID: "acme", name: "Ann Three", email: "ANN@acme.example", timeZone: TimeZone(identifier: "UTC")!)
                )
            }
        }
    }

    @Test func storeUsesWALAndForeignKeys() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let (mode, foreignKeys) = try store.read { tx in
            (try String.fetchOne(tx.db, sql: "PRAGMA journal_mode"), try Int.fetchOne(tx.db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func twentyProcessesOpeningANewFileAtOnceAllSucceed() async throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let store = try SupportStore(path: path, logger: testLogger)
                    return try await store.read { try $0.companies() }.isEmpty
                }
            }
            return try await group.reduce(into: 0) { count, ok in count += ok ? 1 : 0 }
        }
        #expect(opened == 20)
    }

    @Test func inMemoryStoreWorksAndIsPrivate() throws {
        let a = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let b = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        try a.seed()
        #expect(a.path == nil)
        #expect(try a.read { try $0.companies() }.count == 1)
        #expect(try b.read { try $0.companies() }.isEmpty)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SupportStore(path: path, logger: testLogger)
        } throws: { error in
            (error as? StoreError)?.code == .corrupt && "\(error)".contains(path)
        }
    }
}
