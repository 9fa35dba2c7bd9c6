import Foundation
import Scheduling
import TestSupport
import Testing

@testable import Store

@Suite struct OutboxTests {
    let now = utc("2026-10-20T12:00:00Z")

    func email(_ key: String, notBefore: Date? = nil) -> OutboxMessage {
        OutboxMessage(
            kind: .email, bookingID: "b-1", target: "ann@acme.example", payload: #"{"template":"reminder"}"#, dedupeKey: key,
            notBefore: notBefore)
    }

    func seeded(_ store: SupportStore) throws {
        try store.seed()
        try store.write { try $0.insert(makeBooking()) }
    }

    @Test func theSameReminderIsQueuedOnce() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        let booking = makeBooking()
        let plan = ReminderPlan(for: booking, now: now)
        #expect(plan.messages.map(\.key) == ["b-1/0/confirmation", "b-1/0/reminder-24h", "b-1/0/reminder-2h"])
        // A sweep that runs twice (e.g. after being killed) queues each message once.
        for _ in 0..<2 {
            let queued = try store.write { tx in
                try plan.messages.map { try tx.enqueue(email($0.key, notBefore: $0.due), at: now) }
            }
            _ = queued
        }
        let items = try store.read { try $0.outboxItems(bookingID: "b-1") }
        #expect(items.map(\.dedupeKey) == ["b-1/0/confirmation", "b-1/0/reminder-24h", "b-1/0/reminder-2h"])
        #expect(try store.write { try $0.enqueue(email("b-1/0/reminder-24h"), at: now) } == false)
        #expect(items[1].nextAttemptAt == utc("2026-11-02T10:00:00Z"))
    }

    /// A shutdown that cancels the delivery after the email went out must still record it,
    /// or the next run sends it again.
    @Test func aDeliveryIsRecordedEvenWhenTheDeliveringTaskIsCancelled() async throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        let message = email("now")
        let at = now
        try await store.write { tx in _ = try tx.enqueue(message, at: at) }
        let claimed = try await store.write { tx in try tx.claimDueOutbox(now: at) }
        let id = try #require(claimed.first?.id)
        let recorded = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await store.writeEvenIfCancelled { tx in try tx.markDelivered(id, at: at) }
        }
        try await recorded.value
        let status = try await store.read { tx in try tx.outboxItem(id)?.status }
        #expect(status == .delivered)
    }

    @Test func onlyDueItemsAreClaimedAndAClaimIsExclusive() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { tx in
            try tx.enqueue(email("now"), at: now)
            try tx.enqueue(email("later", notBefore: now.addingTimeInterval(3600)), at: now)
        }
        let claimed = try store.write { try $0.claimDueOutbox(now: now) }
        #expect(claimed.map(\.dedupeKey) == ["now"])
        #expect(claimed.first?.status == .sending && claimed.first?.attempts == 1 && claimed.first?.claimedAt == now)
        // A second deliverer running at the same moment finds nothing to do.
        #expect(try store.write { try $0.claimDueOutbox(now: now) }.isEmpty)
        #expect(try store.write { try $0.claimOutboxItem(claimed[0].id, now: now) } == nil)
        try store.write { try $0.markDelivered(claimed[0].id, at: now.addingTimeInterval(2)) }
        try store.write { try $0.markDelivered(claimed[0].id, at: now.addingTimeInterval(5)) }  // idempotent
        let delivered = try #require(try store.read { try $0.outboxItem(claimed[0].id) })
        #expect(delivered.status == .delivered && delivered.deliveredAt == now.addingTimeInterval(2))
        // The later one becomes due in an hour.
        #expect(try store.read { try $0.dueOutbox(now: now.addingTimeInterval(3599)) }.isEmpty)
        #expect(try store.read { try $0.dueOutbox(now: now.addingTimeInterval(3600)) }.map(\.dedupeKey) == ["later"])
    }

    @Test(arguments: [(1, 60.0), (2, 120.0), (3, 240.0), (6, 1920.0), (7, 3600.0), (30, 3600.0), (1000, 3600.0)])
    func backoffDoublesFromOneMinuteUpToOneHour(attempt: Int, seconds: Double) {
        #expect(OutboxRetryPolicy.default.delay(afterAttempt: attempt) == seconds)
    }

    @Test func aFailedDeliveryIsRetriedAfterTheBackoffThenGivenUp() throws {
        let policy = OutboxRetryPolicy(baseDelay: 60, maxDelay: 3600, maxAttempts: 3, claimTimeout: 600)
        let (store, path) = try temporaryStore(outboxRetry: policy)
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { try $0.enqueue(email("k"), at: now) }
        let first = try #require(try store.write { try $0.claimDueOutbox(now: now) }.first)
        let failed = try store.write { try $0.markFailed(first.id, error: "SMTP 451 try later", at: now) }
        #expect(failed.status == .pending && failed.attempts == 1)
        #expect(failed.nextAttemptAt == now.addingTimeInterval(60) && failed.lastError == "SMTP 451 try later")
        #expect(try store.write { try $0.claimDueOutbox(now: now.addingTimeInterval(59)) }.isEmpty)

        let second = try #require(try store.write { try $0.claimDueOutbox(now: now.addingTimeInterval(60)) }.first)
        #expect(second.attempts == 2)
        let again = try store.write { try $0.markFailed(second.id, error: "timeout", at: now.addingTimeInterval(61)) }
        #expect(again.nextAttemptAt == now.addingTimeInterval(61 + 120))

        let third = try #require(try store.write { try $0.claimDueOutbox(now: now.addingTimeInterval(200)) }.first)
        let gaveUp = try store.write { try $0.markFailed(third.id, error: "timeout", at: now.addingTimeInterval(201)) }
        #expect(gaveUp.status == .failed && gaveUp.attempts == 3)
        #expect(try store.read { try $0.dueOutbox(now: now.addingTimeInterval(86_400)) }.isEmpty)

        // The operator requeues it.
        #expect(try store.write { try $0.retryFailedOutbox(at: now.addingTimeInterval(300)) } == 1)
        let requeued = try #require(try store.read { try $0.outboxItem(first.id) })
        #expect(requeued.status == .pending && requeued.attempts == 0)
    }

    @Test func aPermanentErrorFailsAtOnce() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { try $0.enqueue(email("k"), at: now) }
        let item = try #require(try store.write { try $0.claimDueOutbox(now: now) }.first)
        let failed = try store.write { try $0.markFailed(item.id, error: "550 no such user", at: now, permanent: true) }
        #expect(failed.status == .failed)
    }

    /// A sweep killed between claiming and recording the delivery: after the claim
    /// timeout another process picks the item up, delivers it, and it is never due again.
    @Test func anAbandonedClaimBecomesDueAgainAndIsDeliveredOnce() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { try $0.enqueue(email("b-1/0/confirmation"), at: now) }
        let abandoned = try #require(try store.write { try $0.claimDueOutbox(now: now) }.first)
        // ...SIGKILL here: nothing recorded. A new process opens the store.
        let next = try SupportStore(path: path, logger: testLogger)
        #expect(try next.write { try $0.claimDueOutbox(now: now.addingTimeInterval(60)) }.isEmpty, "a live claim is respected")
        let timeout = OutboxRetryPolicy.default.claimTimeout
        let retaken = try next.write { try $0.claimDueOutbox(now: now.addingTimeInterval(timeout)) }
        #expect(retaken.map(\.id) == [abandoned.id])
        #expect(retaken.first?.attempts == 2)
        try next.write { try $0.markDelivered(abandoned.id, at: now.addingTimeInterval(timeout + 1)) }

        var deliveries = 0
        for minutes in stride(from: 0, through: 180, by: 15) {
            deliveries += try next.write { try $0.claimDueOutbox(now: now.addingTimeInterval(timeout + Double(minutes * 60))) }.count
        }
        #expect(deliveries == 0)
        #expect(try next.read { try $0.outboxItem(dedupeKey: "b-1/0/confirmation") }?.status == .delivered)
    }

    @Test func movingABookingCancelsItsPendingReminders() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { tx in
            try tx.enqueue(email("b-1/0/reminder-24h", notBefore: now.addingTimeInterval(86_400)), at: now)
            try tx.enqueue(
                OutboxMessage(kind: .calendarPut, bookingID: "b-1", target: "alice", payload: "{}", dedupeKey: "b-1/0/calendar"), at: now)
        }
        let sending = try #require(try store.write { try $0.claimDueOutbox(now: now) }.first)
        #expect(sending.kind == .calendarPut)
        #expect(try store.write { try $0.cancelPendingOutbox(bookingID: "b-1", kind: .email) } == 1)
        let items = try store.read { try $0.outboxItems(bookingID: "b-1") }
        #expect(items.map(\.status) == [.cancelled, .sending])
        #expect(try store.read { try $0.outboxItems(statuses: [.cancelled]) }.count == 1)
    }

    @Test func kindsFilterTheDueItems() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try seeded(store)
        try store.write { tx in
            try tx.enqueue(email("mail"), at: now)
            try tx.enqueue(OutboxMessage(kind: .calendarPut, bookingID: "b-1", target: "alice", payload: "{}", dedupeKey: "cal"), at: now)
        }
        #expect(try store.read { try $0.dueOutbox(now: now, kinds: [.calendarPut]) }.map(\.dedupeKey) == ["cal"])
        #expect(try store.read { try $0.dueOutbox(now: now, limit: 1) }.count == 1)
    }
}

