internal import CLibical
import Foundation

/// A DATE or DATE-TIME value as written, plus the instant it denotes.
public struct ICalTime: Sendable, Hashable, CustomStringConvertible {
    public enum Form: Sendable, Hashable {
        /// `...Z`
        case utc
        /// `TZID=...`: local time in the named zone.
        case zoned(tzid: String)
        /// No zone: the same wall-clock time wherever the reader is.
        case floating
        /// A whole day (VALUE=DATE), read in the reader's zone.
        case date
    }

    public var form: Form
    /// The wall-clock fields as written (`20261101T090000`, or `20261101` for a date).
    public var local: String
    /// The instant, with floating times and dates placed in the zone the caller chose.
    public var instant: Date

    public var isDate: Bool { form == .date }
    public var description: String { "\(local) (\(form)) = \(instant)" }
}

/// Conversions between libical's `icaltimetype` and instants.
enum TimeConversion {
    static func utcZone() -> OpaquePointer { icaltimezone_get_utc_timezone() }

    /// The zone a TZID names: a VTIMEZONE in the calendar, the plain IANA name,
    /// libical's prefixed name, or the IANA tail of a vendor TZID such as
    /// `/mozilla.org/20050126_1/America/New_York`.
    static func zone(forTZID tzid: String, calendar: OpaquePointer?) -> OpaquePointer? {
        if let calendar, let zone = icalcomponent_get_timezone(calendar, tzid) { return zone }
        if let zone = builtinZone(named: tzid) { return zone }
        return nil
    }

    static func builtinZone(named name: String) -> OpaquePointer? {
        if name == "UTC" || name == "Etc/UTC" || name == "GMT" || name == "Z" { return utcZone() }
        if let zone = icaltimezone_get_builtin_timezone(name) { return zone }
        if name.hasPrefix("/"), let zone = icaltimezone_get_builtin_timezone_from_tzid(name) { return zone }
        let parts = name.split(separator: "/")
        if parts.count > 2 {
            for start in 1..<(parts.count - 1) {
                let tail = parts[start...].joined(separator: "/")
                if let zone = icaltimezone_get_builtin_timezone(tail) { return zone }
            }
        }
        return nil
    }

    static func instant(of time: icaltimetype, in zone: OpaquePointer?) -> Date {
        var copy = time
        copy.zone = nil
        let seconds = icaltime_as_timet_with_zone(copy, zone)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func icalTime(_ date: Date, in zone: OpaquePointer?, isDate: Bool = false) -> icaltimetype {
        icaltime_from_timet_with_zone(time_t(date.timeIntervalSince1970.rounded(.down)), isDate ? 1 : 0, zone)
    }

    static func localString(_ time: icaltimetype) -> String {
        if time.is_date != 0 {
            return String(format: "%04d%02d%02d", time.year, time.month, time.day)
        }
        return String(format: "%04d%02d%02dT%02d%02d%02d", time.year, time.month, time.day, time.hour, time.minute, time.second)
    }

    /// Reads a DTSTART-like property of `component`: its form, wall-clock fields and instant.
    /// Floating times and dates are placed in `floatingZone`.
    static func read(_ property: OpaquePointer, calendar: OpaquePointer?, floatingZone: OpaquePointer?) -> (
        time: icaltimetype, value: ICalTime, zone: OpaquePointer?
    )? {
        guard let value = icalproperty_get_value(property) else { return nil }
        var time: icaltimetype
        switch icalvalue_isa(value) {
        case ICAL_DATETIME_VALUE, ICAL_DATE_VALUE:
            time = icalvalue_get_datetime(value)
        case ICAL_DATETIMEPERIOD_VALUE:
            let both = icalvalue_get_datetimeperiod(value)
            time = icaltime_is_null_time(both.time) == 0 ? both.time : both.period.start
        case ICAL_PERIOD_VALUE:
            time = icalvalue_get_period(value).start
        default:
            return nil
        }
        guard icaltime_is_null_time(time) == 0, icaltime_is_valid_time(time) != 0 else { return nil }
        return resolve(time, tzid: tzid(of: property), calendar: calendar, floatingZone: floatingZone)
    }

    static func resolve(_ time: icaltimetype, tzid: String?, calendar: OpaquePointer?, floatingZone: OpaquePointer?) -> (
        time: icaltimetype, value: ICalTime, zone: OpaquePointer?
    ) {
        let local = localString(time)
        if time.is_date != 0 {
            return (time, ICalTime(form: .date, local: local, instant: instant(of: time, in: floatingZone)), floatingZone)
        }
        if icaltime_is_utc(time) != 0 {
            return (time, ICalTime(form: .utc, local: local, instant: instant(of: time, in: utcZone())), utcZone())
        }
        if let tzid {
            // An unknown TZID is read in the caller's zone rather than refused: the
            // event still exists, and the zone the caller chose is the best guess.
            let zone = self.zone(forTZID: tzid, calendar: calendar) ?? floatingZone
            return (time, ICalTime(form: .zoned(tzid: tzid), local: local, instant: instant(of: time, in: zone)), zone)
        }
        return (time, ICalTime(form: .floating, local: local, instant: instant(of: time, in: floatingZone)), floatingZone)
    }

    static func tzid(of property: OpaquePointer) -> String? {
        guard let parameter = Libical.parameter(ICAL_TZID_PARAMETER, of: property),
            let tzid = icalparameter_get_tzid(parameter)
        else { return nil }
        return String(cString: tzid)
    }
}
