import Foundation

extension CalDAVClient {
    /// The events of `calendar` overlapping `[from, to)` (calendar-query, RFC 4791 §7.8),
    /// with their data. The VEVENT comp-filter is always sent: iCloud refuses a query
    /// without one. Recurring events come back whole, as stored, not expanded.
    public func events(in calendar: URL, from: Date? = nil, to: Date? = nil) async throws(CalDAVError) -> [CalendarObject] {
        let calendar = HrefResolver.asCollection(calendar)
        var range = ""
        if from != nil || to != nil {
            range = "<c:time-range"
            if let from { range += " start=\"\(CalDAVTime.utc(from))\"" }
            if let to { range += " end=\"\(CalDAVTime.utc(to))\"" }
            range += "/>"
        }
        let inner =
            PropertyName.prop([.getETag, .calendarData])
            + "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter "
            + "name=\"VEVENT\">\(range)</c:comp-filter></c:comp-filter></c:filter>"
        let (multistatus, response) = try await multistatus(
            "REPORT", calendar, depth: "1",
            body: XMLWriter.document("c:calendar-query", inner))
        return objects(in: multistatus, answeredBy: response, calendar: calendar).objects
    }
}

/// Times as CalDAV's time-range wants them: UTC, basic format (`20261102T150000Z`).
enum CalDAVTime {
    static func utc(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false)
                .timeSeparator(.omitted).timeZone(separator: .omitted)
        ).replacingOccurrences(of: "+0000", with: "Z")
    }
}
