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
    /// Empty intervals are skipped. Returns how many intervals were removed.
    @discardableResult
    public func replaceBusyIntervals(staff: StaffKey, window: TimeRange, with intervals: [TimeRange], source: String) throws -> Int {
        try requireWritable("replace busy time of \(staff)")
        return try translating(
            "replacing busy time of \(staff) from \(source)", constraint: { "there is no staff member \(staff) in the store" }
        ) {
            let removed = try busyIntervalRows(staff: staff, overlapping: window, source: source).deleteAll(db)
            for interval in intervals where !interval.isEmpty {
                try BusyIntervalRow(
                    staffKey: staff.rawValue, startMs: Instant.ms(interval.start), endMs: Instant.ms(interval.end), source: source
                )
                .insert(db)
            }
            return removed
        }
    }

    /// The staff member's busy intervals overlapping `window` (of `source`, or all),
    /// sorted by start. Not merged: `Availability` accepts overlapping ranges.
    public func busyIntervals(staff: StaffKey, overlapping window: TimeRange, source: String? = nil) throws -> [TimeRange] {
        try translating("reading busy time of \(staff)") {
            try busyIntervalRows(staff: staff, overlapping: window, source: source)
                .order(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs)
                .select(BusyIntervalRow.Columns.startMs, BusyIntervalRow.Columns.endMs)
                .asRequest(of: TimeSpanRow.self)
                .fetchAll(db).map(\.range)
        }
    }

    private func busyIntervalRows(staff: StaffKey, overlapping window: TimeRange, source: String?)
        -> QueryInterfaceRequest<BusyIntervalRow>
    {
        var request = BusyIntervalRow.filter(
            BusyIntervalRow.Columns.staffKey == staff.rawValue && BusyIntervalRow.Columns.startMs < Instant.ms(window.end)
                && BusyIntervalRow.Columns.endMs > Instant.ms(window.start))
        if let source { request = request.filter(BusyIntervalRow.Columns.source == source) }
        return request
    }
}
