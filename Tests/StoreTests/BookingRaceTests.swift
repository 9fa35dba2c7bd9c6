import Foundation
import Scheduling
import TestSupport
import Testing

@testable import Store

/// §3: "two customers racing for the last free minute of a staff member get exactly one
/// booking". Each racer opens its own `SupportStore` (its own connection pool, like a
/// separate process) on the same file and books through `BookingDecider`.
@Suite struct BookingRaceTests {
    static let now = utc("2026-11-02T10:00:00Z")
    static let start = utc("2026-11-03T10:00:00Z")

    /// One booking attempt, the way `supportcal book` does it.
    /// `hold` keeps the transaction open after deciding, widening the race window: with a
    /// deferred transaction two racers would both read the slot as free.
    static func book(_ store: SupportStore, id: BookingID, contact contactID: ContactID = "ann", hold: TimeInterval = 0.01) throws
        -> Decision<Booking>
    {
        try store.write { tx in
            let company = try tx.requireCompany("acme")
            let contact = try tx.requireContact(contactID)
            let request = BookingRequest(bookingID: id, company: company, contact: contact, sessionType: live60, start: start)
            let context = try tx.bookingContext(for: request, staff: [alice], feeSchedule: fees, policy: .default, now: now)
            let decision = BookingDecider(hasher: FakeHasher()).decide(request, context: context, now: now)
            if hold > 0 { Thread.sleep(forTimeInterval: hold) }
            if let booking = decision.value {
                try tx.insert(booking)
                try tx.enqueue(
                    OutboxMessage(
                        kind: .calendarPut, bookingID: booking.id, target: booking.staff.rawValue,
                        payload: "{}", dedupeKey: "\(booking.id)/\(booking.sequence)/calendar"), at: now)
                for message in ReminderPlan(for: booking, now: now).messages {
                    try tx.enqueue(
                        OutboxMessage(
                            kind: .email, bookingID: booking.id, target: contact.email, payload: "{}",
                            dedupeKey: message.key, notBefore: message.due), at: now)
                }
            }
            try tx.audit(
                AuditRecord(
                    at: now, actor: "customer:\(contact.email)", action: decision.isAccepted ? "booking.created" : "booking.refused",
                    bookingID: id, companyID: company.id, via: "test", details: decision.rule.map { ["rule": $0.rawValue] } ?? [:]))
            return decision
        }
    }

    @Test func twentyStoresRacingForTheLastSlotGetExactlyOneBooking() async throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let setup = try SupportStore(path: path, logger: testLogger)
        try await setup.write { tx in
            try tx.insert(acme)
            try tx.insert(ann)
            // Twenty different customers: the same one twice would be "already booked then".
            for index in 0..<20 {
                try tx.insert(
                    Contact(
                        id: ContactID("racer-\(index)"), companyID: "acme", name: "Racer \(index)",
                        email: "racer\(index)@acme.example", timeZone: chicago))
            }
            try tx.mirrorStaff([StaffProfile(alice)])
            // Alice is busy all day except 10:00–11:00: the last free hour.
            let day = TimeRange(start: utc("2026-11-03T00:00:00Z"), end: utc("2026-11-04T00:00:00Z"))
            try tx.replaceBusyIntervals(
                staff: "alice", window: day,
                with: [
                    TimeRange(start: utc("2026-11-03T09:00:00Z"), end: utc("2026-11-03T10:00:00Z")),
                    TimeRange(start: utc("2026-11-03T11:00:00Z"), end: utc("2026-11-03T17:00:00Z")),
                ], source: "caldav")
        }
        let stores = try (0..<20).map { _ in try SupportStore(path: path, logger: testLogger) }

        let decisions = try await withThrowingTaskGroup(of: Decision<Booking>.self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    try await Task.detached { try Self.book(store, id: BookingID("b-race-\(index)"), contact: ContactID("racer-\(index)")) }
                        .value
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(decisions.count == 20)
        #expect(decisions.filter(\.isAccepted).count == 1)
        #expect(decisions.filter { $0.rule == .slotTaken }.count == 19)
        let stored = try await setup.read { try $0.bookings() }
        #expect(stored.count == 1)
        #expect(stored.first?.id == decisions.compactMap(\.value).first?.id)
        // Outbox rows exist for the winner only, and every attempt was audited.
        #expect(try await setup.read { try $0.outboxItems() }.allSatisfy { $0.bookingID == stored.first?.id })
        #expect(try await setup.read { try $0.auditEntries() }.count == 20)
    }

    @Test func racingOnThreadsWithTheBlockingAPIAlsoGivesOneBooking() async throws {
        let (folder, path) = temporaryStorePath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let setup = try SupportStore(path: path, logger: testLogger)
        try setup.seed()
        let stores = try (0..<20).map { _ in try SupportStore(path: path, logger: testLogger) }
        // Alice and Bob (Chicago, 09:00–17:00 = 15:00–23:00 UTC) : only Alice works at 10:00 UTC.
        let results = Results()
        let group = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        for (index, store) in stores.enumerated() {
            group.enter()
            let thread = Thread {
                gate.wait()
                results.add(Result { try Self.book(store, id: BookingID("b-thread-\(index)")) })
                group.leave()
            }
            thread.start()
        }
        for _ in stores { gate.signal() }
        group.wait()
        let all = results.values.map { try? $0.get() }
        #expect(all.allSatisfy { $0 != nil }, "no attempt may fail with an error (busy timeout)")
        #expect(all.compactMap { $0 }.filter(\.isAccepted).count == 1)
        #expect(try await setup.read { try $0.bookings() }.count == 1)
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<Decision<Booking>, any Error>] = []
    func add(_ result: Result<Decision<Booking>, any Error>) { lock.withLock { stored.append(result) } }
    var values: [Result<Decision<Booking>, any Error>] { lock.withLock { stored } }
}
