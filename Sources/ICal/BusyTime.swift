internal import CLibical
import Foundation

extension ICalDocument {
    /// The time this calendar marks busy inside `[from, to)`, merged and sorted.
    ///
    /// VEVENTs are expanded (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides); CANCELLED
    /// and TRANSPARENT events are free, TENTATIVE ones busy. VFREEBUSY periods count
    /// unless FBTYPE=FREE. Floating times and all-day dates are read in
    /// `floatingTimeZone` (an IANA name), because they mean the reader's local time.
    public func busyIntervals(from: Date, to: Date, floatingTimeZone: String = "UTC") throws(ICalError) -> [BusyInterval] {
        guard from < to else { return [] }
        ICalRuntime.ensureConfigured()
        guard let floating = TimeConversion.builtinZone(named: floatingTimeZone) else {
            throw ICalError(.unknownTimeZone, "unknown time zone \"\(floatingTimeZone)\"; use an IANA name such as America/Chicago")
        }
        let tree = try Self.parseTree(text)
        var expander = BusyTimeExpander(calendar: tree.raw, from: from, to: to, floatingZone: floating)
        try expander.expandEvents()
        expander.readFreeBusy()
        return BusyInterval.merged(expander.intervals)
    }
}

/// Walks one libical tree; lives only for the duration of a query.
struct BusyTimeExpander {
    /// A rule that yields this many instances before reaching the window end is
    /// refused rather than expanded: it would take unbounded time.
    static let maxOccurrences = 200_000

    let calendar: OpaquePointer
    let from: Date
    let to: Date
    let floatingZone: OpaquePointer
    var intervals: [BusyInterval] = []

    init(calendar: OpaquePointer, from: Date, to: Date, floatingZone: OpaquePointer) {
        self.calendar = calendar
        self.from = from
        self.to = to
        self.floatingZone = floatingZone
    }

    private struct Series {
        var start: icaltimetype
        var startInstant: Date
        var zone: OpaquePointer?
        var isDate: Bool
        /// Exact seconds for timed events, whole days for dates.
        var seconds: TimeInterval
        var days: Int32
    }

    mutating func expandEvents() throws(ICalError) {
        let events = Libical.children(of: calendar, kind: ICAL_VEVENT_COMPONENT)
        var overriddenStarts: [String: Set<Date>] = [:]
        for event in events {
            guard let uid = uid(of: event), let property = Libical.firstProperty(ICAL_RECURRENCEID_PROPERTY, of: event),
                let recurrenceID = TimeConversion.read(property, calendar: calendar, floatingZone: floatingZone)
            else { continue }
            overriddenStarts[uid, default: []].insert(recurrenceID.value.instant)
        }
        for event in events {
            let isOverride = Libical.firstProperty(ICAL_RECURRENCEID_PROPERTY, of: event) != nil
            guard let series = series(of: event) else { continue }
            if isOverride {
                if isBusy(event) { add(start: series.startInstant, series: series) }
                continue
            }
            let skip = uid(of: event).flatMap { overriddenStarts[$0] } ?? []
            var starts: [(time: icaltimetype, instant: Date)] = []
            let rules = Libical.properties(of: event, kind: ICAL_RRULE_PROPERTY)
            if rules.isEmpty {
                starts.append((series.start, series.startInstant))
            }
            for rule in rules {
                try expand(icalproperty_get_rrule(rule), series: series, into: &starts)
            }
            for rdate in Libical.properties(of: event, kind: ICAL_RDATE_PROPERTY) {
                guard let read = TimeConversion.read(rdate, calendar: calendar, floatingZone: series.zone ?? floatingZone) else { continue }
                starts.append((read.time, read.value.instant))
            }
            let excluded = exclusions(of: event, series: series)
            guard isBusy(event) else { continue }
            var seen = Set<Date>()
            for start in starts where !skip.contains(start.instant) && seen.insert(start.instant).inserted {
                if excluded.instants.contains(start.instant) || excluded.dates.contains(dateKey(start.time, series: series)) { continue }
                add(start: start.instant, localStart: start.time, series: series)
            }
        }
    }

    mutating func readFreeBusy() {
        for component in Libical.children(of: calendar, kind: ICAL_VFREEBUSY_COMPONENT) {
            for property in Libical.properties(of: component, kind: ICAL_FREEBUSY_PROPERTY) {
                if let type = Libical.parameter(ICAL_FBTYPE_PARAMETER, of: property), icalparameter_get_fbtype(type) == ICAL_FBTYPE_FREE {
                    continue
                }
                // Servers write several periods in one property, comma-separated.
                for period in Libical.wireValue(of: property).split(separator: ",") {
                    let parsed = icalperiodtype_from_string(String(period))
                    guard icaltime_is_null_time(parsed.start) == 0 else { continue }
                    let zone = icaltime_is_utc(parsed.start) != 0 ? TimeConversion.utcZone() : floatingZone
                    let start = TimeConversion.instant(of: parsed.start, in: zone)
                    let end =
                        icaltime_is_null_time(parsed.end) == 0
                        ? TimeConversion.instant(
                            of: parsed.end, in: icaltime_is_utc(parsed.end) != 0 ? TimeConversion.utcZone() : floatingZone)
                        : start.addingTimeInterval(TimeInterval(icaldurationtype_as_int(parsed.duration)))
                    if let interval = BusyInterval(start: start, end: end).clipped(from: from, to: to) {
                        intervals.append(interval)
                    }
                }
            }
        }
    }

