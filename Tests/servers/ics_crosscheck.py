"""Reads an iCalendar file with two independent parsers and prints what each saw, as JSON.

Usage: ics_crosscheck.py FILE
Output: {"icalendar": {...}, "vobject": {...}} with method, uid, sequence, status,
start/end as UTC ISO-8601, the TZIDs used, the VTIMEZONE TZIDs defined, and the
attendees' parameters. A parser that refuses the file reports {"error": "..."}.
"""
import datetime
import json
import sys


def utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)


def with_icalendar(text):
    import icalendar

    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    event = events[0]
    attendees = event.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees] if attendees else []
    return {
        "method": str(calendar.get("METHOD")) if calendar.get("METHOD") else None,
        "events": len(events),
        "uid": str(event.get("UID")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "status": str(event.get("STATUS")) if event.get("STATUS") else None,
        "start": utc(event.decoded("DTSTART")),
        "end": utc(event.decoded("DTEND")),
        "tzid": event["DTSTART"].params.get("TZID"),
        "timezones": [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")],
        "attendees": [{k: str(v) for k, v in a.params.items()} | {"address": str(a)} for a in attendees],
        "organizer": str(event.get("ORGANIZER")),
        "booking": str(event.get("X-SUPPORTCAL-BOOKING-ID")),
    }


def with_vobject(text):
    import vobject

    calendar = vobject.readOne(text)
    event = calendar.vevent
    attendees = event.contents.get("attendee", [])
    return {
        "method": calendar.method.value if hasattr(calendar, "method") else None,
        "events": len(calendar.contents.get("vevent", [])),
        "uid": event.uid.value,
        "sequence": int(event.sequence.value) if hasattr(event, "sequence") else 0,
        "status": event.status.value if hasattr(event, "status") else None,
        "start": utc(event.dtstart.value),
        "end": utc(event.dtend.value),
        # vobject turns TZID into a tzinfo once parsed; the untransformed tree keeps it.
        "tzid": (vobject.readOne(text, transform=False).vevent.dtstart.params.get("TZID") or [None])[0],
        "timezones": [tz.tzid.value for tz in calendar.contents.get("vtimezone", [])],
        "attendees": [{k: ",".join(v) for k, v in a.params.items()} | {"address": a.value} for a in attendees],
        "organizer": event.organizer.value,
        "booking": event.contents["x-supportcal-booking-id"][0].value,
    }


def main():
    text = open(sys.argv[1], encoding="utf-8", newline="").read()
    result = {}
    for name, reader in (("icalendar", with_icalendar), ("vobject", with_vobject)):
        try:
            result[name] = reader(text)
        except Exception as error:  # report, do not crash: the Swift test decides
            result[name] = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
