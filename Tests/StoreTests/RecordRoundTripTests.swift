import Foundation
import GRDB
import Scheduling
import TestSupport
import Testing

@testable import Store

@Suite struct RecordRoundTripTests {
    @Test func companyWithPlansAndCodeRoundTrips() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let code = try MaintenanceCode.issue(
            code: "CRATE-1234", salt: Array(0..<16), hasher: FakeHasher(), at: utc("2026-01-05T08:30:00.250Z"))
        let company = Company(
            id: "orsted", name: "Ørsted Crating",
            plans: [
                MaintenancePlan(
                    id: "p-2025", tier: .discounted(percentOff: 25), validFrom: utc("2025-01-01T00:00:00Z"),
                    validUntil: utc("2026-01-01T00:00:00Z")),
                MaintenancePlan(id: "p-2026", tier: .free, validFrom: utc("2026-01-01T00:00:00Z"), validUntil: utc("2027-01-01T00:00:00Z")),
            ], maintenanceCode: code)
        try store.write { try $0.insert(company) }
        let read = try store.read { try $0.company("orsted") }
        #expect(read == company)
        #expect(read?.maintenanceCode?.matches("crate 1234", hasher: FakeHasher()) == true)
        #expect(try store.read { try $0.company("nobody") } == nil)
    }

    @Test func upsertReplacesPlansButKeepsTheCode() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        let code = try MaintenanceCode.issue(code: "CRATE-1234", salt: Array(0..<16), hasher: FakeHasher(), at: utc("2026-01-05T08:30:00Z"))
        try store.write {
            try $0.insert(
                Company(
                    id: "acme", name: "Acme",
                    plans: [
                        MaintenancePlan(
                            id: "old", tier: .free, validFrom: utc("2025-01-01T00:00:00Z"), validUntil: utc("2026-01-01T00:00:00Z"))
                    ], maintenanceCode: code))
        }
        let renamed = Company(
            id: "acme", name: "Acme Crating Ltd",
            plans: [
                MaintenancePlan(
                    id: "new", tier: .discounted(percentOff: 10), validFrom: utc("2026-01-01T00:00:00Z"),
                    validUntil: utc("2027-01-01T00:00:00Z"))
            ])
        try store.write { try $0.upsert(renamed) }
        let read = try #require(try store.read { try $0.company("acme") })
        #expect(read.name == "Acme Crating Ltd")
        #expect(read.plans.map(\.id) == ["new"])
        #expect(read.maintenanceCode == code)
    }

    @Test func bookingWithEveryFieldSetRoundTrips() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        var booking = Booking(
            id: "b-7k2m9q4xz1", companyID: "acme", contactID: "ann", sessionType: phone30,
            start: utc("2026-11-03T15:15:00Z"), staff: "bob",
            charge: Charge(
                basis: .planDiscount, amount: Money(cents: 4_499, currency: "EUR"), feeScheduleVersion: "2026-07", planID: "gold"),
            bookedAt: utc("2026-10-01T09:00:00.125Z"), status: .cancelledByStaff, sequence: 3,
            joinedAt: utc("2026-11-03T15:16:00.5Z"), closedAt: utc("2026-11-03T15:40:00Z"), needsRefundReview: true)
        booking.updatedAt = utc("2026-11-03T15:41:00.999Z")
        try store.write { try $0.insert(booking, calendarUID: "custom-uid@vendor.example", isEmergency: true) }
        let stored = try #require(try store.read { try $0.storedBooking("b-7k2m9q4xz1") })
        #expect(stored.booking == booking)
        #expect(stored.calendarUID == "custom-uid@vendor.example")
        #expect(stored.isEmergency)
        #expect(try store.read { try $0.storedBooking(calendarUID: "custom-uid@vendor.example") }?.booking.id == "b-7k2m9q4xz1")
    }

    @Test func bookingUpdateFollowsTheStateMachine() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let booking = makeBooking()
        try store.write { try $0.insert(booking) }
        #expect(try store.read { try $0.storedBooking("b-1") }?.calendarUID == "b-1@supportcal")
        let moved = try booking.rescheduled(to: utc("2026-11-04T11:00:00Z"), staff: "bob", at: utc("2026-10-21T08:00:00Z"))
        try store.write { try $0.update(moved) }
        let joined = try moved.joined(at: utc("2026-11-04T11:03:00Z"), grace: 600)
        try store.write { try $0.update(joined) }
        let read = try #require(try store.read { try $0.booking("b-1") })
        #expect(read == joined)
        #expect(read.status == .joined && read.sequence == 1 && read.staff == "bob")
        #expect(throws: StoreError.self) { try store.write { try $0.update(makeBooking("b-unknown")) } }
    }

    @Test func subMillisecondPartsAreRoundedToTheMillisecond() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let bookedAt = Date(timeIntervalSince1970: 1_790_000_000.123_456_7)
        try store.write { try $0.insert(makeBooking(bookedAt: bookedAt)) }
        let read = try #require(try store.read { try $0.booking("b-1") })
        #expect(abs(read.bookedAt.timeIntervalSince(bookedAt)) < 0.001)
        #expect(read.bookedAt == Instant.normalized(bookedAt))
    }

    @Test func contactsAndStaffRoundTrip() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        #expect(try store.read { try $0.contact("ann") } == ann)
        #expect(try store.read { try $0.contact(email: "ANN@Acme.Example") } == ann)
        var changed = ann
        changed.timeZone = TimeZone(identifier: "Asia/Kolkata")!
        changed.email = "ann.ames@acme.example"
        try store.write { try $0.update(changed) }
        #expect(try store.read { try $0.contact("ann") } == changed)

        let profiles = try store.read { try $0.staffProfiles() }
        #expect(
            profiles == [
                StaffProfile(key: "alice", name: "Alice", email: "alice@vendor.example", timeZone: utcZone),
                StaffProfile(key: "bob", name: "Bob", timeZone: chicago),
            ])
    }

    @Test func mirroringStaffMarksDepartedMembersInactive() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { try $0.mirrorStaff([StaffProfile(bob, email: "bob@vendor.example")]) }
        let active = try store.read { try $0.staffProfiles() }
        #expect(active.map(\.key) == ["bob"])
        let all = try store.read { try $0.staffProfiles(includingInactive: true) }
        #expect(all.map(\.key) == ["alice", "bob"])
        #expect(all.first?.isActive == false)
        #expect(all.last?.email == "bob@vendor.example")
    }

    @Test func returnCallRoundTripsAndTakesOneOutcome() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        let call = ReturnCallRecord(
            id: "rc-1", companyID: "acme", contactID: "ann", staff: "alice",
            start: utc("2026-11-03T13:00:00Z"), end: utc("2026-11-03T13:10:00Z"), attempt: 1,
            requestedAt: utc("2026-11-03T12:40:00Z"), note: "export fails")
        try store.write { try $0.insert(call) }
        #expect(try store.read { try $0.returnCall("rc-1") } == call)
        let resolved = try store.write { try $0.recordOutcome(.notReached, ofReturnCall: "rc-1", at: utc("2026-11-03T13:05:00Z")) }
        #expect(resolved.outcome == .notReached && resolved.outcomeAt == utc("2026-11-03T13:05:00Z"))
        #expect {
            try store.write { try $0.recordOutcome(.resolved, ofReturnCall: "rc-1", at: utc("2026-11-03T13:06:00Z")) }
        } throws: { ($0 as? StoreError)?.code == .duplicate }
        #expect(try store.read { try $0.returnCalls(company: "acme") }.count == 1)
    }

    @Test func bookingQueriesFilterByTimeStatusAndParty() throws {
        let (store, path) = try temporaryStore()
        defer { removeTemporaryStore(path) }
        try store.seed()
        try store.write { tx in
            try tx.insert(makeBooking("b-1", start: utc("2026-11-03T10:00:00Z")))
            try tx.insert(makeBooking("b-2", start: utc("2026-11-03T12:00:00Z"), staff: "bob", status: .noShow))
            try tx.insert(makeBooking("b-3", start: utc("2026-11-04T10:00:00Z"), status: .cancelledByCustomer))
        }
        let day = try store.read {
            try $0.bookings(BookingQuery(startingFrom: utc("2026-11-03T00:00:00Z"), startingBefore: utc("2026-11-04T00:00:00Z")))
        }
        #expect(day.map(\.id) == ["b-1", "b-2"])
        #expect(try store.read { try $0.bookings(.active) }.map(\.id) == ["b-1"])
        #expect(try store.read { try $0.bookings(BookingQuery(staff: "bob")) }.map(\.id) == ["b-2"])
        #expect(try store.read { try $0.bookings(BookingQuery(limit: 2, order: .startDescending)) }.map(\.id) == ["b-3", "b-2"])
        let overlapping = TimeRange(start: utc("2026-11-03T10:59:00Z"), end: utc("2026-11-03T12:00:00Z"))
        #expect(try store.read { try $0.bookings(BookingQuery(overlapping: overlapping)) }.map(\.id) == ["b-1"])
        #expect(try store.read { try $0.bookings(BookingQuery(statuses: [])) }.isEmpty)
    }

    @Test func bookingIDsHaveTheDocumentedFormat() {
        let ids = (0..<200).map { _ in BookingIDs.make().rawValue }
        #expect(Set(ids).count == 200)
        for id in ids {
            #expect(id.count == 12 && id.hasPrefix("b-"))
            #expect(id.dropFirst(2).allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) })
        }
        #expect(ReturnCallRecord.makeID().hasPrefix("rc-"))
    }
}
