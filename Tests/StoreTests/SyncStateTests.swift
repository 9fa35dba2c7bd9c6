import Foundation
import Scheduling
import Testing

@testable import Store

@Suite struct SyncStateTests {
    func range(_ from: String, _ to: String) -> TimeRange { TimeRange(start: utc(from), end: utc(to)) }

    @Test func replacingBusyTimeTouchesOnlyTheWindowAndTheSource() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let everything = range("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
        try store.write { tx in
            try tx.replaceBusyIntervals(
                staff: "alice", window: everything,
                with: [
                    range("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"),  // before the window
                    range("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"),  // inside
                    range("2026-11-03T23:30:00Z", "2026-11-04T00:30:00Z"),  // across its end
                    range("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"),  // after
                ], source: "caldav")
            try tx.replaceBusyIntervals(
                staff: "alice", window: everything, with: [range("2026-11-03T12:00:00Z", "2026-11-03T13:00:00Z")], source: "holidays")
            try tx.replaceBusyIntervals(
                staff: "bob", window: everything, with: [range("2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z")], source: "caldav")
        }
        let day = range("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z")
        let removed = try store.write {
            try $0.replaceBusyIntervals(
                staff: "alice", window: day, with: [range("2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z")], source: "caldav")
        }
        #expect(removed == 2)
        #expect(
            try store.read { try $0.busyIntervals(staff: "alice", overlapping: everything, source: "caldav") } == [
                range("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"),
                range("2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z"),
                range("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"),
            ])
        #expect(
            try store.read { try $0.busyIntervals(staff: "alice", overlapping: day) } == [
                range("2026-11-03T12:00:00Z", "2026-11-03T13:00:00Z"),
                range("2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z"),
            ])
        #expect(try store.read { try $0.busyIntervals(staff: "bob", overlapping: day) }.count == 1)
    }

    /// What the busy refresh checks on a read before it takes the write lock.
    @Test func busyTimeIsComparedAsStoredBeforeAnyWrite() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let window = range("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z")
        // A week's holiday is kept as day pieces; the same week given again still matches.
        let holiday = [range("2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z"), range("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z")]
        try store.write { tx in try tx.replaceBusyIntervals(staff: "alice", window: window, with: holiday, source: "calendar") }
        let answers = try store.read { tx in
            [
                try tx.busyIntervalsMatch(staff: "alice", window: window, intervals: holiday.reversed(), source: "calendar"),
                try tx.busyIntervalsMatch(staff: "alice", window: window, intervals: [holiday[0]], source: "calendar"),
                try tx.busyIntervalsMatch(staff: "alice", window: window, intervals: holiday, source: "holidays"),
                try tx.busyIntervalsMatch(staff: "bob", window: window, intervals: holiday, source: "calendar"),
            ]
        }
        #expect(answers == [true, false, false, false], "equal as stored; not with a piece missing, another source or staff member")
    }

    @Test func availabilityCombinesBusyTimeReturnCallsAndLiveBookings() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let day = range("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z")
        try store.write { tx in
            try tx.replaceBusyIntervals(
                staff: "alice", window: day, with: [range("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z")], source: "caldav")
            try tx.insert(
                ReturnCallRecord(
                    id: "rc-1", companyID: "acme", contactID: "ann", staff: "alice",
                    start: utc("2026-11-03T13:00:00Z"), end: utc("2026-11-03T13:10:00Z"),
                    attempt: 1, requestedAt: utc("2026-11-03T12:00:00Z")))
            try tx.insert(makeBooking("b-1", start: utc("2026-11-03T11:00:00Z")))
            try tx.insert(makeBooking("b-2", start: utc("2026-11-03T14:00:00Z"), status: .cancelledByCustomer))
            try tx.insert(makeBooking("b-3", start: utc("2026-11-04T22:00:00Z"), staff: "bob", status: .noShow))
            try tx.insert(makeBooking("b-4", start: utc("2026-11-20T10:00:00Z")))
        }
        let availability = try store.read { try $0.availability(staff: [alice, bob], window: day) }
        #expect(availability.staff.map(\.key) == ["alice", "bob"])
        #expect(
            availability.busy["alice"] == [
                range("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"), range("2026-11-03T13:00:00Z", "2026-11-03T13:10:00Z"),
            ])
        #expect(availability.busy["bob"] == nil)
        #expect(Set(availability.bookings.map(\.id)) == ["b-1", "b-3"])
        // And Scheduling agrees: 09:00, 11:00 and 13:00 are gone for Alice.
        let slots = SlotFinder().slots(
            for: live60, in: day, availability: Availability(staff: [alice], busy: availability.busy, bookings: availability.bookings),
            now: utc("2026-11-01T00:00:00Z"))
        #expect(slots.map(\.start).contains(utc("2026-11-03T10:00:00Z")))
        #expect(!slots.map(\.start).contains(utc("2026-11-03T09:00:00Z")))
        #expect(!slots.map(\.start).contains(utc("2026-11-03T11:00:00Z")))
        #expect(!slots.map(\.start).contains(utc("2026-11-03T12:15:00Z")))
        #expect(slots.map(\.start).contains(utc("2026-11-03T14:00:00Z")), "a cancelled booking frees its time")
    }

    @Test func calendarObjectsAndSyncTokensRoundTrip() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { try $0.insert(makeBooking()) }
        let object = CalendarObjectState(
            staff: "alice", calendar: "/dav/alice/support/", href: "/dav/alice/support/b-1.ics",
            etag: "\"e1\"", uid: "b-1@supportcal", bookingID: "b-1", updatedAt: utc("2026-10-20T12:00:00Z"))
        let own = CalendarObjectState(
            staff: "alice", calendar: "/dav/alice/personal/", href: "/dav/alice/personal/dentist.ics",
            etag: nil, uid: "dentist", updatedAt: utc("2026-10-20T12:00:00Z"))
        try store.write { tx in
            try tx.upsertCalendarObject(object)
            try tx.upsertCalendarObject(own)
        }
        #expect(try store.read { try $0.calendarObject(staff: "alice", href: object.href) } == object)
        var changed = object
        changed.etag = "\"e2\""
        try store.write { try $0.upsertCalendarObject(changed) }
        #expect(try store.read { try $0.calendarObjects(bookingID: "b-1") } == [changed])
        #expect(try store.read { try $0.calendarObjects(staff: "alice") }.count == 2)
        #expect(try store.read { try $0.calendarObjects(staff: "alice", calendar: "/dav/alice/personal/") } == [own])
        #expect(try store.write { try $0.deleteCalendarObject(staff: "alice", href: own.href) })
        #expect(try store.write { try $0.deleteCalendarObject(staff: "alice", href: own.href) } == false)

        #expect(try store.read { try $0.calendarSyncState(staff: "alice", calendar: "/dav/alice/support/") } == nil)
        let state = CalendarSyncState(
            staff: "alice", calendar: "/dav/alice/support/", syncToken: "http://x/sync/7", ctag: "c7",
            lastSyncedAt: utc("2026-10-20T12:05:00Z"))
        try store.write { try $0.setCalendarSyncState(state) }
        var reset = state
        reset.syncToken = nil
        try store.write { try $0.setCalendarSyncState(reset) }
        #expect(try store.read { try $0.calendarSyncState(staff: "alice", calendar: "/dav/alice/support/") } == reset)
        #expect(try store.read { try $0.calendarSyncStates(staff: "alice") } == [reset])
    }
}
