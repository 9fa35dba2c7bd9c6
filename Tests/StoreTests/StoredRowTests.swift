import Foundation
import GRDB
import Scheduling
import TestSupport
import Testing

@testable import Store

// Each row type through the real SQLite store, with its optional columns set and NULL,
// and rows written by hand-made SQL naming the columns, as an older SupportCal left
// them: a column name misspelled in a row type fails here (an optional one would
// otherwise read back as nil without a word).
@Suite struct StoredRowTests {
    let now = utc("2026-11-03T09:00:00.250Z")

    @Test func outboxItemRoundTripsWithEveryColumnSetAndWithNulls() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { try $0.insert(makeBooking()) }
        let due = utc("2026-11-03T10:00:00Z")
        try store.write { tx in
            try tx.enqueue(
                OutboxMessage(
                    kind: .email, bookingID: "b-1", target: "ann@acme.example", payload: "{\"a\":1}", dedupeKey: "k1", notBefore: due),
                at: now)
            try tx.enqueue(OutboxMessage(kind: .calendarPut, target: "alice", payload: "p", dedupeKey: "k2"), at: now)
        }
        let bare = try #require(try store.read { try $0.outboxItem(dedupeKey: "k2") })
        #expect(bare.bookingID == nil && bare.claimedAt == nil && bare.lastError == nil && bare.deliveredAt == nil)
        #expect(bare.status == .pending && bare.attempts == 0 && bare.nextAttemptAt == now && bare.createdAt == now)