    // MARK: - Pieces

    private func uid(of event: OpaquePointer) -> String? {
        Libical.firstProperty(ICAL_UID_PROPERTY, of: event).map(Libical.textValue(of:))
    }

    private func isBusy(_ event: OpaquePointer) -> Bool {
        if let status = Libical.firstProperty(ICAL_STATUS_PROPERTY, of: event),
            Libical.wireValue(of: status).uppercased() == "CANCELLED"
        {
            return false
        }
        if let transp = Libical.firstProperty(ICAL_TRANSP_PROPERTY, of: event),
            Libical.wireValue(of: transp).uppercased() == "TRANSPARENT"
        {
            return false
        }
        return true
    }

    private func series(of event: OpaquePointer) -> Series? {
        guard let dtstart = Libical.firstProperty(ICAL_DTSTART_PROPERTY, of: event),
            let start = TimeConversion.read(dtstart, calendar: calendar, floatingZone: floatingZone)
        else { return nil }
        let isDate = start.time.is_date != 0
        var seconds: TimeInterval = 0
        var days: Int32 = 0
        if let dtend = Libical.firstProperty(ICAL_DTEND_PROPERTY, of: event),
            let end = TimeConversion.read(dtend, calendar: calendar, floatingZone: floatingZone)
        {
            seconds = end.value.instant.timeIntervalSince(start.value.instant)
            days = Int32((seconds / 86_400).rounded())
        } else if let duration = Libical.firstProperty(ICAL_DURATION_PROPERTY, of: event) {
            seconds = TimeInterval(icaldurationtype_as_int(icalproperty_get_duration(duration)))
            days = Int32((seconds / 86_400).rounded())
        } else if isDate {
            // RFC 5545 §3.6.1: a DATE start without an end lasts one day.
            days = 1
        }
        if isDate ? days <= 0 : seconds <= 0 { return nil }
        return Series(start: start.time, startInstant: start.value.instant, zone: start.zone, isDate: isDate, seconds: seconds, days: days)
    }

    private func expand(_ rule: icalrecurrencetype, series: Series, into starts: inout [(time: icaltimetype, instant: Date)])
        throws(ICalError)
    {
        var first = series.start
        first.zone = nil
        guard let iterator = icalrecur_iterator_new(rule, first) else { return }
        defer { icalrecur_iterator_free(iterator) }
        // Jump close to the window instead of walking from a DTSTART years back;
        // libical allows this only for rules without COUNT.
        let lead = from.addingTimeInterval(-(series.seconds + TimeInterval(series.days + 2) * 86_400))
        if rule.count == 0, lead > series.startInstant {
            var jump = TimeConversion.icalTime(lead, in: series.zone, isDate: series.isDate)
            jump.zone = nil
            _ = icalrecur_iterator_set_start(iterator, jump)
        }
        var produced = 0
        while true {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            let instant = TimeConversion.instant(of: next, in: series.zone)
            if instant >= to { break }
            produced += 1
            if produced > Self.maxOccurrences {
                throw ICalError(.tooComplex, "a recurrence yields more than \(Self.maxOccurrences) instances before the end of the window")
            }
            starts.append((next, instant))
        }
    }

    private func exclusions(of event: OpaquePointer, series: Series) -> (instants: Set<Date>, dates: Set<String>) {
        var instants = Set<Date>()
        var dates = Set<String>()
        for exdate in Libical.properties(of: event, kind: ICAL_EXDATE_PROPERTY) {
            guard let read = TimeConversion.read(exdate, calendar: calendar, floatingZone: series.zone ?? floatingZone) else { continue }
            if read.time.is_date != 0 {
                dates.insert(TimeConversion.localString(read.time))
            } else {
                instants.insert(read.value.instant)
            }
        }
        return (instants, dates)
    }

    private func dateKey(_ time: icaltimetype, series: Series) -> String {
        var date = time
        date.is_date = 1
        return TimeConversion.localString(date)
    }

    private mutating func add(start: Date, localStart: icaltimetype? = nil, series: Series) {
        let end: Date
        if series.isDate {
            var local = localStart ?? series.start
            icaltime_adjust(&local, series.days, 0, 0, 0)
            end = TimeConversion.instant(of: local, in: series.zone)
        } else {
            end = start.addingTimeInterval(series.seconds)
        }
        if let interval = BusyInterval(start: start, end: end).clipped(from: from, to: to) {
            intervals.append(interval)
        }
    }
}
