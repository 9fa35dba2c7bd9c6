"""Reads the messages SupportCal sent to one recipient, with Python's own parsers.

Usage: imip_check.py MAILDIR RECIPIENT ZONE

Prints a JSON list, one entry per message: headers as Python's `email` package reads
them, the MIME structure, the decoded text and HTML, and for an invitation what the
`icalendar` parser finds in the text/calendar part. For the start time it also prints
how the contact's zone shows it, computed here with zoneinfo, so the Swift test can
check the email body against an independent conversion (DST included).
"""
import json
import mailbox
import sys
from email import policy
from email.parser import BytesParser
from zoneinfo import ZoneInfo

import icalendar


def local_text(instant, zone_name):
    local = instant.astimezone(ZoneInfo(zone_name))
    hour = local.hour % 12 or 12
    suffix = "AM" if local.hour < 12 else "PM"
    offset = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if offset >= 0 else "-"
    hours, minutes = divmod(abs(offset), 60)
    label = "UTC" if offset == 0 else f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
    return f"{hour}:{local.minute:02d} {suffix} {label} ({zone_name})"


def calendar_facts(raw, zone_name):
    text = raw.decode("utf-8")
    lines = raw.split(b"\r\n")
    facts = {
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        "longest_line_octets": max(len(line) for line in lines),
        "sequence_lines": sum(1 for line in lines if line.startswith(b"SEQUENCE")),
    }
    calendar = icalendar.Calendar.from_ical(text)
    facts["method"] = str(calendar.get("METHOD", ""))
    facts["vtimezones"] = [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")]
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART")
        attendees = event.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
            "dtstamp": bool(event.get("DTSTAMP")),
            "summary": str(event.get("SUMMARY", "")),
            "organizer": str(event.get("ORGANIZER", "")),
            "attendees": [{"address": str(a), "rsvp": a.params.get("RSVP"), "partstat": a.params.get("PARTSTAT")} for a in attendees],
            "tzids": [p.params["TZID"] for p in (event.get("DTSTART"), event.get("DTEND")) if p is not None and "TZID" in p.params],
            "start_utc": start.dt.astimezone(ZoneInfo("UTC")).isoformat(),
            "start_local": local_text(start.dt, zone_name),
        })
    facts["events"] = events
    return facts


def main():
    folder, recipient, zone_name = sys.argv[1], sys.argv[2].lower(), sys.argv[3]
    result = []
    box = mailbox.Maildir(folder, factory=None, create=False)
    for key in box.keys():
        raw_message = box.get_bytes(key)
        message = BytesParser(policy=policy.default).parsebytes(raw_message)
        envelope = (message.get("X-Envelope-To") or "").lower()
        to = str(message.get("To") or "").lower()
        if recipient not in envelope and recipient not in to:
            continue
        entry = {
            "message_id": str(message.get("Message-ID")),
            "subject": str(message.get("Subject")),
            "from": str(message.get("From")),
            "to": [str(a.addr_spec) for a in message["To"].addresses],
            "to_names": [str(a.display_name) for a in message["To"].addresses],
            "reply_to": str(message.get("Reply-To") or ""),
            "header_names": sorted({name.lower() for name in message.keys()}),
            "envelope_to": envelope,
            "auto_submitted": str(message.get("Auto-Submitted") or ""),
            "structure": [part.get_content_type() for part in message.walk()],
            "longest_raw_line": max(len(line.rstrip(b"\r")) for line in raw_message.split(b"\n")),
            "bare_lf": b"\n" in raw_message.replace(b"\r\n", b""),
        }
        body = message.get_body(("plain",))
        entry["text"] = body.get_content() if body else ""
        html = message.get_body(("html",))
        entry["html"] = html.get_content() if html else ""
        for part in message.walk():
            if part.get_content_type() == "text/calendar":
                raw = part.get_payload(decode=True)
                entry["method_param"] = part.get_param("method")
                entry["calendar"] = calendar_facts(raw, zone_name)
                # As sent, for the other independent readers (libical, ical.js).
                entry["calendar_text"] = raw.decode("utf-8")
            elif part.get_filename() == "invite.ics":
                entry["attachment_type"] = part.get_content_type()
                entry["attachment_is_attachment"] = part.is_attachment()
                entry["attachment_same_as_calendar"] = None
                entry["_attachment"] = part.get_payload(decode=True)
        if "_attachment" in entry:
            attachment = entry.pop("_attachment")
            calendar_part = next((p for p in message.walk() if p.get_content_type() == "text/calendar"), None)
            entry["attachment_same_as_calendar"] = calendar_part is not None and calendar_part.get_payload(decode=True) == attachment
        result.append(entry)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