        let claimed = try store.write { try $0.claimDueOutbox(now: due) }
        #expect(claimed.map(\.dedupeKey) == ["k2", "k1"])
        try store.write { try $0.markFailed(claimed[1].id, error: "421 try later", at: due) }
        let failed = try #require(try store.read { try $0.outboxItem(dedupeKey: "k1") })
        #expect(failed.bookingID == "b-1" && failed.kind == .email && failed.payload == "{\"a\":1}")
        #expect(failed.lastError == "421 try later" && failed.claimedAt == nil && failed.attempts == 1)
        #expect(failed.nextAttemptAt == due.addingTimeInterval(60))
        try store.write { try $0.markDelivered(claimed[0].id, at: due) }
        let delivered = try #require(try store.read { try $0.outboxItem(claimed[0].id) })
        #expect(delivered.status == .delivered && delivered.deliveredAt == due && delivered.claimedAt == due)
    }

    @Test func auditEntryRoundTripsWithAndWithoutItsOptionalColumns() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let full = AuditRecord(
            at: now, actor: "cli:alice", action: "booking.created", bookingID: "b-1", companyID: "acme", via: "supportcal book",
            details: ["rule": "slot-taken", "z": "last"])
        let bare = AuditRecord(at: now, actor: "sweep", action: "sweep.ran", via: "supportcal sweep")
        let ids = try store.write { tx in [try tx.audit(full), try tx.audit(bare)] }
        let entries = try store.read { try $0.auditEntries() }
        #expect(entries == [AuditEntry(id: ids[0], record: full), AuditEntry(id: ids[1], record: bare)])
        let stored = try store.read { tx in
            try String.fetchOne(tx.db, sql: "SELECT details FROM audit_log WHERE id = ?", arguments: [ids[0]])
        }
        #expect(stored == #"{"rule":"slot-taken","z":"last"}"#)
    }

    @Test func calendarObjectAndSyncStateRoundTripWithNulls() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let bare = CalendarObjectState(staff: "alice", calendar: "/cal/alice/", href: "own.ics", etag: nil, uid: nil, updatedAt: now)
        let state = CalendarSyncState(staff: "alice", calendar: "/cal/alice/")
        try store.write { tx in
            try tx.upsertCalendarObject(bare)
            try tx.setCalendarSyncState(state)
        }
        #expect(try store.read { try $0.calendarObject(staff: "alice", href: "own.ics") } == bare)
        #expect(try store.read { try $0.calendarSyncState(staff: "alice", calendar: "/cal/alice/") } == state)
        // Upserting the same keys replaces every other column, NULLs included.
        try store.write { try $0.insert(makeBooking()) }
        let full = CalendarObjectState(
            staff: "alice", calendar: "/cal/other/", href: "own.ics", etag: "\"e1\"", uid: "u1", bookingID: "b-1", updatedAt: now)
        let synced = CalendarSyncState(staff: "alice", calendar: "/cal/alice/", syncToken: "t-2", ctag: "c-2", lastSyncedAt: now)
        try store.write { tx in
            try tx.upsertCalendarObject(full)
            try tx.setCalendarSyncState(synced)
        }
        #expect(try store.read { try $0.calendarObjects(staff: "alice") } == [full])
        #expect(try store.read { try $0.calendarSyncStates(staff: "alice") } == [synced])
        try store.write { tx in
            try tx.upsertCalendarObject(bare)
            try tx.setCalendarSyncState(state)
        }
        #expect(try store.read { try $0.calendarObject(staff: "alice", href: "own.ics") } == bare)
        #expect(try store.read { try $0.calendarSyncState(staff: "alice", calendar: "/cal/alice/") } == state)
    }

    @Test func paymentRoundTripsWithAndWithoutABooking() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { try $0.insert(makeBooking()) }
        let fee = Payment(kind: .bookingFee, companyID: "acme", bookingID: "b-1", amount: .usd(150), reference: "R-1", recordedAt: now)
        let reinstatement = Payment(kind: .reinstatement, companyID: "acme", amount: .usd(80), reference: "R-2", recordedAt: now)
        let stored = try store.write { tx in [try tx.record(fee), try tx.record(reinstatement)] }
        #expect(stored[0].id > 0 && stored[1].id > stored[0].id)
        #expect(try store.read { try $0.payments(company: "acme") } == stored)
        #expect(try store.read { try $0.payment(reference: "R-2") }?.bookingID == nil)
    }

    @Test func rowsWrittenByAnOlderVersionReadBackByColumnName() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        // Columns deliberately in another order than the tables declare them.
        try store.write { tx in
            try tx.db.execute(
                sql: """
                    INSERT INTO companies (name, id) VALUES ('Acme Crating', 'acme');
                    INSERT INTO contacts (time_zone, phone, email, name, company_id, id)
                        VALUES ('America/Chicago', '+1 555 0100', 'ann@acme.example', 'Ann', 'acme', 'ann');
                    INSERT INTO staff (time_zone, email, name, key, active) VALUES ('UTC', 'dana@vendor.example', 'Dana', 'dana', 0);
                    INSERT INTO bookings (updated_at_ms, calendar_uid, is_emergency, needs_refund_review, closed_at_ms, joined_at_ms,
                        sequence, booked_at_ms, status, plan_id, fee_schedule_version, currency, amount_cents, charge_basis, staff_key,
                        end_ms, start_ms, session_minutes, session_kind, contact_id, company_id, id)
                    VALUES (5000, 'uid-1@old', 1, 1, 4000, 3000, 2, 1000, 'cancelled-by-staff', 'gold', '2026-07', 'EUR', 4499,
                        'plan-discount', 'dana', 1802000, 2000, 30, 'phone-support', 'ann', 'acme', 'b-old');
                    INSERT INTO outbox (delivered_at_ms, created_at_ms, last_error, claimed_at_ms, next_attempt_at_ms, attempts, status,
                        dedupe_key, payload, target, booking_id, kind, id)
                    VALUES (9000, 6000, 'was slow', 8000, 7000, 3, 'delivered', 'b-old/put', '{}', 'dana', 'b-old', 'calendar.put', 41);
                    INSERT INTO audit_log (details, via, company_id, booking_id, action, actor, at_ms, id)
                        VALUES ('{"k":"v"}', 'supportcal book', 'acme', 'b-old', 'booking.created', 'cli:dana', 6000, 7);
                    INSERT INTO calendar_objects (updated_at_ms, booking_id, uid, etag, calendar, href, staff_key)
                        VALUES (6000, 'b-old', 'uid-1@old', '"e"', '/cal/dana/', 'b-old.ics', 'dana');
                    INSERT INTO calendar_state (last_synced_at_ms, ctag, sync_token, calendar, staff_key)
                        VALUES (6000, 'c', 't', '/cal/dana/', 'dana');
                    INSERT INTO payments (recorded_at_ms, payment_ref, currency, amount_cents, booking_id, company_id, kind, id)
                        VALUES (6000, 'R-9', 'EUR', 4499, 'b-old', 'acme', 'booking-fee', 3);
                    INSERT INTO return_calls (outcome_at_ms, outcome, note, requested_at_ms, attempt, end_ms, start_ms, staff_key,
                        contact_id, company_id, id)
                    VALUES (7000, 'resolved', 'export fails', 1000, 1, 3000, 2000, 'dana', 'ann', 'acme', 'rc-old');
                    """)
        }
        let ms = { (value: Int64) in Date(timeIntervalSince1970: TimeInterval(value) / 1000) }
        let read = try store.read { tx in
            (
                try tx.requireContact("ann"), try tx.staffProfile("dana"), try tx.storedBooking("b-old"), try tx.outboxItem(41),
                try tx.auditEntries(), try tx.calendarObjects(bookingID: "b-old"), try tx.calendarSyncStates(staff: "dana"),
                try tx.payment(reference: "R-9"), try tx.returnCall("rc-old")
            )
        }
        let (contact, staff, stored, outbox, audit, objects, states, payment, call) = read
        #expect(
            contact
                == Contact(id: "ann", companyID: "acme", name: "Ann", email: "ann@acme.example", timeZone: chicago, phone: "+1 555 0100"))
        #expect(staff == StaffProfile(key: "dana", name: "Dana", email: "dana@vendor.example", timeZone: utcZone, isActive: false))

        let booking = try #require(stored)
        #expect(booking.calendarUID == "uid-1@old" && booking.isEmergency)
        var expected = Booking(
            id: "b-old", companyID: "acme", contactID: "ann", sessionType: phone30, start: ms(2000), staff: "dana",
            charge: Charge(
                basis: .planDiscount, amount: Money(cents: 4499, currency: "EUR"), feeScheduleVersion: "2026-07", planID: "gold"),
            bookedAt: ms(1000), status: .cancelledByStaff, sequence: 2, joinedAt: ms(3000), closedAt: ms(4000), needsRefundReview: true)
        expected.end = ms(1_802_000)
        expected.updatedAt = ms(5000)
        #expect(booking.booking == expected)

        #expect(
            outbox
                == OutboxItem(
                    id: 41, kind: .calendarPut, bookingID: "b-old", target: "dana", payload: "{}", dedupeKey: "b-old/put",
                    status: .delivered,
                    attempts: 3, nextAttemptAt: ms(7000), claimedAt: ms(8000), lastError: "was slow", createdAt: ms(6000),
                    deliveredAt: ms(9000)))
        #expect(
            audit == [
                AuditEntry(
                    id: 7,
                    record: AuditRecord(
                        at: ms(6000), actor: "cli:dana", action: "booking.created", bookingID: "b-old", companyID: "acme",
                        via: "supportcal book", details: ["k": "v"]))
            ])
        #expect(
            objects == [
                CalendarObjectState(
                    staff: "dana", calendar: "/cal/dana/", href: "b-old.ics", etag: "\"e\"", uid: "uid-1@old", bookingID: "b-old",
                    updatedAt: ms(6000))
            ])
        #expect(states == [CalendarSyncState(staff: "dana", calendar: "/cal/dana/", syncToken: "t", ctag: "c", lastSyncedAt: ms(6000))])
        #expect(
            payment
                == Payment(
                    id: 3, kind: .bookingFee, companyID: "acme", bookingID: "b-old", amount: Money(cents: 4499, currency: "EUR"),
                    reference: "R-9", recordedAt: ms(6000)))
        #expect(
            call
                == ReturnCallRecord(
                    id: "rc-old", companyID: "acme", contactID: "ann", staff: "dana", start: ms(2000), end: ms(3000), attempt: 1,
                    requestedAt: ms(1000), note: "export fails", outcome: .resolved, outcomeAt: ms(7000)))
    }

    @Test func aValueThisVersionDoesNotKnowIsCorruptNamingTheColumn() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { try $0.insert(makeBooking()) }
        // A status from a newer version (bookings.status has no CHECK constraint).
        try store.write { tx in try tx.db.execute(sql: "UPDATE bookings SET status = 'archived' WHERE id = 'b-1'") }
        #expect {
            try store.read { try $0.booking("b-1") }
        } throws: { error in
            let e = error as? StoreError
            return e?.code == .corrupt && e?.message == "bookings.status holds the unknown value archived"
        }
    }

    @Test func aRowMissingAColumnItsRecordNeedsIsCorrupt() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.write { try $0.enqueue(OutboxMessage(kind: .email, target: "a@b.example", payload: "", dedupeKey: "k"), at: now) }
        // What GRDB reports when a record's column is not in the row must come out as a
        // StoreError, like every other failure of the store.
        #expect {
            try store.read { tx in
                try translating("reading a partial outbox row") { try OutboxRow.fetchOne(tx.db, sql: "SELECT id, kind FROM outbox") }
            }
        } throws: { error in
            let e = error as? StoreError
            return e?.code == .corrupt && e?.message.hasPrefix("reading a partial outbox row") == true
        }
    }

    @Test func metricsCountBookingsByStatusAndOutboxByKindAndStatus() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { tx in
            try tx.insert(makeBooking("b-1"))
            try tx.insert(makeBooking("b-2", start: utc("2026-11-03T12:00:00Z"), status: .noShow))
            try tx.insert(makeBooking("b-3", start: utc("2026-11-03T14:00:00Z"), status: .noShow))
            try tx.enqueue(OutboxMessage(kind: .email, target: "a", payload: "", dedupeKey: "e1"), at: now)
            try tx.enqueue(OutboxMessage(kind: .email, target: "a", payload: "", dedupeKey: "e2"), at: now)
            try tx.enqueue(OutboxMessage(kind: .calendarPut, target: "alice", payload: "", dedupeKey: "p1"), at: now)
        }
        let counts = try store.read { try $0.countsForMetrics() }
        #expect(counts.bookings == ["confirmed": 1, "no-show": 2])
        #expect(counts.outbox == ["email/pending": 2, "calendar.put/pending": 1])
    }
}
