import Foundation
import Scheduling
import TestSupport
import Testing

@testable import Store

/// The customer account's emergency requests and API tokens, as stored.
@Suite struct EmergencyRequestStorageTests {
    func storeWithContact() throws -> SupportStore {
        let store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        try store.write { tx in
            try tx.insert(Company(id: "acme", name: "Acme"))
            try tx.insert(
                Contact(id: "eve", companyID: "acme", name: "Eve", email: "eve@acme.example", timeZone: TimeZone(identifier: "UTC")!))
        }
        return store
    }

    @Test func aRequestIsClosedOnceAndTheQueueIsOldestFirst() throws {
        let store = try storeWithContact()
        let first = EmergencyRequest(companyID: "acme", contactID: "eve", requestedAt: utc("2026-12-01T09:00:00Z"), problem: "down")
        let second = EmergencyRequest(companyID: "acme", contactID: "eve", requestedAt: utc("2026-12-01T10:00:00Z"), problem: "still")
        try store.write { tx in
            try tx.insert(second)
            try tx.insert(first)
        }
        #expect(try store.read { try $0.emergencyRequests(state: .open) }.map(\.id) == [first.id, second.id])
        #expect(try store.read { try $0.emergencyRequests(company: "acme") }.map(\.id) == [second.id, first.id], "newest first")
        let placed = try store.write { tx in
            try tx.close(emergencyRequest: first.id, as: .declined, at: utc("2026-12-01T09:30:00Z"), reason: "no opening today")
        }
        #expect(placed.state == .declined && placed.reason == "no opening today" && placed.stateAt == utc("2026-12-01T09:30:00Z"))
        #expect(throws: StoreError.self) {
            try store.write { tx in try tx.close(emergencyRequest: first.id, as: .withdrawn, at: utc("2026-12-01T09:40:00Z")) }
        }
        #expect(try store.read { try $0.emergencyRequests(state: .open) }.map(\.id) == [second.id])
    }

    @Test func aRequestForAnUnknownContactIsRefused() throws {
        let store = try storeWithContact()
        #expect(throws: StoreError.self) {
            try store.write { tx in
                try tx.insert(
                    EmergencyRequest(companyID: "acme", contactID: "nobody", requestedAt: utc("2026-12-01T09:00:00Z"), problem: ""))
            }
        }
    }

    @Test func apiTokensAreCountedAndRevokedApartFromBrowserSessions() throws {
        let store = try storeWithContact()
        let now = utc("2026-12-01T09:00:00Z")
        try store.write { tx in
            try tx.startSession(digest: Array(repeating: 1, count: 32), for: .contact("eve"), at: now)
            try tx.startSession(digest: Array(repeating: 2, count: 32), for: .contact("eve"), at: now, isAPIToken: true)
            try tx.startSession(digest: Array(repeating: 3, count: 32), for: .contact("eve"), at: now, isAPIToken: true)
        }
        #expect(try store.read { try $0.apiTokenCount(for: .contact("eve")) } == 2)
        #expect(try store.write { try $0.endAPITokens(for: .contact("eve"), at: now) } == 2)
        let browser = try store.write { tx in
            try tx.touchSession(digest: Array(repeating: 1, count: 32), at: now.addingTimeInterval(60), idleLimit: 86_400)
        }
        #expect(browser == .contact("eve"), "the browser session lives on")
        let token = try store.write { tx in
            try tx.touchSession(digest: Array(repeating: 2, count: 32), at: now.addingTimeInterval(60), idleLimit: 86_400)
        }
        #expect(token == nil)
    }
}
