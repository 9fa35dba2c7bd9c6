import Foundation
import ICal
import Scheduling
import Store
import TestSupport
import Testing

@testable import Operations

/// A customer's iTIP REPLY (read from email by `mail ingest`) applied to their booking.
@Suite struct ReplyTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let staff = [Staff(key: "dana", name: "Dana", timeZone: chicago, weeklyHours: try! .same([TimeOfDayRange("09:00-17:00")!]))]
    static let start = SampleBooking.date("2026-12-02T15:00:00Z")
    let actor = BookingDesk.Actor("eve@acme.example", via: "unit test")

    /// A desk with one booking, b-1 at `start`, emergency or not.
    func desk(emergency: Bool) throws -> BookingDesk {
        let store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        let contact = Contact(id: "eve", companyID: "acme", name: "Eve", email: "eve@acme.example", timeZone: Self.chicago)
        let booking = Booking(
            id: "b-1", companyID: "acme", contactID: "eve", sessionType: SessionType(.phoneSupport, minutes: 30), start: Self.start,
            staff: "dana", charge: Charge(basis: .planFree, amount: .zero), bookedAt: Self.start.addingTimeInterval(-3 * 3600))
        try store.write { tx in
            try tx.mirrorStaff(Self.staff.map { StaffProfile($0, email: nil) })
            try tx.insert(Company(id: "acme", name: "Acme"))
            try tx.insert(contact)
            try tx.insert(booking, calendarUID: "b-1@supportcal", isEmergency: emergency)
        }
        let fees = try FeeSchedule(versions: [.init(id: "v1", effectiveFrom: SampleBooking.date("2026-01-01T00:00:00Z"), fees: [:])])
        return BookingDesk(store: store, policy: .default, feeSchedule: fees, staff: Self.staff, hasher: FakeHasher())
    }

    static func reply(_ partstat: String, uid: String = "b-1@supportcal", sequence: Int = 0, attendee: String = "eve@acme.example") throws
        -> ITIPReply
    {
        try ITIPReply(
            parsing: """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//test//EN\r
                METHOD:REPLY\r
                BEGIN:VEVENT\r
                UID:\(uid)\r
                SEQUENCE:\(sequence)\r
                DTSTAMP:20261202T120000Z\r
                DTSTART:20261202T150000Z\r
                ATTENDEE;PARTSTAT=\(partstat):mailto:\(attendee)\r
                END:VEVENT\r
                END:VCALENDAR\r

                """)
    }

    func minutesBefore(_ minutes: Double) -> Date { Self.start.addingTimeInterval(-minutes * 60) }

    @Test func aDeclinedEmergencyPlacementIsReleasedEvenInsideTheCutoff() throws {
        let desk = try desk(emergency: true)
        let outcome = try desk.applyReply(Self.reply("DECLINED"), actor: actor, now: minutesBefore(20))
        guard case .released(let booking) = outcome else {
            Issue.record("expected released, got \(outcome)")
            return
        }
        #expect(booking.status == .cancelledByCustomer)
        let pending = try desk.store.read { tx in try tx.outboxItems(bookingID: "b-1", statuses: [.pending]) }
        #expect(Set(pending.map(\.kind)) == [.calendarDelete, .email])
        #expect(
            try desk.store.read { tx in try tx.auditEntries(AuditQuery(bookingID: "b-1")) }.map(\.record.action) == [
                "booking.emergency-declined"
            ])
        // The same reply again changes nothing and says so.
        guard case .noted = try desk.applyReply(Self.reply("DECLINED", sequence: 1), actor: actor, now: minutesBefore(19)) else {
            Issue.record("a repeated decline should be noted")
            return
        }
    }

    @Test(arguments: [(66.0, true), (65.0, false), (64.0, false)])
    func aDeclinedBookingIsCancelledUntilTheCutoff(minutes: Double, cancelled: Bool) throws {
        let desk = try desk(emergency: false)
        let outcome = try desk.applyReply(Self.reply("DECLINED"), actor: actor, now: minutesBefore(minutes))
        switch outcome {
        case .cancelled(let booking): #expect(cancelled && booking.status == .cancelledByCustomer)
        case .refused(let rule, let reason): #expect(!cancelled && rule == .cancelCutoff && reason.contains("America/Chicago"))
        default: Issue.record("unexpected \(outcome)")
        }
    }

    @Test(arguments: ["ACCEPTED", "TENTATIVE"])
    func otherAnswersAreNotedAndChangeNothing(partstat: String) throws {
        let desk = try desk(emergency: true)
        guard case .noted(let status) = try desk.applyReply(Self.reply(partstat), actor: actor, now: minutesBefore(30)) else {
            Issue.record("expected noted")
            return
        }
        #expect(status == partstat)
        #expect(try desk.store.read { tx in try tx.requireBooking("b-1") }.status == .confirmed)
    }

    @Test func aReplyToAnOlderInvitationIsIgnored() throws {
        let desk = try desk(emergency: false)
        _ = try desk.reschedule("b-1", to: Self.start.addingTimeInterval(3600), by: .staff, actor: actor, now: minutesBefore(24 * 60))
        guard
            case .stale(let replied, let current) = try desk.applyReply(
                Self.reply("DECLINED", sequence: 0), actor: actor, now: minutesBefore(23 * 60))
        else {
            Issue.record("expected stale")
            return
        }
        #expect(replied == 0 && current == 1)
        #expect(try desk.store.read { tx in try tx.requireBooking("b-1") }.status.isActive)
    }

    @Test func aReplyFromSomeoneElseOrForAnotherEventIsAnError() throws {
        let desk = try desk(emergency: true)
        #expect(throws: BookingDesk.ReplyError.self) {
            try desk.applyReply(Self.reply("DECLINED", attendee: "mallory@evil.example"), actor: actor, now: minutesBefore(30))
        }
        #expect(throws: BookingDesk.ReplyError.self) {
            try desk.applyReply(Self.reply("DECLINED", uid: "someone-elses-event@example.com"), actor: actor, now: minutesBefore(30))
        }
        #expect(try desk.store.read { tx in try tx.requireBooking("b-1") }.status == .confirmed)
    }

    @Test func declineEmergencyRefusesAnOrdinaryBooking() throws {
        let desk = try desk(emergency: false)
        #expect(try desk.declineEmergency("b-1", actor: actor, now: minutesBefore(30)).rule == .bookingNotActive)
    }
}
