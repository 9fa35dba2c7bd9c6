import Foundation
import Scheduling
import TestSupport
import Testing

@testable import Store

@Suite struct MaintenanceCodeStorageTests {
    @Test func onlySaltAndDigestReachTheFile() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let hasher = FakeHasher()
        let salt: [UInt8] = Array(200..<216)
        let first = try MaintenanceCode.issue(code: "QZX-4471-KWV", salt: salt, hasher: hasher, at: utc("2026-01-05T08:30:00Z"))
        try store.write { try $0.insert(Company(id: "acme", name: "Acme", maintenanceCode: first)) }
        // Rotation: `companies rotate-code` prints the new code once and stores this.
        let rotated = try first.rotated(to: "PLM-9902-RTY", salt: Array(50..<66), hasher: hasher, at: utc("2026-03-01T00:00:00Z"))
        try store.write { tx in
            try tx.setMaintenanceCode(rotated, for: "acme")
            try tx.audit(
                AuditRecord(
                    at: rotated.issuedAt, actor: "cli:vera", action: "company.code-rotated", companyID: "acme",
                    via: "supportcal companies rotate-code"))
        }
        let stored = try #require(try store.read { try $0.company("acme") }?.maintenanceCode)
        #expect(stored == rotated)
        #expect(stored.matches("plm 9902 rty", hasher: hasher))
        #expect(!stored.matches("QZX-4471-KWV", hasher: hasher))

        let bytesBefore = storeBytes(path)
        try store.checkpoint()
        let bytes = bytesBefore + storeBytes(path)
        for secret in ["QZX-4471-KWV", "QZX4471KWV", "PLM-9902-RTY", "PLM9902RTY", "plm-9902-rty"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the code \(secret) must never be stored")
        }
        #expect(bytes.range(of: Data(rotated.digest)) != nil, "the digest is what is stored")
    }

    /// The sealed copy (made by `CodeSealer` outside the store) is kept beside the digest
    /// and replaced with it on rotation.
    @Test func theSealedCopyIsKeptAndReplacedWithTheDigest() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let hasher = FakeHasher()
        let first = try MaintenanceCode.issue(code: "QZX-4471-KWV", salt: Array(200..<216), hasher: hasher, at: utc("2026-01-05T08:30:00Z"))
            .keeping(sealed: [1, 2, 3, 4])
        try store.write { try $0.insert(Company(id: "acme", name: "Acme", maintenanceCode: first)) }
        #expect(try store.read { try $0.company("acme") }?.maintenanceCode?.sealed == [1, 2, 3, 4])
        let rotated = try first.rotated(to: "PLM-9902-RTY", salt: Array(50..<66), hasher: hasher, at: utc("2026-03-01T00:00:00Z"))
        try store.write { try $0.setMaintenanceCode(rotated.keeping(sealed: [9, 9]), for: "acme") }
        #expect(try store.read { try $0.company("acme") }?.maintenanceCode?.sealed == [9, 9])
        try store.write { try $0.setMaintenanceCode(rotated, for: "acme") }
        #expect(try store.read { try $0.company("acme") }?.maintenanceCode?.sealed == nil, "an unsealed code leaves nothing behind")
    }
}
