import Foundation
import ICal
import Scheduling
import Store

extension BenchCommand.ServeBench {
    /// Fills each staff member's vdir with what a year leaves behind: one file per stored
    /// booking (its event, as delivery writes it) and `ownEvents` of the staff member's own
    /// (meetings over the year, one weekly series). Returns the number of files written.
    static func seedCalendars(store: SupportStore, dataDirectory: URL, ownEvents: Int) throws -> Int {
        let bookings = try store.read { tx in try tx.storedBookings() }
        let staffKeys = Set(bookings.map(\.booking.staff)).sorted { $0.rawValue < $1.rawValue }
        var written = 0
        for stored in bookings {
            let booking = stored.booking
            let text = event(
                uid: stored.calendarUID, start: booking.start, end: booking.start.addingTimeInterval(booking.sessionType.duration),
                extra: "\(BookingEvent.bookingIDProperty):\(booking.id.rawValue)\r\nSUMMARY:Support session\r\n")
            try write(text, named: "\(stored.calendarUID).ics", staff: booking.staff, in: dataDirectory)
            written += 1
        }
        let yearStart = try Date("2027-01-04T07:00:00Z", strategy: .iso8601)
        for (index, key) in staffKeys.enumerated() {
            let share = ownEvents / max(1, staffKeys.count)
            for number in 0..<share {
                // Spread over the year, early morning and evening so that some slots remain.
                let day = (number * 7 + index) % 360
                let start = yearStart.addingTimeInterval(TimeInterval(day) * 86_400 + (number % 2 == 0 ? 0 : 12 * 3600))
                let text = event(
                    uid: "own-\(key.rawValue)-\(number)@bench", start: start, end: start.addingTimeInterval(3600),
                    extra: "SUMMARY:Internal meeting\r\n")
                try write(text, named: "own-\(number).ics", staff: key, in: dataDirectory)
                written += 1
            }
            let series = event(
                uid: "standup-\(key.rawValue)@bench", start: yearStart, end: yearStart.addingTimeInterval(1800),
                extra: "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\nSUMMARY:Stand-up\r\n")
            try write(series, named: "standup.ics", staff: key, in: dataDirectory)
            written += 1
        }
        return written
    }

    private static func event(uid: String, start: Date, end: Date, extra: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal//bench//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\n"
            + "DTSTAMP:20261201T000000Z\r\nDTSTART:\(utc(start))\r\nDTEND:\(utc(end))\r\n\(extra)END:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    private static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    private static func write(_ text: String, named name: String, staff: StaffKey, in dataDirectory: URL) throws {
        let folder = dataDirectory.appendingPathComponent("calendars/\(staff.rawValue)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
}
