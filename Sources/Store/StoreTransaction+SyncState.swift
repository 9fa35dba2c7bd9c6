import Foundation
internal import GRDB
import Scheduling

// Calendar objects, sync tokens and the mirrored busy time of staff calendars.
extension StoreTransaction {
    // MARK: Calendar objects

    /// Creates or replaces the state of the object at (`staff`, `href`).
    public func upsertCalendarObject(_ object: CalendarObjectState) throws {
        try requireWritable("save calendar object \(object.href)")
        try translating(
            "saving calendar object \(object.href)",
            constraint: {
                "calendar object \(object.href) names staff \(object.staff) or booking \(object.bookingID?.rawValue ?? "-"), "
                    + "which is not in the store"
            }
        ) {
            try CalendarObjectRow(object).upsert(db)
        }
    }

    /// Forgets one object; returns whether it was stored.
    @discardableResult
    public func deleteCalendarObject(staff: StaffKey, href: String) throws -> Bool {
        try requireWritable("delete calendar object \(href)")
        return try translating("deleting calendar object \(href)") {
            try CalendarObjectRow.deleteOne(db, key: CalendarObjectRow.key(staff: staff, href: href))
        }
    }

    public func calendarObject(staff: StaffKey, href: String) throws -> CalendarObjectState? {
        try translating("reading calendar object \(href)") {
            try CalendarObjectRow.fetchOne(db, key: CalendarObjectRow.key(staff: staff, href: href))?.state()
        }
    }

    /// The staff member's objects (in one calendar, or all), by href.
    public func calendarObjects(staff: StaffKey, calendar: String? = nil) throws -> [CalendarObjectState] {
        var request = CalendarObjectRow.filter(CalendarObjectRow.Columns.staffKey == staff.rawValue)
        if let calendar { request = request.filter(CalendarObjectRow.Columns.calendar == calendar) }
        return try translating("listing calendar objects of \(staff)") {
            try request.order(CalendarObjectRow.Columns.href).fetchAll(db).map { $0.state() }
        }
    }

    /// The objects that are the event of `bookingID` (normally one; two while a moved
    /// booking's event changes calendars).
    public func calendarObjects(bookingID: BookingID) throws -> [CalendarObjectState] {
        try translating("listing calendar objects of \(bookingID)") {
            try CalendarObjectRow.filter(CalendarObjectRow.Columns.bookingID == bookingID.rawValue)
                .order(CalendarObjectRow.Columns.staffKey, CalendarObjectRow.Columns.href)
                .fetchAll(db).map { $0.state() }
        }
    }

    // MARK: Sync tokens

    public func calendarSyncState(staff: StaffKey, calendar: String) throws -> CalendarSyncState? {
        try translating("reading the sync state of \(staff) \(calendar)") {
            try CalendarStateRow.filter(
                CalendarStateRow.Columns.staffKey == staff.rawValue && CalendarStateRow.Columns.calendar == calendar
            )
            .fetchOne(db)?.state()
        }
    }

    /// Every stored sync state of the staff member, by calendar.
    public func calendarSyncStates(staff: StaffKey) throws -> [CalendarSyncState] {
        try translating("reading the sync states of \(staff)") {
            try CalendarStateRow.filter(CalendarStateRow.Columns.staffKey == staff.rawValue)
                .order(CalendarStateRow.Columns.calendar)
                .fetchAll(db).map { $0.state() }
        }
    }

    /// Creates or replaces the sync state of (`state.staff`, `state.calendar`).
    public func setCalendarSyncState(_ state: CalendarSyncState) throws {
        try requireWritable("save the sync state of \(state.staff)")
        try translating(
            "saving the sync state of \(state.staff) \(state.calendar)",
            constraint: { "there is no staff member \(state.staff) in the store" }
        ) {
            try CalendarStateRow(state).upsert(db)
        }
    }

    // MARK: Busy time mirror

