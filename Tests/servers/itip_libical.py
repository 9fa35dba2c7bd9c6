"""Checks iTIP messages with libical's own RFC 5546 restriction table, through GObject introspection.

Usage: /usr/bin/python3 itip_libical.py FILE...
  (Debian's python3 with python3-gi and gir1.2-ical-3.0; a pyenv/venv python has no `gi`.)
Output: a JSON list, one object per file:
  {"file", "method", "uid", "sequence" (int, or null when the property is absent),
   "start" (DTSTART as a UTC instant YYYY-MM-DDTHH:MM:SSZ, resolved with the file's own
   VTIMEZONE; null when floating), "tzid" (DTSTART's TZID or null),
   "floating" (true when DTSTART is neither UTC nor in a zone the file defines),
   "restriction_ok" (ICalGLib.Component.check_restrictions), "problems" (the X-LIC-ERROR
   texts libical attached while parsing or checking, prefixed with the component name)}
  or {"file", "error"} when libical returns no component (not iCalendar, or truncated).
"""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def children(component):
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        yield child
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)


def problems(component):
    kind = ICalGLib.PropertyKind.XLICERROR_PROPERTY
    name = ICalGLib.Component.kind_to_string(component.isa())
    found = []
    prop = component.get_first_property(kind)
    while prop is not None:
        found.append(f"{name}: {prop.get_xlicerror()}")
        prop = component.get_next_property(kind)
    for child in children(component):
        found += problems(child)
    return found


def start_of(calendar, event):
    """(utc string or None, tzid, floating)."""
    prop = event.get_first_property(ICalGLib.PropertyKind.DTSTART_PROPERTY)
    if prop is None:
        return None, None, False
    time = prop.get_dtstart()
    param = prop.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER)
    tzid = param.get_tzid() if param is not None else None
    if tzid is not None:
        # Not event.get_dtstart(): that falls back to libical's built-in zones when the
        # file lacks the VTIMEZONE, which would hide exactly what a recipient cannot resolve.
        zone = calendar.get_timezone(tzid)
        if zone is None:
            return None, tzid, True
        time.set_timezone(zone)
    elif not time.is_utc():
        return None, None, True
    utc = time.convert_to_zone(ICalGLib.Timezone.get_utc_timezone())
    text = "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
        utc.get_year(), utc.get_month(), utc.get_day(), utc.get_hour(), utc.get_minute(), utc.get_second())
    return text, tzid, False


def check(path):
    text = open(path, encoding="utf-8", newline="").read()
    # parse_string returns None when no VCALENDAR gets closed (it never runs the parser's
    # clean-up that would close it with "Missing END tag"), so truncation is an error here.
    calendar = ICalGLib.Parser.parse_string(text)
    if calendar is None or calendar.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
        return {"file": path, "error": "libical parsed no VCALENDAR (not iCalendar, truncated, or several roots)"}
    event = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    method = calendar.get_first_property(ICalGLib.PropertyKind.METHOD_PROPERTY)
    # Returns 1 when valid (the GIR doc's "number of restrictions" is wrong) and adds
    # X-LIC-ERRORs to the failing component; run it once, it adds them again each call.
    # In 3.0 it stops at the first failing child (a second VEVENT goes unchecked).
    restriction_ok = calendar.check_restrictions() == 1
    result = {"file": path, "method": method.get_value_as_string() if method else None}
    if event is None:
        return result | {"uid": None, "sequence": None, "start": None, "tzid": None, "floating": False,
                         "restriction_ok": restriction_ok, "problems": problems(calendar)}
    # get_sequence() reads 0 for a missing SEQUENCE; the property's presence matters for CANCEL.
    has_sequence = event.get_first_property(ICalGLib.PropertyKind.SEQUENCE_PROPERTY) is not None
    start, tzid, floating = start_of(calendar, event)
    return result | {
        "uid": event.get_uid(),
        "sequence": event.get_sequence() if has_sequence else None,
        "start": start,
        "tzid": tzid,
        "floating": floating,
        "restriction_ok": restriction_ok,
        "problems": problems(calendar),
    }


def main():
    results = []
    for path in sys.argv[1:]:
        try:
            results.append(check(path))
        except Exception as error:  # report, do not crash: the Swift test decides
            results.append({"file": path, "error": f"{type(error).__name__}: {error}"})
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
