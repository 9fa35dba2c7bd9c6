import Foundation
import Operations
import Scheduling
import Store
import Sync
import TestSupport
import Testing

@testable import UseCases

/// The use cases on a real SQLite store and a real vdir calendar: what the command line and
/// the service both run. Dana works 09:00–17:00 Chicago; 2 December 2026, 15:00Z is 9:00.
@Suite struct SupportDeskTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    let folder: URL
    let store: SupportStore
    let dana: Staff
    let now = SampleBooking.date("2026-12-01T12:00:00Z")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("usecases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SupportStore(inMemoryWithOutboxRetry: .default, logger: testLogger)
        dana = Staff(key: "dana", name: "Dana", timeZone: Self.chicago, weeklyHours: try .same([TimeOfDayRange("09:00-17:00")!]))
        try store.write { [dana] tx in
            try tx.mirrorStaff([StaffProfile(dana, email: "dana@vendor.example")])
            try tx.insert(Company(id: "pine", name: "Pine & Co"))
            try tx.insert(Contact(id: "pat", companyID: "pine", name: "Pat", email: "pat@pine.example", timeZone: Self.chicago))
        }
    }

    func desk(cacheSeconds: TimeInterval = 0) throws -> SupportDesk {
        let fees = try FeeSchedule(versions: [
            .init(
                id: "v1", effectiveFrom: SampleBooking.date("2026-01-01T00:00:00Z"),
                fees: [SessionType(.liveSession, minutes: 60): .usd(140), SessionType(.liveSession, minutes: 30): .usd(75)])
        ])
        let calendars = StaffCalendars(staff: [dana], calendars: ["dana": VdirCalendar(folder: folder)])
        return SupportDesk(
            bookings: BookingDesk(store: store, policy: .default, feeSchedule: fees, staff: [dana], hasher: FakeHasher()),
            menu: SessionMenu([SessionType(.liveSession, minutes: 60), SessionType(.liveSession, minutes: 30)]),
            eventBuilder: BookingEventBuilder(
                organizerName: "Support", organizerEmail: "support@vendor.example", conferencePhone: nil, meetingURLTemplate: nil),
            calendars: calendars,
            busyTime: CalendarBusyTime(calendars: calendars, store: store, maximumAge: cacheSeconds, logger: testLogger),
            mail: .unavailable("no email here"), logger: testLogger)
    }

    /// Dana's own appointment, as her calendar app would save it into the vdir.
    func danaIsBusy(_ start: String, _ end: String, name: String = "dentist") throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VEVENT\r
            UID:\(name)@dana\r
            DTSTAMP:20261101T000000Z\r
            DTSTART:\(start)\r
            DTEND:\(end)\r
            SUMMARY:\(name)\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try text.write(to: folder.appendingPathComponent("\(name).ics"), atomically: true, encoding: .utf8)
    }

    func request(_ start: String, type: SessionType = SessionType(.liveSession, minutes: 60)) throws -> BookingRequest {
        let (company, contact) = try store.read { tx in (try tx.requireCompany("pine"), try tx.requireContact("pat")) }
        return BookingRequest(
            bookingID: BookingIDs.make(), company: company, contact: contact, sessionType: type, start: SampleBooking.date(start))
    }

    let actor = BookingDesk.Actor("test", via: "tests")

    @Test func slotsAndBookingsSeeWhatIsInTheStaffCalendarNow() async throws {
        let desk = try desk()
        let day = TimeRange(start: SampleBooking.date("2026-12-02T15:00:00Z"), end: SampleBooking.date("2026-12-02T23:00:00Z"))
        let type = SessionType(.liveSession, minutes: 60)
        let before = try await desk.slots(type, in: day, now: now).map(\.start)
        #expect(before.contains(SampleBooking.date("2026-12-02T16:00:00Z")))

        try danaIsBusy("20261202T160000Z", "20261202T170000Z")
        let after = try await desk.slots(type, in: day, now: now).map(\.start)
        #expect(!after.contains(SampleBooking.date("2026-12-02T16:00:00Z")), "the new appointment is read before listing")
        #expect(after.count < before.count)

        let refused = try await desk.book(try request("2026-12-02T16:00:00Z"), actor: actor, now: now)
        guard case .refused(.slotTaken, _) = refused else {
            Issue.record("booking over the appointment: \(refused)")
            return
        }
        let booked = try await desk.book(try request("2026-12-02T18:00:00Z"), actor: actor, now: now)
        guard case .accepted(let stored) = booked else {
            Issue.record("a free hour was refused: \(booked)")
            return
        }
        // Moving it onto an appointment made since is refused: the move re-reads the calendar too.
        try danaIsBusy("20261203T160000Z", "20261203T170000Z", name: "school-run")
        let moved = try await desk.reschedule(
            stored.booking, to: SampleBooking.date("2026-12-03T16:00:00Z"), by: .customer, actor: actor, now: now)
        guard case .refused(.slotTaken, _) = moved else {
            Issue.record("rescheduled onto the appointment: \(moved)")
            return
        }
    }

    @Test func aRecentReadAnswersTheSameWindowUntilItIsTooOld() async throws {
        let cached = try desk(cacheSeconds: 3600)
        let window = BusyRefreshWindow.booking(at: SampleBooking.date("2026-12-02T16:00:00Z"))
        try await cached.refreshBusy(window)
        try danaIsBusy("20261202T160000Z", "20261202T170000Z")
        try await cached.refreshBusy(.listing(TimeRange(start: SampleBooking.date("2026-12-02T16:00:00Z"), duration: 3600)))
        #expect(try busyHours() == 0, "a live read of a wider window answered the narrower local one")

        try await desk(cacheSeconds: 0).refreshBusy(window)
        #expect(try busyHours() == 1)
    }

    /// The service's reader: answers a stale read at once and re-reads behind it; a window
    /// beyond what it keeps read is read before answering.
    @Test func aStaleReadAnswersAtOnceWhileTheFolderIsReadAgainBehindIt() async throws {
        let calendars = StaffCalendars(staff: [dana], calendars: ["dana": VdirCalendar(folder: folder)])
        let reader = CalendarBusyTime(calendars: calendars, store: store, maximumAge: 0.2, localSpan: 7 * 86_400, logger: testLogger)
        let window = BusyRefreshWindow.listing(TimeRange(start: SampleBooking.date("2026-12-02T16:00:00Z"), duration: 3600))
        try await reader.refresh(window)
        try danaIsBusy("20261202T160000Z", "20261202T170000Z")
        try await reader.refresh(window)
        #expect(try busyHours() == 0, "a read younger than maximumAge answers")
        try await Task.sleep(for: .milliseconds(250))
        try await reader.refresh(.booking(at: SampleBooking.date("2026-12-04T16:00:00Z")))
        while await reader.isReadingLocalCalendars { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try busyHours() == 1, "the re-read behind the answer brought the new appointment in")

        try danaIsBusy("20270301T160000Z", "20270301T180000Z", name: "far")
        let far = TimeRange(start: SampleBooking.date("2027-03-01T00:00:00Z"), end: SampleBooking.date("2027-03-02T00:00:00Z"))
        try await reader.refresh(.listing(far))
        #expect(try busyHours(in: far) == 2, "beyond the kept span: read before answering")
    }

    func busyHours(
        in window: TimeRange = TimeRange(start: SampleBooking.date("2026-12-01T00:00:00Z"), end: SampleBooking.date("2026-12-05T00:00:00Z"))
    ) throws -> Int {
        let availability = try store.read { [dana] tx in try tx.availability(staff: [dana], window: window) }
        return Int((availability.busy["dana"] ?? []).reduce(0) { $0 + $1.duration } / 3600)
    }
}