    /// Replaces the staff member's busy intervals from `source` that overlap `window`
    /// with `intervals` (what a free-busy query or mirror pass over `window` found).
    /// Intervals of other sources, and those wholly outside the window, are kept.
    /// Empty intervals are skipped; one longer than a day is kept as day-long pieces
    /// (`StoredSpan`). When the stored intervals are already these, nothing is written
    /// (so a re-read calendar that did not change leaves caches of availability valid).
    /// Returns how many intervals were removed.
    @discardableResult
    public func replaceBusyIntervals(staff: StaffKey, window: TimeRange, with intervals: [TimeRange], source: String) throws -> Int {
        try requireWritable("replace busy time of \(staff)")
        return try translating(
            "replacing busy time of \(staff) from \(source)", constraint: { "there is no staff member \(staff) in the store" }
        ) {
            let rows = busyIntervalRows(staff: staff, overlapping: window, source: source)
            let wanted = Self.storedForm(of: intervals)
            if try storedBusy(rows) == wanted.map(Self.toTheMillisecond) { return 0 }
            let removed = try rows.deleteAll(db)
            let insert = try db.cachedStatement(
                sql: "INSERT INTO busy_intervals (staff_key, start_ms, end_ms, source) VALUES (?, ?, ?, ?)")
            for interval in wanted {
                try insert.execute(arguments: [staff.rawValue, Instant.ms(interval.start), Instant.ms(interval.end), source])
            }
            return removed
        }
    }

    /// Whether the store already holds exactly `intervals` as `staff`'s busy time from
    /// `source` in `window`: read first, outside a write, so an unchanged calendar never
    /// holds the write lock that bookings wait for.
    public func busyIntervalsMatch(staff: StaffKey, window: TimeRange, intervals: [TimeRange], source: String) throws -> Bool {
        try translating("reading busy time of \(staff)") {
            try storedBusy(busyIntervalRows(staff: staff, overlapping: window, source: source))
                == Self.storedForm(of: intervals).map(Self.toTheMillisecond)
        }
    }

    private func storedBusy(_ rows: QueryInterfaceRequest<BusyIntervalRow>) throws -> [TimeRange] {
        try rows.order(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs)
            .select(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs).asRequest(of: TimeSpanRow.self).fetchAll(db).map(
                \.range)
    }

    /// Day-long pieces, sorted, as rows are kept.
    private static func storedForm(of intervals: [TimeRange]) -> [TimeRange] {
        intervals.filter { !$0.isEmpty }.flatMap(StoredSpan.pieces(of:)).sorted(by: byStartThenEnd)
    }

    private static func byStartThenEnd(_ a: TimeRange, _ b: TimeRange) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }

    private static func toTheMillisecond(_ range: TimeRange) -> TimeRange {
        TimeRange(start: Instant.date(Instant.ms(range.start)), end: Instant.date(Instant.ms(range.end)))
    }

    /// The staff member's busy intervals overlapping `window` (of `source`, or all),
    /// sorted by start. Not merged: `Availability` accepts overlapping ranges, and busy
    /// time longer than a day comes back as its day-long pieces.
    public func busyIntervals(staff: StaffKey, overlapping window: TimeRange, source: String? = nil) throws -> [TimeRange] {
        try translating("reading busy time of \(staff)") {
            try busyIntervalRows(staff: staff, overlapping: window, source: source)
                .order(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs)
                .select(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs)
                .asRequest(of: TimeSpanRow.self)
                .fetchAll(db).map(\.range)
        }
    }

    /// Changes with every write to what `availability` reads (bookings, busy time, return
    /// calls), by any process: equal versions mean an equal availability.
    public func availabilityVersion() throws -> Int64 {
        try translating("reading the availability version") {
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM availability_version WHERE id = 1")) ?? 0
        }
    }

    private func busyIntervalRows(staff: StaffKey, overlapping window: TimeRange, source: String?)
        -> QueryInterfaceRequest<BusyIntervalRow>
    {
        typealias C = BusyIntervalRow.Columns
        let bounds = StoredSpan.startBounds(overlapping: window)
        var request = BusyIntervalRow.filter(
            C.staffKey == staff.rawValue && C.startMs >= bounds.lower && C.startMs < bounds.upper && C.endMs > bounds.windowStart)
        if let source { request = request.filter(C.source == source) }
        return request
    }
}
