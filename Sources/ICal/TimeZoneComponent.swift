internal import CLibical
import Foundation

/// VTIMEZONE components for what we emit.
///
/// libical names its system zones `/freeassociation.sourceforge.net/America/Chicago`,
/// which Thunderbird and other clients reject; interop.md asks for the plain IANA name.
/// Its components also carry every rule since 1883, so only the observances that
/// matter from `from` onwards are kept.
enum TimeZoneComponent {
    static func isUTC(_ identifier: String) -> Bool {
        ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"].contains(identifier)
    }

    /// libical's zone for an IANA name; nil when the system database does not know it.
    static func zone(_ identifier: String) -> OpaquePointer? {
        ICalRuntime.ensureConfigured()
        return icaltimezone_get_builtin_timezone(identifier)
    }

    /// A new VTIMEZONE (caller owns it) named `identifier`, covering instants from `from`.
    static func make(_ identifier: String, from: Date) throws(ICalError) -> OpaquePointer {
        guard let zone = zone(identifier), let source = icaltimezone_get_component(zone) else {
            throw ICalError(.unknownTimeZone, "unknown time zone \"\(identifier)\"; use an IANA name such as America/Chicago")
        }
        let component = icalcomponent_new_clone(source)!
        if let tzid = Libical.firstProperty(ICAL_TZID_PROPERTY, of: component) {
            icalproperty_set_tzid(tzid, identifier)
        }
        trimObservances(of: component, before: from)
        return component
    }

    /// Keeps the observances with an onset at or after `from`, plus the last one
    /// before it (it sets the offset in force at `from`).
    private static func trimObservances(of component: OpaquePointer, before from: Date) {
        let cutoff = TimeConversion.localString(TimeConversion.icalTime(from, in: TimeConversion.utcZone(), isDate: true)) + "T000000"
        var newestBefore: (component: OpaquePointer, onset: String)?
        var drop: [OpaquePointer] = []
        for observance in Libical.children(of: component) {
            let onset = lastOnset(of: observance)
            if onset >= cutoff { continue }
            if let current = newestBefore {
                if onset > current.onset {
                    drop.append(current.component)
                    newestBefore = (observance, onset)
                } else {
                    drop.append(observance)
                }
            } else {
                newestBefore = (observance, onset)
            }
        }
        for observance in drop {
            icalcomponent_remove_component(component, observance)
            icalcomponent_free(observance)
        }
    }

    /// The last local time this observance begins, as `YYYYMMDDTHHMMSS`, so onsets
    /// compare as strings; an open-ended RRULE never ends.
    private static func lastOnset(of observance: OpaquePointer) -> String {
        var onset =
            Libical.firstProperty(ICAL_DTSTART_PROPERTY, of: observance)
            .map { TimeConversion.localString(icalproperty_get_dtstart($0)) } ?? ""
        for rrule in Libical.properties(of: observance, kind: ICAL_RRULE_PROPERTY) {
            let rule = icalproperty_get_rrule(rrule)
            if icaltime_is_null_time(rule.until) != 0 { return "99991231T235959" }
            onset = max(onset, TimeConversion.localString(rule.until))
        }
        for rdate in Libical.properties(of: observance, kind: ICAL_RDATE_PROPERTY) {
            let value = icalproperty_get_rdate(rdate)
            onset = max(onset, TimeConversion.localString(value.time))
        }
        return onset
    }
}