@Suite struct IdempotencyKeyTests {
    @Test func aKeyAnswersTheSameRequestOnceAndIsTakenOverWhenAbandoned() throws {
        let store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        #expect(try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "f", now: now) } == .claimed)
        #expect(try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "f", now: now.addingTimeInterval(5)) } == .inProgress)
        #expect(try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "other", now: now) } == .mismatch)
        // The first request's process died: after two minutes a retry may run.
        #expect(try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "f", now: now.addingTimeInterval(121)) } == .claimed)
        try store.write { tx in try tx.completeIdempotencyKey("k", status: 201, body: "{}") }
        #expect(
            try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "f", now: now.addingTimeInterval(999)) }
                == .completed(status: 201, body: "{}"))
        try store.write { tx in try tx.releaseIdempotencyKey("k") }
        #expect(
            try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "f", now: now) } == .completed(status: 201, body: "{}"),
            "a completed key is never released")
        #expect(
            try store.write { tx in try tx.pruneIdempotencyKeys(olderThan: now.addingTimeInterval(121)) } == 0,
            "claimed again at +121 s: still fresh")
        #expect(try store.write { tx in try tx.pruneIdempotencyKeys(olderThan: now.addingTimeInterval(122)) } == 1)
        #expect(
            try store.write { tx in try tx.claimIdempotencyKey("k", fingerprint: "other", now: now) } == .claimed,
            "forgotten: a new request")
    }
}
