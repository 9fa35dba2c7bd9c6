"""The Python `caldav` client doing the work `supportcal bench caldav` measures, for comparison.

On a fresh calendar of N events: the initial mirror (sync-collection + fetching every
object) and an incremental sync after 20 changes (10 edited, 5 added, 5 deleted).
Requests are counted by wrapping the client's HTTP session. Two variants:

  idiomatic  calendar.objects_by_sync_token(load_objects=True), then collection.sync():
             what caldav's documentation suggests; it loads objects one GET at a time
  multiget   sync-collection without data, then calendar.multiget in batches of 100:
             the same requests SupportCal makes, built from caldav's pieces

Usage: .venv/bin/python Tests/servers/bench_python_caldav.py --url http://127.0.0.1:5232/staff/ \
           --user staff --password-file PASSWORD_FILE [--events 2000] [--json]
"""
import argparse
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import caldav


class CountingClient:
    """A caldav DAVClient whose HTTP session counts what it sends."""

    def __init__(self, url, user, password):
        self.client = caldav.DAVClient(url=url, username=user, password=password)
        self.requests = 0
        session = self.client.session
        original = session.request

        def counted(*args, **kwargs):
            self.requests += 1
            return original(*args, **kwargs)

        session.request = counted


def event(uid, index, summary="Session"):
    day = 1 + index % 28
    hour = 8 + index % 10
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SupportCal bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261001T000000Z\r\nDTSTART:202611{day:02d}T{hour:02d}0000Z\r\n"
            f"DTEND:202611{day:02d}T{hour:02d}4500Z\r\nSUMMARY:{summary} {index} with Ærø Crating\r\n"
            "DESCRIPTION:Customer asked about exports\\, pallets\\; and labels.\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def measure(counting, body):
    before = counting.requests
    started = time.perf_counter()
    result = body()
    return result, counting.requests - before, (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="calendar home, e.g. http://127.0.0.1:5232/staff/")
    parser.add_argument("--user")
    parser.add_argument("--password-file")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    password = open(args.password_file).read().strip() if args.password_file else None
    home = args.url if args.url.endswith("/") else args.url + "/"

    setup = CountingClient(home, args.user, password)
    name = f"bench-py-{uuid.uuid4().hex[:8]}"
    calendar = caldav.CalendarSet(client=setup.client, url=home).make_calendar(name=name, cal_id=name)
    started = time.perf_counter()
    uids = [f"bench-{i}-{uuid.uuid4().hex}@supportcal.example" for i in range(args.events)]

    # Filled with plain conditional PUTs, as the Swift benchmark fills it: add_event's
    # no_overwrite searches the calendar for the UID first, which makes filling quadratic.
    def put(index):
        setup.client.put(f"{calendar.url}{index}.ics", event(uids[index], index),
                         {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(put, range(args.events)))
    fill_ms = (time.perf_counter() - started) * 1000

    # Initial mirror, both ways, each with its own counting client.
    idiomatic = CountingClient(home, args.user, password)
    cal_a = idiomatic.client.calendar(url=str(calendar.url))
    collection, a_initial_requests, a_initial_ms = measure(idiomatic, lambda: cal_a.objects_by_sync_token(load_objects=True))
    assert len(collection) == args.events, len(collection)

    multi = CountingClient(home, args.user, password)
    cal_b = multi.client.calendar(url=str(calendar.url))

    def multiget_mirror(token):
        listing = cal_b.objects_by_sync_token(token, load_objects=False)
        urls = [o.url for o in listing if o.url.canonical() not in listing.deleted_urls]
        loaded = []
        for start in range(0, len(urls), args.batch_size):
            loaded += cal_b.multiget(urls[start:start + args.batch_size])
        return listing, loaded

    (listing_b, loaded_b), b_initial_requests, b_initial_ms = measure(multi, lambda: multiget_mirror(None))
    assert len(loaded_b) == args.events, len(loaded_b)

    # The same changes SupportCal's benchmark makes: half edits, a quarter adds, a quarter deletes.
    edits = args.changes // 2
    adds = args.changes // 4
    deletes = args.changes - edits - adds
    # Changed through the set-up client, as a staff member's calendar app would.
    by_uid = {str(o.icalendar_component["UID"]): o.url for o in collection}
    for index in range(edits):
        obj = calendar.event_by_url(by_uid[uids[index]])
        obj.load()
        obj.data = event(uids[index], index, summary="Edited")
        obj.save()
    for index in range(adds):
        setup.client.put(f"{calendar.url}added-{index}.ics", event(f"added-{index}-{uuid.uuid4().hex}", index),
                         {"Content-Type": "text/calendar; charset=utf-8", "If-None-Match": "*"})
    for index in range(deletes):
        calendar.event_by_url(by_uid[uids[edits + index]]).delete()

    (updated, deleted), a_inc_requests, a_inc_ms = measure(idiomatic, collection.sync)
    assert len(updated) == edits + adds and len(deleted) == deletes, (len(updated), len(deleted))
    (listing_b2, loaded_b2), b_inc_requests, b_inc_ms = measure(multi, lambda: multiget_mirror(listing_b.sync_token))
    assert len(loaded_b2) == edits + adds, len(loaded_b2)

    calendar.delete()
    figures = {
        "events": args.events,
        "fillMilliseconds": round(fill_ms),
        "idiomatic": {"initialRequests": a_initial_requests, "initialMilliseconds": round(a_initial_ms),
                      "incrementalRequests": a_inc_requests, "incrementalMilliseconds": round(a_inc_ms)},
        "multiget": {"initialRequests": b_initial_requests, "initialMilliseconds": round(b_initial_ms),
                     "incrementalRequests": b_inc_requests, "incrementalMilliseconds": round(b_inc_ms)},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"python caldav {caldav.__version__}: {args.events} events (filled in {fill_ms / 1000:.1f} s), {args.changes} changes")
    for variant in ("idiomatic", "multiget"):
        f = figures[variant]
        print(f"  {variant:9}  initial mirror: {f['initialRequests']:5} requests {f['initialMilliseconds']:7} ms"
              f"   incremental: {f['incrementalRequests']:3} requests {f['incrementalMilliseconds']:6} ms")


if __name__ == "__main__":
    main()
