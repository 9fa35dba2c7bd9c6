import Foundation
import Scheduling
import Store
import TestSupport
import Testing

@testable import Operations

/// The flows' bookkeeping: what each decision writes to the outbox and the audit log.
/// (The rules themselves are tested in SchedulingTests and through the CLI.)
@Suite struct BookingDeskTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let staff = [
        Staff(key: "dana", name: "Dana", timeZone: chicago, weeklyHours: try! .same([TimeOfDayRange("09:00-17:00")!])),
        Staff(key: "eli", name: "Eli", timeZone: chicago, weeklyHours: try! .same([TimeOfDayRange("09:00-17:00")!])),
    ]
    static let type = SessionType(.liveSession, minutes: 60)
    static let now = SampleBooking.date("2026-12-01T12:00:00Z")
    static let start = SampleBooking.date("2026-12-02T15:00:00Z")

    func desk() throws -> (BookingDesk, Company, Contact) {
        let store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let company = Company(id: "acme", name: "Acme")
        let contact = Contact(id: "eve", companyID: "acme", name: "Eve", email: "eve@acme.example", timeZone: Self.chicago)
        try store.write { tx in
            try tx.mirrorStaff(Self.staff.map { StaffProfile($0, email: nil) })
            try tx.insert(company)
            try tx.insert(contact)
        }
        let fees = try FeeSchedule(versions: [
            .init(id: "v1", effectiveFrom: SampleBooking.date("2026-01-01T00:00:00Z"), fees: [Self.type: .usd(140)])
        ])
        return (BookingDesk(store: store, policy: .default, feeSchedule: fees, staff: Self.staff, hasher: FakeHasher()), company, contact)
    }

    let actor = BookingDesk.Actor("test", via: "unit test")

    @Test func aBookingQueuesItsCalendarWriteConfirmationAndRemindersWithTheAudit() throws {
        let (desk, company, contact) = try desk()
        let request = BookingRequest(bookingID: "b-1", company: company, contact: contact, sessionType: Self.type, start: Self.start)
        let stored = try #require(desk.book(request, actor: actor, now: Self.now).value)
        let items = try desk.store.read { tx in try tx.outboxItems(bookingID: stored.booking.id) }
        #expect(items.map(\.kind) == [.calendarPut, .email, .email, .email])
        #expect(
            items.filter { $0.kind == .email }.compactMap { EmailPayload.decode($0.payload)?.kind } == [
                .confirmation, .reminder, .reminder,
            ])
        // The 24 h reminder waits until 15:00Z the day before, the 2 h one until 13:00Z.
        #expect(
            items.filter { $0.kind == .email }.map(\.nextAttemptAt) == [
                Self.now, SampleBooking.date("2026-12-01T15:00:00Z"), SampleBooking.date("2026-12-02T13:00:00Z"),
            ])
        let audit = try desk.store.read { tx in try tx.auditEntries(AuditQuery(bookingID: "b-1")) }
        #expect(audit.map(\.record.action) == ["booking.created"])
        #expect(audit.first?.record.via == "unit test")
    }

    @Test func aRefusalQueuesNothingButIsAudited() throws {
        let (desk, company, contact) = try desk()
        let tooSoon = BookingRequest(
            bookingID: "b-2", company: company, contact: contact, sessionType: Self.type, start: Self.now.addingTimeInterval(30 * 60))
        #expect(try desk.book(tooSoon, actor: actor, now: Self.now).rule == .minimumNotice)
        #expect(try desk.store.read { tx in try tx.outboxItems() }.isEmpty)
        #expect(try desk.store.read { tx in try tx.auditEntries() }.map(\.record.action) == ["booking.refused"])
    }

    @Test func movingToAnotherStaffMemberDeletesTheOldEventAndCancelsOldReminders() throws {
        let (desk, company, contact) = try desk()
        _ = try desk.book(
            BookingRequest(bookingID: "b-3", company: company, contact: contact, sessionType: Self.type, start: Self.start), actor: actor,
            now: Self.now)
        let moved = try #require(
            desk.reschedule("b-3", to: Self.start.addingTimeInterval(3600), by: .staff, staff: "eli", actor: actor, now: Self.now).value)
        #expect(moved.staff == "eli")
        let items = try desk.store.read { tx in try tx.outboxItems(bookingID: "b-3") }
        #expect(items.contains { $0.kind == .calendarDelete && $0.target == "dana" })
        #expect(items.contains { $0.kind == .calendarPut && $0.target == "eli" })
        let oldReminders = items.filter {
            $0.kind == .email && EmailPayload.decode($0.payload)?.sequence == 0 && EmailPayload.decode($0.payload)?.kind == .reminder
        }
        #expect(!oldReminders.isEmpty && oldReminders.allSatisfy { $0.status == .cancelled })
    }

    @Test func aCancellationQueuesTheDeleteAndTheNoticeAndDropsPendingReminders() throws {
        let (desk, company, contact) = try desk()
        _ = try desk.book(
            BookingRequest(bookingID: "b-4", company: company, contact: contact, sessionType: Self.type, start: Self.start), actor: actor,
            now: Self.now)
        let cancelled = try #require(desk.cancel("b-4", by: .customer, actor: actor, now: Self.now).value)
        #expect(cancelled.status == .cancelledByCustomer)
        let items = try desk.store.read { tx in try tx.outboxItems(bookingID: "b-4", statuses: [.pending]) }
        #expect(Set(items.map(\.kind)) == [.calendarDelete, .email])
        #expect(items.filter { $0.kind == .email }.compactMap { EmailPayload.decode($0.payload)?.kind } == [.cancelled])
    }

    @Test func runningTheSameSweepTwiceClosesAndNotifiesOnce() throws {
        let (desk, company, contact) = try desk()
        _ = try desk.book(
            BookingRequest(bookingID: "b-5", company: company, contact: contact, sessionType: Self.type, start: Self.start), actor: actor,
            now: Self.now)
        let at = Self.start.addingTimeInterval(10 * 60)
        #expect(try desk.closeDueNoShows(actor: actor, now: at).map(\.id) == ["b-5"])
        #expect(try desk.closeDueNoShows(actor: actor, now: at).isEmpty)
        let notices = try desk.store.read { tx in try tx.outboxItems(bookingID: "b-5") }.filter {
            EmailPayload.decode($0.payload)?.kind == .noShow
        }
        #expect(notices.count == 1)
    }

    @Test(arguments: ["b-x", "booking 42", "Ünï"])
    func emailPayloadsRoundTrip(id: String) {
        let payload = EmailPayload(kind: .reminder, bookingID: id, sequence: 3, leadMinutes: 120)
        #expect(EmailPayload.decode(payload.encoded()) == payload)
    }
}
